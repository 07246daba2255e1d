/** The operations API: `createOperations(context)` builds the `op` object a revision receives. */
import type { MigrationContext } from './context.js';
import { Operations } from './operations.js';

export function createOperations(context: MigrationContext): Operations {
  return new Operations(context);
}

export { RebuildBrokeForeignKeysError, ValueNotRepresentableError } from './batch/index.js';
export type {
  BatchForeignKeyOptions,
  BatchIndexOptions,
  BatchOperations,
  BatchOptions,
} from './batch/types.js';
export type {
  BackfillOptions,
  BackfillResult,
  BatchesOptions,
  BatchSource,
  BulkUpdateOptions,
  ProgressCounter,
  ProgressEvent,
} from './data/index.js';
export { CHECKPOINT_TABLE } from './data/index.js';
export * from './errors.js';
export { TableNotFoundError } from './inspect/index.js';
export type {
  Inspector,
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from './inspect/types.js';
export type {
  AlterColumnChanges,
  BatchRow,
  BulkInsertOptions,
  CreateIndexOptions,
  CreateTableOptions,
  DialectInfo,
  DropConstraintOptions,
  DropIndexOptions,
  ExecutableQuery,
  ForeignKeyOptions,
  QueryParameters,
} from './operations.js';
export { Operations } from './operations.js';
export * from './types.js';
export { InvalidOptionError } from './validate/index.js';
