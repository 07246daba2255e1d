/** The declarative schema: what users write in their schema file, and the model it gives. */
export {
  type AnyColumn,
  ColumnBuilder,
  type ColumnDeclaration,
  type ColumnReferenceDeclaration,
  type ColumnState,
  column,
  type DialectColumnOverride,
  type ReferenceOptions,
} from './column.js';
export {
  type CheckDeclaration,
  check,
  type ForeignKeyDeclaration,
  type ForeignKeyOptions,
  foreignKey,
  type IndexDeclaration,
  type IndexElementDeclaration,
  type IndexOptions,
  index,
  type UniqueDeclaration,
  unique,
} from './constraints.js';
export { defineSchema, isSchema, type Schema, type SchemaOptions, type TablesOf } from './define.js';
export { InvalidSchemaError, type SchemaProblem } from './errors.js';
export type { InferDatabase, InferTable, ValueTypes } from './infer.js';
export { type SchemaModelOptions, schemaModel } from './model.js';
export {
  DEFAULT_NAMING,
  type ForeignKeyNameContext,
  type NameContext,
  type NamingConvention,
  type NamingRule,
} from './naming.js';
export { sql } from './sql.js';
export { type ColumnsOf, type TableDefinition, type TableOptions, table } from './table.js';
