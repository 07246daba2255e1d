import type { DialectName } from '../../dialect.js';
import type { Inspector, ReflectedForeignKey } from '../../operations/inspect/types.js';
import { isBatchLeftover } from '../sql-rules.js';
import type { DoctorFinding } from './finding.js';

type Quote = (name: string) => string;

/**
 * Problems in the live schema: foreign keys whose target columns carry no primary key or unique
 * constraint, tables without a primary key, and tables a batch rebuild left behind.
 */
export async function checkSchema(
  inspector: Inspector,
  dialect: DialectName,
  quote: Quote,
): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  const tables = await inspector.getTables();
  const keysOf = keyCache(inspector);
  for (const table of tables) {
    if (isBatchLeftover(table)) {
      findings.push({
        check: 'batch-leftover',
        severity: 'warning',
        message: `Table ${table} is left over from an interrupted batch rebuild.`,
        fix: `Check that its rows are in the original table, then: DROP TABLE ${quote(table)};`,
      });
      continue;
    }
    const primaryKey = await inspector.getPrimaryKey(table);
    if (primaryKey.columns.length === 0) {
      findings.push({
        check: 'missing-primary-key',
        severity: 'warning',
        message: `Table ${table} has no primary key: rows cannot be addressed one by one, and replication and batch rebuilds suffer.`,
        fix:
          dialect === 'sqlite'
            ? `Add one with op.batchAlterTable('${table}', (batch) => batch.createPrimaryKey('pk_${table}', [...columns])) in a new revision.`
            : `Add one in a new revision: op.createPrimaryKey('pk_${table}', '${table}', [...columns]).`,
      });
    }
    for (const foreignKey of await inspector.getForeignKeys(table)) {
      const finding = await checkForeignKeyTarget(table, foreignKey, tables, keysOf, dialect, quote);
      if (finding !== null) findings.push(finding);
    }
  }
  return findings;
}

/** Every column set that is unique in a table: primary key, unique constraints, full unique indexes. */
function keyCache(inspector: Inspector): (table: string) => Promise<string[][]> {
  const cache = new Map<string, Promise<string[][]>>();
  return (table) => {
    let keys = cache.get(table);
    if (keys === undefined) {
      keys = (async () => {
        const primaryKey = await inspector.getPrimaryKey(table);
        const uniques = await inspector.getUniqueConstraints(table);
        const indexes = await inspector.getIndexes(table);
        return [
          [...primaryKey.columns],
          ...uniques.map((unique) => [...unique.columns]),
          ...indexes
            .filter(
              (index) =>
                index.unique && index.where === null && index.columns.every((column) => column !== null),
            )
            .map((index) => index.columns as string[]),
        ].filter((columns) => columns.length > 0);
      })();
      cache.set(table, keys);
    }
    return keys;
  };
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  const lower = (columns: readonly string[]) => columns.map((column) => column.toLowerCase()).sort();
  return a.length === b.length && lower(a).every((column, index) => column === lower(b)[index]);
}

async function checkForeignKeyTarget(
  table: string,
  foreignKey: ReflectedForeignKey,
  tables: readonly string[],
  keysOf: (table: string) => Promise<string[][]>,
  dialect: DialectName,
  quote: Quote,
): Promise<DoctorFinding | null> {
  const target = foreignKey.referencedTable;
  const label = `Foreign key ${foreignKey.name ?? `(${foreignKey.columns.join(', ')})`} of ${table}`;
  if (!tables.some((name) => name.toLowerCase() === target.toLowerCase())) {
    return {
      check: 'foreign-key-target',
      severity: 'error',
      message: `${label} references table ${target}, which does not exist.`,
      fix: `Create ${target}, or drop the foreign key in a new revision.`,
    };
  }
  const keys = await keysOf(target);
  // SQLite's REFERENCES parent (no columns) means the parent's primary key.
  const referenced = foreignKey.referencedColumns.length > 0 ? foreignKey.referencedColumns : (keys[0] ?? []);
  if (referenced.length > 0 && keys.some((key) => sameColumns(key, referenced))) return null;
  const columns = referenced.length > 0 ? referenced : foreignKey.columns;
  const constraint = `uq_${target}_${columns.join('_')}`;
  const list = columns.map(quote).join(', ');
  const fix =
    dialect === 'sqlite'
      ? `CREATE UNIQUE INDEX ${quote(constraint)} ON ${quote(target)} (${list});`
      : `ALTER TABLE ${quote(target)} ADD CONSTRAINT ${quote(constraint)} UNIQUE (${list});`;
  return {
    check: 'foreign-key-target',
    severity: 'error',
    message:
      `${label} references ${target} (${columns.join(', ')}), which has no primary key or unique constraint on ` +
      `those columns (PostgreSQL: "InvalidForeignKey: there is no unique constraint matching given keys for referenced table ${target}").`,
    fix: `Make the target unique (after removing duplicates): ${fix}`,
  };
}
