/**
 * Update user table: profile and presence columns, info/settings TEXT → JSON, the api_key table,
 * and user.oauth_sub / user.api_key moved into user.oauth / api_key rows, then dropped.
 *
 * Upstream bug, fixed here: upstream stores `json.dumps({...})` through a JSON column, so
 * user.oauth holds a JSON *string* containing JSON (issue #28101; repaired upstream only later,
 * by 6d09d1bf1f23). ambix stores the object itself: `{"google": {"sub": "123"}}`. The downgrade
 * reads both forms, so it also works on a database Alembic migrated.
 *
 * Also unlike upstream: on SQLite a NULL info/settings stays NULL (as on PostgreSQL); on
 * PostgreSQL text that is not valid JSON becomes JSON null (as on SQLite) instead of aborting
 * the whole upgrade. Both databases now end with the same values.
 */
import { type Operations, t } from 'ambix';
import { column, required, uniqueTextKey } from './lib/columns.js';
import { decodeText, entriesOf, isObject, jsonText, pythonJson, readJsonColumn } from './lib/json.js';
import { isTextFamily, nowSeconds } from './lib/schema.js';

export const revision = 'b10670c03dd5';
export const downRevision = '2f1211949ecc';
export const message = 'Update user table';
export const createDate = '2025-11-28 04:55:31.737538';

const PROFILE_COLUMNS = [
  column('profile_banner_image_url', t.text()),
  column('timezone', t.string()),
  column('presence_state', t.string()),
  column('status_emoji', t.string()),
  column('status_message', t.text()),
  column('status_expires_at', t.bigint()),
];

/** SQLite cannot change a column's type in place: copy into a new JSON column, swap names. */
async function textToJson(op: Operations, name: string): Promise<void> {
  if (op.dialect.name !== 'sqlite') {
    // `USING x::json` aborts the whole upgrade on one bad value; such text becomes JSON null
    // first, as on SQLite.
    for await (const rows of op.batches('user', {
      columns: [name],
      where: `${name} IS NOT NULL`,
    })) {
      for (const row of rows) {
        if (decodeText(String(row[name])).ok) continue;
        await op.execute(`UPDATE "user" SET ${name} = 'null' WHERE id = :id`, { id: row.id });
      }
    }
    await op.alterColumn('user', name, { type: t.json(), using: `${name}::json`, existingType: t.text() });
    return;
  }
  const temporary = `${name}_json`;
  await op.addColumn('user', { name: temporary, type: t.json() });
  const progress = op.progress(null, `user.${name} to JSON`);
  for await (const rows of op.batches('user', { columns: [name] })) {
    for (const row of rows) {
      const raw = row[name];
      if (raw === null) continue;
      const decoded = decodeText(String(raw));
      await op.execute(`UPDATE "user" SET ${temporary} = :value WHERE id = :id`, {
        value: pythonJson(decoded.ok ? decoded.value : null),
        id: row.id,
      });
    }
    progress.tick(rows.length);
  }
  progress.finish();
  await op.dropColumn('user', name);
  await op.alterColumn('user', temporary, { newName: name });
}

async function jsonToText(op: Operations, name: string): Promise<void> {
  if (op.dialect.name !== 'sqlite') {
    await op.alterColumn('user', name, {
      type: t.text(),
      using: `to_json(${name})::text`,
      existingType: t.json(),
    });
    return;
  }
  const temporary = `${name}_text`;
  await op.addColumn('user', { name: temporary, type: t.text() });
  for await (const rows of op.batches('user', { columns: [], expressions: jsonText([name]) })) {
    for (const row of rows) {
      const value = readJsonColumn(row[name]);
      if (value === null || value === undefined) continue;
      await op.execute(`UPDATE "user" SET ${temporary} = :value WHERE id = :id`, {
        value: pythonJson(value),
        id: row.id,
      });
    }
  }
  await op.dropColumn('user', name);
  await op.alterColumn('user', temporary, { newName: name });
}

