/**
 * Add access_grant table: the access_control JSON of seven resource tables becomes grant rows,
 * then the seven access_control columns are dropped.
 *
 * Meaning kept from upstream: NULL (or JSON null) = public read (`user:*`), except for files where
 * NULL = private; `{}`, unparseable text and non-objects = private; `{read: {group_ids, user_ids},
 * write: {…}}` = explicit grants. Upstream swallows insert errors, which on PostgreSQL aborts the
 * transaction instead; ambix inserts with ON CONFLICT DO NOTHING and never needs to swallow one.
 */
import { randomUUID } from 'node:crypto';
import { type Operations, t } from 'ambix';
import { required } from './lib/columns.js';
import { decodeText, isObject, jsonText, PyNumber, pythonJson, readJsonColumn, truthy } from './lib/json.js';
import { columnNames, nowSeconds } from './lib/schema.js';

export const revision = 'f1e2d3c4b5a6';
export const downRevision = '8452d01d26d7';
export const message = 'Add access_grant table';
export const createDate = '2026-02-05 10:00:00.000000';

const RESOURCES = ['knowledge', 'prompt', 'tool', 'model', 'note', 'channel', 'file'] as const;

interface Grant {
  readonly principal_type: 'user' | 'group';
  readonly principal_id: string;
  readonly permission: 'read' | 'write';
}

function isNullLike(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim().toLowerCase() === 'null')
  );
}

function idsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  // A number lands in the Text column as Python prints it.
  return value
    .filter((id) => id !== null && id !== undefined)
    .map((id) => (id instanceof PyNumber ? pythonJson(id) : String(id)));
}

/**
 * The grants one access_control value means. `raw` is what the driver returns: SQLite the
 * stored text, PostgreSQL the decoded value (so, as upstream, the two can disagree on odd values
 * such as the JSON string "null").
 */
export function grantsOf(resourceType: string, raw: unknown): Grant[] {
  if (isNullLike(raw)) {
    return resourceType === 'file' ? [] : [{ principal_type: 'user', principal_id: '*', permission: 'read' }];
  }
  let value = raw;
  if (typeof value === 'string') {
    const decoded = decodeText(value);
    if (!decoded.ok) return [];
    value = decoded.value;
  }
  if (!truthy(value) || !isObject(value)) return [];
  const grants: Grant[] = [];
  for (const permission of ['read', 'write'] as const) {
    const entry = value[permission];
    if (!truthy(entry) || !isObject(entry)) continue;
    for (const id of idsOf(entry.group_ids))
      grants.push({ principal_type: 'group', principal_id: id, permission });
    for (const id of idsOf(entry.user_ids))
      grants.push({ principal_type: 'user', principal_id: id, permission });
  }
  return grants;
}

/**
 * What upstream's untyped SELECT gets from the driver, from the column read as text: SQLite's
 * driver returns the stored text, psycopg2 the decoded value (decoded here without loss).
 */
function driverValue(op: Operations, text: unknown): unknown {
  return op.dialect.name === 'sqlite' ? text : readJsonColumn(text);
}

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  if (!tables.has('access_grant')) {
    await op.createTable('access_grant', {
      columns: [
        { name: 'id', type: t.text(), primaryKey: true, nullable: false },
        required('resource_type', t.text()),
        required('resource_id', t.text()),
        required('principal_type', t.text()),
        required('principal_id', t.text()),
        required('permission', t.text()),
        required('created_at', t.bigint()),
      ],
      uniqueConstraints: [
        {
          name: 'uq_access_grant_grant',
          columns: ['resource_type', 'resource_id', 'principal_type', 'principal_id', 'permission'],
        },
      ],
      indexes: [
        { name: 'idx_access_grant_resource', columns: ['resource_type', 'resource_id'] },
        { name: 'idx_access_grant_principal', columns: ['principal_type', 'principal_id'] },
      ],
    });
  }
  const now = nowSeconds();
  for (const table of RESOURCES) {
    if (!tables.has(table)) continue;
    const names = await columnNames(op, table);
    if (!names.has('access_control') || !names.has('id')) continue;
    const progress = op.progress(null, `${table}.access_control into access_grant`);
    for await (const rows of op.batches(table, { columns: [], expressions: jsonText(['access_control']) })) {
      const grants = rows.flatMap((row) =>
        grantsOf(table, driverValue(op, row.access_control)).map((grant) => ({
          id: randomUUID(),
          resource_type: table,
          resource_id: String(row.id),
          ...grant,
          created_at: now,
        })),
      );
      for (let start = 0; start < grants.length; start += 1000) {
        await op.db
          .insertInto('access_grant')
          .values(grants.slice(start, start + 1000))
          .onConflict((conflict) => conflict.doNothing())
          .execute();
      }
      progress.tick(rows.length);
    }
    progress.finish();
  }
  for (const table of RESOURCES) {
    if (tables.has(table) && (await columnNames(op, table)).has('access_control')) {
      await op.batchAlterTable(table, (batch) => batch.dropColumn('access_control'));
    }
  }
}

interface ResourceGrants {
  isPublic: boolean;
  read: { group_ids: string[]; user_ids: string[] };
  write: { group_ids: string[]; user_ids: string[] };
}

function addUnique(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

export async function downgrade(op: Operations): Promise<void> {
  for (const table of RESOURCES) {
    if (!(await columnNames(op, table)).has('access_control')) {
      await op.batchAlterTable(table, (batch) => batch.addColumn({ name: 'access_control', type: t.json() }));
    }
  }
  for (const table of RESOURCES) {
    const byResource = new Map<string, ResourceGrants>();
    const { rows } = await op.execute(
      'SELECT resource_id, principal_type, principal_id, permission FROM access_grant WHERE resource_type = :type',
      { type: table },
    );
    for (const row of rows) {
      const id = String(row.resource_id);
      const entry = byResource.get(id) ?? {
        isPublic: false,
        read: { group_ids: [], user_ids: [] },
        write: { group_ids: [], user_ids: [] },
      };
      byResource.set(id, entry);
      const permission = row.permission === 'read' || row.permission === 'write' ? row.permission : null;
      if (permission === null) continue;
      if (row.principal_type === 'user' && row.principal_id === '*' && permission === 'read')
        entry.isPublic = true;
      else if (row.principal_type === 'group')
        addUnique(entry[permission].group_ids, String(row.principal_id));
      else if (row.principal_type === 'user') addUnique(entry[permission].user_ids, String(row.principal_id));
    }
    for (const [id, entry] of byResource) {
      const empty = [entry.read, entry.write].every(
        (p) => p.group_ids.length === 0 && p.user_ids.length === 0,
      );
      const value = entry.isPublic
        ? null
        : empty
          ? '{}'
          : pythonJson({ read: entry.read, write: entry.write });
      await op.execute(`UPDATE "${table}" SET access_control = :value WHERE id = :id`, { value, id });
    }
    if (table !== 'file') {
      await op.execute(
        `UPDATE "${table}" SET access_control = '{}' WHERE id NOT IN ` +
          '(SELECT DISTINCT resource_id FROM access_grant WHERE resource_type = :type) AND access_control IS NULL',
        { type: table },
      );
    }
  }
  await op.dropIndex('idx_access_grant_principal', { table: 'access_grant' });
  await op.dropIndex('idx_access_grant_resource', { table: 'access_grant' });
  await op.dropTable('access_grant');
}
