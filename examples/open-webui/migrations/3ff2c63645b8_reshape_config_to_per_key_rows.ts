/**
 * reshape config to per key rows: the single JSON blob of `config` becomes one row per setting,
 * keyed by its dotted path, with ~300 legacy names mapped to their storage keys (lib/config-keys).
 * The old table is kept as config_old for rollback; the downgrade puts it back.
 */
import { now, type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';
import { configRows } from './lib/config-reshape.js';
import { UnmigratableRowError } from './lib/errors.js';
import { decodeText, isObject, pythonJson, readJsonColumn, truthy } from './lib/json.js';
import { columnNames, nowSeconds } from './lib/schema.js';

export const revision = '3ff2c63645b8';
export const downRevision = '461111b60977';
export const message = 'reshape config to per key rows';
export const createDate = '2026-06-17 00:50:51.477073';

async function readBlob(op: Operations): Promise<unknown> {
  const { rows } = await op.execute('SELECT CAST(data AS TEXT) AS data FROM config ORDER BY id DESC LIMIT 1');
  let data = readJsonColumn(rows[0]?.data ?? null);
  if (!truthy(data)) return {};
  if (typeof data === 'string') {
    const decoded = decodeText(data);
    data = decoded.ok ? decoded.value : {};
  }
  return data;
}

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  const names = tables.has('config') ? await columnNames(op, 'config') : new Set<string>();
  const hasOld = names.has('id') && names.has('data');
  const hasNew = names.has('key') && names.has('value');
  const blob = hasOld ? await readBlob(op) : {};
  if (hasOld) {
    if (tables.has('config_old')) await op.dropTable('config_old');
    await op.renameTable('config', 'config_old');
  }
  if (!hasNew) {
    await op.createTable('config', {
      columns: [
        { name: 'key', type: t.text(), primaryKey: true, nullable: false },
        required('value', t.json()),
        column('updated_at', t.bigint()),
      ],
    });
  }
  if (!truthy(blob)) return;
  if (!isObject(blob)) {
    throw new UnmigratableRowError(
      revision,
      'the newest config row',
      'holds data that is not a JSON object, so it cannot be split into keys',
      'Fix config.data',
    );
  }
  const updatedAt = nowSeconds();
  const rows = [...configRows(blob)].map(([key, value]) => ({
    key,
    value: pythonJson(value),
    updated_at: updatedAt,
  }));
  await op.bulkInsert('config', rows);
}

export async function downgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  if (tables.has('config_old')) {
    await op.dropTable('config', { ifExists: true });
    await op.renameTable('config_old', 'config');
    return;
  }
  const names = tables.has('config') ? await columnNames(op, 'config') : new Set<string>();
  const perKey = names.has('key') && names.has('value');
  const blob: Record<string, unknown> = {};
  if (perKey) {
    const { rows } = await op.execute('SELECT key, CAST(value AS TEXT) AS value FROM config');
    for (const row of rows) {
      const value = readJsonColumn(row.value);
      // Upstream crashes on a string setting that is not itself JSON (a URL); keep it as text.
      const decoded = typeof value === 'string' ? decodeText(value) : null;
      blob[String(row.key)] = decoded?.ok ? decoded.value : value;
    }
    await op.dropTable('config');
  }
  if (tables.has('config') && !perKey) return;
  await op.createTable('config', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      required('data', t.json()),
      required('version', t.integer(), { default: '0' }),
      required('created_at', t.datetime(), { default: now() }),
      column('updated_at', t.datetime()),
    ],
  });
  if (Object.keys(blob).length > 0) await op.bulkInsert('config', [{ data: pythonJson(blob), version: 0 }]);
}