/** `provider@sub`, or `oidc` as the provider when there is no `@`. */
function oauthFromSub(sub: string): Record<string, { sub: string }> {
  const at = sub.indexOf('@');
  return at === -1 ? { oidc: { sub } } : { [sub.slice(0, at)]: { sub: sub.slice(at + 1) } };
}

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  const columns = await op.inspect.getColumns('user');
  const names = new Set(columns.map((c) => c.name));
  for (const spec of [...PROFILE_COLUMNS, column('oauth', t.json())]) {
    if (!names.has(spec.name)) await op.addColumn('user', spec);
  }
  for (const name of ['info', 'settings']) {
    const type = columns.find((c) => c.name === name)?.type;
    if (type !== undefined && isTextFamily(type)) await textToJson(op, name);
  }
  if (!tables.has('api_key')) {
    await op.createTable('api_key', {
      columns: [
        uniqueTextKey(),
        column('user_id', t.text(), { references: { table: 'user', column: 'id', onDelete: 'CASCADE' } }),
        required('key', t.text(), { unique: true }),
        column('data', t.json()),
        column('expires_at', t.bigint()),
        column('last_used_at', t.bigint()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
    });
  }
  if (names.has('oauth_sub')) {
    const pages = op.batches('user', { columns: ['oauth_sub'], where: 'oauth_sub IS NOT NULL' });
    for await (const rows of pages) {
      for (const row of rows) {
        if (row.oauth_sub === '') continue;
        await op.execute('UPDATE "user" SET oauth = :oauth WHERE id = :id', {
          oauth: pythonJson(oauthFromSub(String(row.oauth_sub))),
          id: row.id,
        });
      }
    }
  }
  if (names.has('api_key')) {
    const now = nowSeconds();
    const pages = op.batches('user', { columns: ['api_key'], where: 'api_key IS NOT NULL' });
    for await (const rows of pages) {
      const keys = rows
        .filter((row) => row.api_key !== '')
        .map((row) => ({
          id: `key_${String(row.id)}`,
          user_id: row.id,
          key: row.api_key,
          created_at: now,
          updated_at: now,
        }));
      await op.bulkInsert('api_key', keys);
    }
  }
  const drops = ['api_key', 'oauth_sub'].filter((name) => names.has(name));
  if (drops.length === 0) return;
  if (op.dialect.name === 'sqlite') await dropUserIndexesOn(op, drops);
  await op.batchAlterTable('user', (batch) => {
    for (const name of drops) batch.dropColumn(name);
  });
}

/** Indexes someone created on the columns about to go (SQLite's rebuild would refuse them). */
async function dropUserIndexesOn(op: Operations, columnsToDrop: readonly string[]): Promise<void> {
  for (const index of await op.inspect.getIndexes('user')) {
    if (index.columns.some((name) => name !== null && columnsToDrop.includes(name))) {
      await op.dropIndex(index.name, { ifExists: true });
    }
  }
}

/** The upstream inverse of oauthFromSub; accepts the object and the double-encoded string. */
function subFromOauth(value: unknown): string | null {
  let data = value;
  if (typeof data === 'string') {
    const decoded = decodeText(data);
    if (!decoded.ok) return null;
    data = decoded.value;
  }
  if (!isObject(data)) return null;
  const provider = entriesOf(data)[0]?.[0];
  if (provider === undefined) return null;
  const entry = data[provider];
  const sub = isObject(entry) ? entry.sub : undefined;
  return `${provider}@${sub === undefined || sub === null ? 'None' : String(sub)}`;
}

export async function downgrade(op: Operations): Promise<void> {
  await op.addColumn('user', { name: 'oauth_sub', type: t.text() });
  for await (const rows of op.batches('user', {
    columns: [],
    expressions: jsonText(['oauth']),
    where: 'oauth IS NOT NULL',
  })) {
    for (const row of rows) {
      await op.execute('UPDATE "user" SET oauth_sub = :sub WHERE id = :id', {
        sub: subFromOauth(readJsonColumn(row.oauth)),
        id: row.id,
      });
    }
  }
  await op.dropColumn('user', 'oauth');
  await op.addColumn('user', { name: 'api_key', type: t.string() });
  for await (const rows of op.batches('api_key', { columns: ['user_id', 'key'] })) {
    for (const row of rows) {
      await op.execute('UPDATE "user" SET api_key = :key WHERE id = :id', { key: row.key, id: row.user_id });
    }
  }
  await op.dropTable('api_key');
  await op.batchAlterTable('user', (batch) => {
    for (const spec of PROFILE_COLUMNS) batch.dropColumn(spec.name);
  });
  await jsonToText(op, 'info');
  await jsonToText(op, 'settings');
}
