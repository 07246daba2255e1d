/**
 * Many rows' updates in one statement per chunk, joined on their key to a list of values:
 * `WITH v AS (VALUES …) UPDATE … FROM v` on PostgreSQL (the key bounded by the batch's range, so
 * the update reads the index, not the table) and SQLite, and
 * MySQL/MariaDB `UPDATE t JOIN (SELECT … UNION ALL SELECT …) v ON … SET …`.
 */
import type { DialectName } from '../../dialect.js';
import type { DataRunner } from './runner.js';
import { MAX_PARAMETERS_PER_STATEMENT, Placeholders, quoteIdentifier } from './sql.js';

export interface BulkUpdateOptions {
  /** The column(s) that identify a row (default `id`); every row must carry them. */
  readonly key?: string | readonly string[];
}

/** The alias of the values list in the rendered statements. */
const VALUES = 'ambix_values';

/**
 * PostgreSQL types a VALUES list from its first row; bound parameters have no type, so the first
 * row's are cast to the target columns' types, read from the catalog.
 */
async function postgresTypes(runner: DataRunner, table: string): Promise<Map<string, string>> {
  const { rows } = await runner.run(
    'bulkUpdate',
    'SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute ' +
      'WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped',
    [quoteIdentifier('postgresql', table)],
  );
  return new Map(rows.map((row) => [String(row.attname), String(row.type)]));
}

/**
 * The statement text for `count` rows. It depends on the shape alone, not the values, so it is
 * built once per shape and shared: the runtime keeps each statement's text (its first 2,000
 * characters, which still hold on to the whole string) for failure reports, and one shared string
 * per shape keeps that record small however many batches a backfill writes.
 */
export function bulkUpdateText(
  dialect: DialectName,
  table: string,
  keys: readonly string[],
  columns: readonly string[],
  count: number,
  types: ReadonlyMap<string, string>,
): string {
  const cacheKey = JSON.stringify([dialect, table, keys, columns, count, [...types]]);
  const cached = texts.get(cacheKey);
  if (cached !== undefined) return cached;
  const quote = (name: string) => quoteIdentifier(dialect, name);
  const all = [...keys, ...columns];
  const placeholders = new Placeholders(dialect);
  const target = quote(table);
  const source = quote(VALUES);
  const join = keys.map((key) => `${target}.${quote(key)} = ${source}.${quote(key)}`).join(' AND ');
  let sql: string;
  if (dialect === 'mysql') {
    const selects = Array.from({ length: count }, (_, index) =>
      index === 0
        ? `SELECT ${all.map((column) => `${placeholders.add(null)} AS ${quote(column)}`).join(', ')}`
        : `SELECT ${all.map(() => placeholders.add(null)).join(', ')}`,
    );
    const set = columns.map((column) => `${target}.${quote(column)} = ${source}.${quote(column)}`).join(', ');
    sql = `UPDATE ${target} JOIN (${selects.join(' UNION ALL ')}) AS ${source} ON ${join} SET ${set}`;
  } else {
    const tuples = Array.from({ length: count }, (_, index) => {
      const items = all.map((column) => {
        const placeholder = placeholders.add(null);
        const type = types.get(column);
        return index === 0 && type !== undefined ? `CAST(${placeholder} AS ${type})` : placeholder;
      });
      return `(${items.join(', ')})`;
    });
    const names = all.map(quote).join(', ');
    const set = columns.map((column) => `${quote(column)} = ${source}.${quote(column)}`).join(', ');
    // PostgreSQL would hash-join the values with a sequential scan of the whole table, once per
    // batch; bounding the first key column by the batch's own min and max lets it use the index.
    const first = quote(keys[0] ?? 'id');
    const bounded =
      dialect === 'postgresql'
        ? ` AND ${target}.${first} >= (SELECT min(${first}) FROM ${source}) AND ${target}.${first} <= (SELECT max(${first}) FROM ${source})`
        : '';
    sql = `WITH ${source} (${names}) AS (VALUES ${tuples.join(', ')}) UPDATE ${target} SET ${set} FROM ${source} WHERE ${join}${bounded}`;
  }
  if (texts.size >= MAX_CACHED_TEXTS) texts.delete(texts.keys().next().value as string);
  texts.set(cacheKey, sql);
  return sql;
}

/** Statement texts by shape; a backfill uses one or two (full batches and the last one). */
const texts = new Map<string, string>();
const MAX_CACHED_TEXTS = 16;

/** The bound values, row by row in column order, as the text's placeholders number them. */
function bulkUpdateParameters(
  runner: DataRunner,
  rows: readonly Readonly<Record<string, unknown>>[],
  all: readonly string[],
): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const column of all) values.push(runner.bindable(row[column]));
  return values;
}

/** Updates each row (found by its key) to its values; returns how many rows changed. */
export async function bulkUpdate(
  runner: DataRunner,
  table: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  options: BulkUpdateOptions,
): Promise<number> {
  if (rows.length === 0) return 0;
  const keys = typeof options.key === 'string' ? [options.key] : (options.key ?? ['id']);
  const keySet = new Set(keys);
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter(
    (column) => !keySet.has(column),
  );
  if (columns.length === 0) return 0;
  const types =
    runner.dialect === 'postgresql' ? await postgresTypes(runner, table) : new Map<string, string>();
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / (keys.length + columns.length)));
  let changed = 0;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const sql = bulkUpdateText(runner.dialect, table, keys, columns, chunk.length, types);
    const parameters = bulkUpdateParameters(runner, chunk, [...keys, ...columns]);
    const result = await runner.run(`bulkUpdate(${table})`, sql, parameters);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}
