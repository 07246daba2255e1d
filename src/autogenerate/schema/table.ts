import type { AnyColumn } from './column.js';
import type {
  CheckDeclaration,
  ForeignKeyDeclaration,
  IndexDeclaration,
  UniqueDeclaration,
} from './constraints.js';

export interface TableOptions<Col extends string = string> {
  /**
   * The primary key's name, and its column order when it differs from the table's column order.
   * Its columns are the ones marked `.primaryKey()`; `columns` may only reorder them.
   */
  readonly primaryKey?: { readonly name?: string; readonly columns?: readonly Col[] };
  readonly indexes?: readonly IndexDeclaration<Col>[];
  readonly uniques?: readonly UniqueDeclaration<Col>[];
  readonly foreignKeys?: readonly ForeignKeyDeclaration<Col>[];
  readonly checks?: readonly CheckDeclaration[];
  /** Table comment (not stored by SQLite). */
  readonly comment?: string;
}

export type ColumnsOf = Readonly<Record<string, AnyColumn>>;

/** A table of a schema: its columns (in declaration order) and table-level options. */
export class TableDefinition<C extends ColumnsOf = ColumnsOf, ForeignKeyColumn extends string = string> {
  /** Type-level only: the columns in table-level foreign keys, which are never numbered by the database. */
  declare readonly '~foreignKeyColumns': ForeignKeyColumn;

  constructor(
    readonly columns: C,
    readonly options: TableOptions,
  ) {}
}

type ForeignKeyColumnsOf<O> = O extends { readonly foreignKeys: readonly ForeignKeyDeclaration<infer Col>[] }
  ? Col
  : never;

/**
 * A table: `table({ id: column.integer().primaryKey(), … }, { indexes: […], comment: '…' })`.
 * The keys of `columns` are the column names.
 */
export function table<
  C extends ColumnsOf,
  O extends TableOptions<Extract<keyof C, string>> = Record<string, never>,
>(
  columns: C,
  options?: O & TableOptions<Extract<keyof C, string>>,
): TableDefinition<C, ForeignKeyColumnsOf<O>> {
  return new TableDefinition(columns, options ?? {});
}
