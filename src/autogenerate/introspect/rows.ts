/** Small helpers to turn catalog rows, read for all tables at once, into per-table lists. */
import { text } from '../../operations/inspect/query.js';
import type { CatalogRow } from './connection.js';

export { byName, nullableText, text } from '../../operations/inspect/query.js';

/** Rows grouped by the text of one column, keeping the query's order within each group. */
export function groupBy(rows: readonly CatalogRow[], column: string): Map<string, CatalogRow[]> {
  const groups = new Map<string, CatalogRow[]>();
  for (const row of rows) {
    const key = text(row[column]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

/** A `text[]` column (the pg driver parses arrays into JavaScript arrays). */
export function textArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text) : [];
}

/** Byte-order comparison of names, so results do not depend on a collation. */
export function compareNames(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
