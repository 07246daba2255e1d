/**
 * Deleting rows as PostgreSQL does, on SQLite too. Migrations run SQLite with foreign keys off (as
 * Alembic does), so an upstream DELETE there leaves the rows that referenced the deleted ones
 * pointing nowhere, where PostgreSQL's ON DELETE CASCADE / SET NULL would have removed or cleared
 * them. The revisions apply those actions themselves, so both databases end with the same rows.
 */
import type { Operations } from 'ambix';

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface CascadeReport {
  /** Rows of other tables removed or cleared by the ON DELETE actions, per table. */
  readonly touched: ReadonlyMap<string, number>;
}

/**
 * `DELETE FROM table WHERE condition`, with the ON DELETE actions of every foreign key that
 * references `table` applied first (recursively for CASCADE). `condition` is SQL without
 * parameters, over `table`'s own columns. On PostgreSQL the database applies them; the rows it
 * will touch are counted first, so both databases report the same.
 */
export async function deleteCascading(
  op: Operations,
  table: string,
  condition: string,
): Promise<CascadeReport> {
  const touched = new Map<string, number>();
  await applyActions(op, { table, condition }, touched, 0);
  await op.execute(`DELETE FROM ${quote(table)} WHERE ${condition}`);
  return { touched };
}

/** Rows about to be deleted: `table`'s rows matching `condition`. */
interface Doomed {
  readonly table: string;
  readonly condition: string;
}

interface Reference {
  readonly table: string;
  readonly column: string;
  readonly referencedColumn: string;
  readonly action: 'CASCADE' | 'SET NULL';
}

/** Single-column foreign keys onto `parent` whose ON DELETE action changes rows. */
async function referencing(op: Operations, parent: string): Promise<Reference[]> {
  const references: Reference[] = [];
  for (const table of await op.inspect.getTables()) {
    for (const key of await op.inspect.getForeignKeys(table)) {
      const [column] = key.columns;
      const [referencedColumn] = key.referencedColumns;
      if (key.referencedTable !== parent || column === undefined || referencedColumn === undefined) continue;
      if (key.onDelete === 'CASCADE' || key.onDelete === 'SET NULL') {
        references.push({ table, column, referencedColumn, action: key.onDelete });
      }
    }
  }
  return references;
}

/** Depth guard: Open WebUI's cascades are at most two levels deep; a cycle must not loop. */
const MAX_DEPTH = 8;

/** Removes or clears (SQLite) or counts (PostgreSQL, which acts itself) the rows referencing `doomed`. */
async function applyActions(
  op: Operations,
  doomed: Doomed,
  touched: Map<string, number>,
  depth: number,
): Promise<void> {
  if (depth >= MAX_DEPTH) return;
  for (const reference of await referencing(op, doomed.table)) {
    const parents = `SELECT ${quote(reference.referencedColumn)} FROM ${quote(doomed.table)} WHERE ${doomed.condition}`;
    const where = `${quote(reference.column)} IN (${parents})`;
    const count = await op.execute(`SELECT COUNT(*) AS n FROM ${quote(reference.table)} WHERE ${where}`);
    const rows = Number(count.rows[0]?.n ?? 0);
    if (rows === 0) continue;
    touched.set(reference.table, (touched.get(reference.table) ?? 0) + rows);
    if (reference.action === 'CASCADE') {
      // Grandchildren first, while the rows that lead to them still exist.
      await applyActions(op, { table: reference.table, condition: where }, touched, depth + 1);
    }
    if (op.dialect.name !== 'sqlite') continue;
    if (reference.action === 'SET NULL') {
      await op.execute(
        `UPDATE ${quote(reference.table)} SET ${quote(reference.column)} = NULL WHERE ${where}`,
      );
    } else {
      await op.execute(`DELETE FROM ${quote(reference.table)} WHERE ${where}`);
    }
  }
}

/** "2 chat_file" style summary for progress lines; empty when nothing was touched. */
export function describeTouched(report: CascadeReport): string {
  return [...report.touched].map(([table, count]) => `${count} ${table}`).join(', ');
}
