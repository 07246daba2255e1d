/**
 * add missing primary keys to legacy peewee tables. Databases created before May 2026 got their
 * first tables from peewee with UNIQUE(id) but no primary key; this gives each such table the
 * expected key, named pk_<table>. On a database created by 7e5b5dc7342b nothing qualifies.
 */
import type { Operations } from 'ambix';
import { columnNames } from './lib/schema.js';

export const revision = '461111b60977';
export const downRevision = '3c9b0ca343fd';
export const message = 'add missing primary keys to legacy peewee tables';
export const createDate = '2026-05-14 04:38:14.000000';

const EXPECTED_KEYS: readonly [string, string[]][] = [
  ['auth', ['id']],
  ['chat', ['id']],
  ['chatidtag', ['id']],
  ['document', ['id']],
  ['file', ['id']],
  ['function', ['id']],
  ['memory', ['id']],
  ['model', ['id']],
  ['prompt', ['id']],
  ['tag', ['id', 'user_id']],
  ['tool', ['id']],
  ['user', ['id']],
];

const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  for (const [table, expected] of EXPECTED_KEYS) {
    if (!tables.has(table)) continue;
    const primaryKey = await op.inspect.getPrimaryKey(table);
    if (sameColumns(primaryKey.columns, expected)) continue;
    const names = await columnNames(op, table);
    if (!expected.every((name) => names.has(name))) continue;
    if (process.env.AMBIX_OPENWEBUI_QUIET !== '1') {
      process.stderr.write(`  ${table}: adding primary key pk_${table} (${expected.join(', ')})\n`);
    }
    await op.execute(`DROP TABLE IF EXISTS _alembic_tmp_${table}`);
    await op.batchAlterTable(table, (batch) => {
      if (primaryKey.columns.length > 0 && primaryKey.name !== null) {
        batch.dropConstraint(primaryKey.name, { type: 'primary' });
      }
      batch.createPrimaryKey(`pk_${table}`, expected);
    });
  }
}

export async function downgrade(_op: Operations): Promise<void> {
  // As upstream: the keys stay (removing them would only bring the legacy defect back).
}
