/**
 * Update messages and channel member table.
 *
 * Upstream adds channel_member.joined_at as BIGINT NOT NULL with no default, which both SQLite
 * and PostgreSQL refuse as soon as channel_member has a row. ambix's choice: on an empty table do
 * exactly that; on a populated one add the column nullable, fill it with the member's created_at
 * (the time they joined; now when unknown), then make it NOT NULL. The resulting schema is the
 * same either way: BIGINT NOT NULL without a default.
 */
import { type ColumnSpec, type Operations, t } from 'ambix';
import { column } from './lib/columns.js';
import { columnNames, nowSeconds } from './lib/schema.js';

export const revision = '2f1211949ecc';
export const downRevision = '37f288994c47';
export const message = 'Update messages and channel member table';
export const createDate = '2025-11-27 03:07:56.200231';

const MEMBER_COLUMNS: readonly ColumnSpec[] = [
  column('status', t.text()),
  column('is_active', t.boolean(), { nullable: false, default: true }),
  column('is_channel_muted', t.boolean(), { nullable: false, default: false }),
  column('is_channel_pinned', t.boolean(), { nullable: false, default: false }),
  column('data', t.json()),
  column('meta', t.json()),
  column('joined_at', t.bigint(), { nullable: false }),
  column('left_at', t.bigint()),
  column('last_read_at', t.bigint()),
  column('updated_at', t.bigint()),
];

const MESSAGE_COLUMNS: readonly ColumnSpec[] = [
  column('is_pinned', t.boolean(), { nullable: false, default: false }),
  column('pinned_at', t.bigint()),
  column('pinned_by', t.text()),
];

async function addJoinedAt(op: Operations, spec: ColumnSpec): Promise<void> {
  const { rows } = await op.execute('SELECT 1 AS present FROM channel_member LIMIT 1');
  if (rows.length === 0) {
    await op.addColumn('channel_member', spec);
    return;
  }
  await op.addColumn('channel_member', { ...spec, nullable: true });
  await op.execute('UPDATE channel_member SET joined_at = COALESCE(created_at, :now)', { now: nowSeconds() });
  await op.batchAlterTable('channel_member', (batch) =>
    batch.alterColumn('joined_at', { nullable: false, existingType: t.bigint() }),
  );
}

export async function upgrade(op: Operations): Promise<void> {
  const members = await columnNames(op, 'channel_member');
  for (const spec of MEMBER_COLUMNS) {
    if (members.has(spec.name)) continue;
    if (spec.name === 'joined_at') await addJoinedAt(op, spec);
    else await op.addColumn('channel_member', spec);
  }
  const messages = await columnNames(op, 'message');
  for (const spec of MESSAGE_COLUMNS) {
    if (!messages.has(spec.name)) await op.addColumn('message', spec);
  }
}

export async function downgrade(op: Operations): Promise<void> {
  // As upstream: status, is_active, joined_at and left_at stay.
  for (const name of [
    'updated_at',
    'last_read_at',
    'meta',
    'data',
    'is_channel_pinned',
    'is_channel_muted',
  ]) {
    await op.dropColumn('channel_member', name);
  }
  for (const name of ['pinned_by', 'pinned_at', 'is_pinned']) await op.dropColumn('message', name);
}
