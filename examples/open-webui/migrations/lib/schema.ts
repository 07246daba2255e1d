/**
 * The existence guards upstream writes with SQLAlchemy's Inspector, over `op.inspect`. Every
 * call reads the live catalog, so a guard placed after a change sees that change.
 */
import type { ColumnSpec, Operations } from 'ambix';

export async function hasTable(op: Operations, table: string): Promise<boolean> {
  return op.inspect.hasTable(table);
}

export async function columnNames(op: Operations, table: string): Promise<Set<string>> {
  return new Set((await op.inspect.getColumns(table)).map((column) => column.name));
}

export async function columnTypes(op: Operations, table: string): Promise<Map<string, string>> {
  return new Map((await op.inspect.getColumns(table)).map((column) => [column.name, column.type]));
}

export async function indexNames(op: Operations, table: string): Promise<Set<string>> {
  return new Set((await op.inspect.getIndexes(table)).map((index) => index.name));
}

/** SQLAlchemy's `isinstance(type, Text)`: TEXT and the other text-affinity large types, not VARCHAR or JSON. */
export function isTextFamily(type: string | undefined): boolean {
  return type !== undefined && /^(TEXT|CLOB|TINYTEXT|MEDIUMTEXT|LONGTEXT)\b/i.test(type);
}

/** SQLAlchemy's `isinstance(type, BigInteger)`: BIGINT, not INTEGER. */
export function isBigInteger(type: string | undefined): boolean {
  return type !== undefined && /^BIGINT\b/i.test(type);
}

/** Adds each column whose name the table lacks, reflecting the table's columns once, in order. */
export async function addColumnsIfMissing(
  op: Operations,
  table: string,
  columns: readonly ColumnSpec[],
): Promise<void> {
  const existing = await columnNames(op, table);
  for (const column of columns) {
    if (!existing.has(column.name)) await op.addColumn(table, column);
  }
}

export async function createIndexIfMissing(
  op: Operations,
  name: string,
  table: string,
  columns: readonly string[],
): Promise<void> {
  if (!(await indexNames(op, table)).has(name)) await op.createIndex(name, table, columns);
}

/** Integer seconds since the epoch, as Python's `int(time.time())`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
