import type { ReferentialAction } from '../types.js';
import { nullableText, type Row, text } from './query.js';
import type { ParsedTable } from './sqlite-sql.js';
import type { ReflectedForeignKey } from './types.js';

/**
 * SQLite's foreign keys, shared by `op.inspect` (one table) and autogenerate's whole-schema
 * introspection: the pragma gives the members and actions, the stored DDL gives the names.
 * Rows are `pragma_foreign_key_list` rows of one table, selected as `id, referenced_table, local,
 * remote, on_update, on_delete` in `id, seq` order.
 */

/** Names as the table declares them: DDL may spell a column in another case than its definition. */
export function canonicalNames(names: readonly string[], declared: readonly string[]): string[] {
  return names.map((name) => declared.find((column) => column.toLowerCase() === name.toLowerCase()) ?? name);
}

/** Tables referenced without columns (`REFERENCES t`): their primary keys are the referenced columns. */
export function tablesReferencedByKey(rows: readonly Row[]): string[] {
  return [
    ...new Set(
      rows.filter((row) => nullableText(row.remote) === null).map((row) => text(row.referenced_table)),
    ),
  ];
}

/** The table's foreign keys in declaration order (those the DDL does not show, last). */
export function sqliteForeignKeys(
  rows: readonly Row[],
  parsed: ParsedTable,
  declared: readonly string[],
  primaryKeyOf: (table: string) => readonly string[],
): ReflectedForeignKey[] {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const id = Number(row.id);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [row]);
    else group.push(row);
  }
  const found: { key: ReflectedForeignKey; declaredAt: number }[] = [];
  for (const members of groups.values()) {
    const first = members[0]!;
    const referencedTable = text(first.referenced_table);
    const columns = canonicalNames(
      members.map((member) => text(member.local)),
      declared,
    );
    const remote = members.map((member) => nullableText(member.remote));
    const referencedColumns = remote.every((column) => column !== null)
      ? remote
      : [...primaryKeyOf(referencedTable)];
    const declaredAt = parsed.foreignKeys.findIndex(
      (candidate) =>
        candidate.referencedTable.toLowerCase() === referencedTable.toLowerCase() &&
        sameNames(canonicalNames(candidate.columns, declared), columns),
    );
    found.push({
      declaredAt,
      key: {
        name: parsed.foreignKeys[declaredAt]?.name ?? null,
        columns,
        referencedTable,
        referencedColumns,
        onDelete: action(first.on_delete),
        onUpdate: action(first.on_update),
      },
    });
  }
  found.sort((left, right) => left.declaredAt - right.declaredAt);
  return found.map((entry) => entry.key);
}

function sameNames(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((name, at) => name === right[at]);
}

function action(value: unknown): ReferentialAction | null {
  const normalised = text(value).toUpperCase();
  return normalised === 'NO ACTION' || normalised === '' ? null : (normalised as ReferentialAction);
}
