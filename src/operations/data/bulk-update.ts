/**
 * Many rows' updates in one statement per chunk, joined on their key to a list of values:
 * PostgreSQL `UPDATE … FROM (VALUES …)`, SQLite `WITH v AS (VALUES …) UPDATE … FROM v`, and
 * MySQL/MariaDB `UPDATE t JOIN (SELECT … UNION ALL SELECT …) v ON … SET …`.
 */
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

export function renderBulkUpdate(
  runner: DataRunner,
  table: string,
  keys: readonly string[],
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
  types: ReadonlyMap<string, string>,
): { sql: string; parameters: unknown[] } {
  const dialect = runner.dialect;
  const quote = (name: string) => quoteIdentifier(dialect, name);
  const all = [...keys, ...columns];
  const placeholders = new Placeholders(dialect);
  const target = quote(table);
  const source = quote(VALUES);
  const join = keys.map((key) => `${target}.${quote(key)} = ${source}.${quote(key)}`).join(' AND ');
  const value = (row: Readonly<Record<string, unknown>>, column: string) =>
    placeholders.add(runner.bindable(row[column]));
  if (dialect === 'mysql') {
    const selects = rows.map((row, index) =>
      index === 0
        ? `SELECT ${all.map((column) => `${value(row, column)} AS ${quote(column)}`).join(', ')}`
        : `SELECT ${all.map((column) => value(row, column)).join(', ')}`,
    );
    const set = columns.map((column) => `${target}.${quote(column)} = ${source}.${quote(column)}`).join(', ');
    return {
      sql: `UPDATE ${target} JOIN (${selects.join(' UNION ALL ')}) AS ${source} ON ${join} SET ${set}`,
      parameters: placeholders.values,
    };
  }
  const tuples = rows.map((row, index) => {
    const items = all.map((column) => {
      const placeholder = value(row, column);
      const type = types.get(column);
      return index === 0 && type !== undefined ? `CAST(${placeholder} AS ${type})` : placeholder;
    });
    return `(${items.join(', ')})`;
  });
  const names = all.map(quote).join(', ');
  const set = columns.map((column) => `${quote(column)} = ${source}.${quote(column)}`).join(', ');
  const sql =
    dialect === 'postgresql'
      ? `UPDATE ${target} SET ${set} FROM (VALUES ${tuples.join(', ')}) AS ${source} (${names}) WHERE ${join}`
      : `WITH ${source} (${names}) AS (VALUES ${tuples.join(', ')}) UPDATE ${target} SET ${set} FROM ${source} WHERE ${join}`;
  return { sql, parameters: placeholders.values };
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
    const { sql, parameters } = renderBulkUpdate(runner, table, keys, columns, chunk, types);
    const result = await runner.run(`bulkUpdate(${table})`, sql, parameters);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}
