/**
 * Keyset pagination: each page is one indexed range scan (`key > last ORDER BY key LIMIT n`), so
 * page 1,000 costs what page 1 costs and nothing beyond the current page is held in memory.
 */
import type { DataRunner } from './runner.js';
import { Placeholders, quoteIdentifier } from './sql.js';

/** A table by name, or any SELECT without placeholders (read as a derived table). */
export type BatchSource = string | { readonly query: string };

export interface BatchesOptions<Column extends string = string> {
  /**
   * The column pages are keyed on: unique and not null (default `id`). Always selected. With
   * `order: 'storage'` the position is the row's physical address instead (see there).
   */
  readonly key?: string;
  /** The columns to read (default: all). */
  readonly columns?: readonly Column[];
  /** Extra computed columns: alias → SQL expression, e.g. `{ meta: 'CAST(meta AS TEXT)' }`. */
  readonly expressions?: Readonly<Record<string, string>>;
  /** A SQL condition on the source's rows; no placeholders (put values in a query source). */
  readonly where?: string;
  /** Rows per page (default 1000). */
  readonly batchSize?: number;
  /**
   * `storage`: the table's physical order (rowid on SQLite, ctid on PostgreSQL), the order an
   * unordered SELECT reads in; for reproducing a read whose result depends on that order. Only
   * for tables (not queries) whose rows the scan does not update: PostgreSQL moves updated rows.
   */
  readonly order?: 'key' | 'storage';
  /** Start after this position (the key, or the storage position), e.g. a saved checkpoint. */
  readonly after?: unknown;
}

/** Where a row's page position comes from, and how the next page's condition reads. */
interface Position {
  readonly select: string | null;
  readonly member: string;
  readonly orderBy: string;
  after(placeholder: string): string;
}

/** The member of each row that holds its storage position (`order: 'storage'`). */
export const STORAGE_POSITION = '__ambix_position';

function positionFor(runner: DataRunner, options: BatchesOptions): Position {
  const quote = (name: string) => quoteIdentifier(runner.dialect, name);
  if (options.order === 'storage') {
    const column = runner.dialect === 'postgresql' ? 'ctid' : 'rowid';
    return {
      select: `${column} AS ${quote(STORAGE_POSITION)}`,
      member: STORAGE_POSITION,
      orderBy: column,
      after: (placeholder) =>
        runner.dialect === 'postgresql' ? `ctid > CAST(${placeholder} AS tid)` : `rowid > ${placeholder}`,
    };
  }
  const key = options.key ?? 'id';
  return {
    select: null,
    member: key,
    orderBy: quote(key),
    after: (placeholder) => `${quote(key)} > ${placeholder}`,
  };
}

function selectList(runner: DataRunner, options: BatchesOptions, position: Position): string {
  const quote = (name: string) => quoteIdentifier(runner.dialect, name);
  const items: string[] = position.select === null ? [] : [position.select];
  if (options.columns === undefined) items.push('*');
  else {
    const columns = new Set(options.columns);
    if (position.select === null) columns.add(position.member);
    for (const column of columns) items.push(quote(column));
  }
  for (const [alias, expression] of Object.entries(options.expressions ?? {})) {
    items.push(`${expression} AS ${quote(alias)}`);
  }
  return items.join(', ');
}

export function fromClause(runner: DataRunner, source: BatchSource): string {
  return typeof source === 'string'
    ? quoteIdentifier(runner.dialect, source)
    : `(${source.query}) AS ${quoteIdentifier(runner.dialect, 'ambix_source')}`;
}

/** One page's SQL after `after` (null: the first page). */
export function pageStatement(
  runner: DataRunner,
  source: BatchSource,
  options: BatchesOptions,
  after: unknown,
): { sql: string; parameters: unknown[] } {
  const position = positionFor(runner, options);
  const placeholders = new Placeholders(runner.dialect);
  const conditions: string[] = [];
  if (after !== null && after !== undefined) conditions.push(position.after(placeholders.add(after)));
  if (options.where !== undefined) conditions.push(`(${options.where})`);
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
  const from = fromClause(runner, source);
  const limit = options.batchSize ?? 1000;
  if (options.order === 'storage' && runner.dialect === 'postgresql') {
    // PostgreSQL sorts a TID range scan, and computes the select list (a JSON cast, a detoasted
    // column) for every row after the position before it sorts: each page would read the rest of
    // the table. The page's addresses are picked first, reading only ctid; then those rows are
    // fetched by address.
    const page = `SELECT ctid FROM ${from}${where} ORDER BY ctid LIMIT ${limit}`;
    const sql =
      `SELECT ${selectList(runner, options, position)} FROM ${from} ` +
      `WHERE ctid = ANY(ARRAY(${page})) ORDER BY ctid`;
    return { sql, parameters: placeholders.values };
  }
  const sql =
    `SELECT ${selectList(runner, options, position)} FROM ${from}${where} ` +
    `ORDER BY ${position.orderBy} LIMIT ${limit}`;
  return { sql, parameters: placeholders.values };
}

/** The position a page ends at: where the next one starts. */
export function positionAfter(options: BatchesOptions, rows: readonly Record<string, unknown>[]): unknown {
  const member = options.order === 'storage' ? STORAGE_POSITION : (options.key ?? 'id');
  return rows[rows.length - 1]?.[member] ?? null;
}

/** Yields the source's rows page by page, in key (or storage) order. */
export async function* keysetPages(
  runner: DataRunner,
  source: BatchSource,
  options: BatchesOptions,
): AsyncGenerator<Record<string, unknown>[]> {
  const size = options.batchSize ?? 1000;
  let after: unknown = options.after ?? null;
  for (;;) {
    const { sql, parameters } = pageStatement(runner, source, options, after);
    const { rows } = await runner.run('batches', sql, parameters);
    if (rows.length === 0) return;
    const page = rows as Record<string, unknown>[];
    after = positionAfter(options, page);
    yield page;
    if (rows.length < size) return;
  }
}

/** How many rows the source has (with `where`), for progress totals. */
export async function countRows(runner: DataRunner, source: BatchSource, where?: string): Promise<number> {
  const condition = where === undefined ? '' : ` WHERE (${where})`;
  const { rows } = await runner.run(
    'count',
    `SELECT COUNT(*) AS n FROM ${fromClause(runner, source)}${condition}`,
    [],
  );
  return Number(rows[0]?.n ?? 0);
}
