/**
 * MySQL/MariaDB refuse to change the type of a column a foreign key uses, on either side of the
 * key ("Cannot change column 'x': used in a foreign key constraint"): widening `integer` keys to
 * `bigint` is the common case. A key the schema keeps is then dropped before the type changes and
 * added back after (phases 1 and 9 of `order.ts`), as one would by hand.
 */
import type { ForeignKeyModel, TableModel } from '../model.js';
import { foreignKeyName } from './names.js';
import { foreignKeyContent } from './table.js';
import type { SchemaChange } from './types.js';

/** A table present on both sides: the database's model (references under new names) and the code's. */
export interface MatchedTable {
  readonly database: TableModel;
  readonly code: TableModel;
}

/** The drops and re-adds of kept keys that use a column `changes` retypes (MySQL/MariaDB only). */
export function foreignKeysAroundRetypes(
  matched: readonly MatchedTable[],
  changes: readonly SchemaChange[],
): SchemaChange[] {
  const retyped = new Set(
    changes.flatMap((change) =>
      change.kind === 'alterColumn' && change.type !== undefined ? [`${change.table}\0${change.column}`] : [],
    ),
  );
  if (retyped.size === 0) return [];
  const touched = (table: string, columns: readonly string[]) =>
    columns.some((column) => retyped.has(`${table}\0${column}`));
  const handled = new Set(
    changes.flatMap((change) =>
      change.kind === 'addForeignKey' || change.kind === 'dropForeignKey'
        ? [`${change.table}\0${change.foreignKey.name}`]
        : [],
    ),
  );
  const result: SchemaChange[] = [];
  for (const { database, code } of matched) {
    for (const key of code.foreignKeys) {
      const name = key.name ?? foreignKeyName(code.name, key.columns, key.referencedTable);
      if (handled.has(`${code.name}\0${name}`)) continue;
      if (!touched(code.name, key.columns) && !touched(key.referencedTable, key.referencedColumns)) continue;
      const existing = databaseKey(database, key);
      if (existing === undefined || handled.has(`${code.name}\0${existing.name}`)) continue;
      // The key's index stays while the key is away, and serves it again when it is added back.
      result.push(
        {
          kind: 'dropForeignKey',
          table: code.name,
          foreignKey: existing,
          implicitIndex: null,
          destructive: false,
        },
        {
          kind: 'addForeignKey',
          table: code.name,
          foreignKey: { ...key, name },
          implicitIndex: null,
          destructive: false,
        },
      );
    }
  }
  return result;
}

/** The database's key that is the code's `key`: the same name, or else the same columns and target. */
function databaseKey(table: TableModel, key: ForeignKeyModel): ForeignKeyModel | undefined {
  const same = (candidate: ForeignKeyModel) =>
    foreignKeyContent('mysql', candidate) === foreignKeyContent('mysql', key);
  return (
    table.foreignKeys.find((candidate) => candidate.name !== null && candidate.name === key.name) ??
    table.foreignKeys.find(same)
  );
}
