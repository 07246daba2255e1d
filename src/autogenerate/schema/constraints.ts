/**
 * Table-level indexes and constraints: `index`, `unique`, `foreignKey`, `check`. Column names are
 * type parameters, so `table()` rejects one that is not a column of the table at compile time;
 * `defineSchema` checks the same at runtime for schemas built without types.
 */
import type { ReferentialAction, SqlExpression } from '../../operations/types.js';

/** An index element: a column name, or an expression such as `sql\`lower(email)\``. */
export type IndexElementDeclaration<Col extends string> = Col | SqlExpression;

export interface IndexOptions {
  readonly unique?: boolean;
  /** A partial index's condition (PostgreSQL and SQLite). */
  readonly where?: string | SqlExpression;
}

export interface IndexDeclaration<Col extends string = string> {
  readonly type: 'index';
  /** Undefined: named by the schema's convention (an index with an expression needs a name). */
  readonly name: string | undefined;
  readonly elements: readonly IndexElementDeclaration<Col>[];
  readonly unique: boolean;
  readonly where: string | SqlExpression | undefined;
}

export interface UniqueDeclaration<Col extends string = string> {
  readonly type: 'unique';
  readonly name: string | undefined;
  readonly columns: readonly Col[];
}

export interface ForeignKeyOptions {
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export interface ForeignKeyDeclaration<Col extends string = string> {
  readonly type: 'foreignKey';
  readonly name: string | undefined;
  readonly columns: readonly Col[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction | undefined;
  readonly onUpdate: ReferentialAction | undefined;
}

export interface CheckDeclaration {
  readonly type: 'check';
  readonly name: string;
  readonly expression: string | SqlExpression;
}

/**
 * An index: `index('ix_user_lower_email', [sql\`lower(email)\`], { unique: true })`, or without a
 * name, `index(['user_id', 'created_at'])`, named by the schema's convention.
 */
export function index(
  name: string,
  expressions: readonly SqlExpression[],
  options?: IndexOptions,
): IndexDeclaration<never>;
export function index<const Col extends string>(
  name: string,
  elements: readonly IndexElementDeclaration<Col>[],
  options?: IndexOptions,
): IndexDeclaration<Col>;
export function index(expressions: readonly SqlExpression[], options?: IndexOptions): IndexDeclaration<never>;
export function index<const Col extends string>(
  elements: readonly IndexElementDeclaration<Col>[],
  options?: IndexOptions,
): IndexDeclaration<Col>;
export function index<const Col extends string>(
  first: string | readonly IndexElementDeclaration<Col>[],
  second?: readonly IndexElementDeclaration<Col>[] | IndexOptions,
  third?: IndexOptions,
): IndexDeclaration<Col> {
  const named = typeof first === 'string';
  const elements = (named ? second : first) as readonly IndexElementDeclaration<Col>[];
  const options = ((named ? third : second) ?? {}) as IndexOptions;
  return {
    type: 'index',
    name: named ? first : undefined,
    elements: [...elements],
    unique: options.unique ?? false,
    where: options.where,
  };
}

/** A unique constraint on several columns: `unique(['group_id', 'user_id'])` or `unique(name, columns)`. */
export function unique<const Col extends string>(
  name: string,
  columns: readonly Col[],
): UniqueDeclaration<Col>;
export function unique<const Col extends string>(columns: readonly Col[]): UniqueDeclaration<Col>;
export function unique<const Col extends string>(
  first: string | readonly Col[],
  second?: readonly Col[],
): UniqueDeclaration<Col> {
  const named = typeof first === 'string';
  const columns = (named ? second : first) as readonly Col[];
  return { type: 'unique', name: named ? first : undefined, columns: [...columns] };
}

/** A foreign key, composite or not: `foreignKey(['a', 'b'], 'parent', ['x', 'y'], { onDelete: 'CASCADE' })`. */
export function foreignKey<const Col extends string>(
  columns: readonly Col[],
  referencedTable: string,
  referencedColumns: readonly string[],
  options: ForeignKeyOptions = {},
): ForeignKeyDeclaration<Col> {
  return {
    type: 'foreignKey',
    name: options.name,
    columns: [...columns],
    referencedTable,
    referencedColumns: [...referencedColumns],
    onDelete: options.onDelete,
    onUpdate: options.onUpdate,
  };
}

/**
 * A check constraint. Checks are always named: no convention can derive a stable name from an
 * arbitrary condition, and an unnamed check could only be matched by its text, which each
 * database rewrites its own way.
 */
export function check(name: string, expression: string | SqlExpression): CheckDeclaration {
  return { type: 'check', name, expression };
}
