import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';
import { createIndexIfMissing } from './lib/schema.js';

export const revision = '56359461a091';
export const downRevision = 'c1d2e3f4a5b6';
export const message = 'add calendar tables';
export const createDate = '2026-04-19 16:20:58.162045';

const id = () => ({ name: 'id', type: t.text(), nullable: false });

export async function upgrade(op: Operations): Promise<void> {
  const tables = new Set(await op.inspect.getTables());
  if (!tables.has('calendar')) {
    await op.createTable('calendar', {
      columns: [
        id(),
        required('user_id', t.text()),
        required('name', t.text()),
        column('color', t.text()),
        required('is_default', t.boolean()),
        column('data', t.json()),
        column('meta', t.json()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
      primaryKey: { columns: ['id'] },
    });
  }
  await createIndexIfMissing(op, 'ix_calendar_user', 'calendar', ['user_id']);
  if (!tables.has('calendar_event')) {
    await op.createTable('calendar_event', {
      columns: [
        id(),
        required('calendar_id', t.text()),
        required('user_id', t.text()),
        required('title', t.text()),
        column('description', t.text()),
        required('start_at', t.bigint()),
        column('end_at', t.bigint()),
        required('all_day', t.boolean()),
        column('rrule', t.text()),
        column('color', t.text()),
        column('location', t.text()),
        column('data', t.json()),
        column('meta', t.json()),
        required('is_cancelled', t.boolean()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
      primaryKey: { columns: ['id'] },
    });
  }
  await createIndexIfMissing(op, 'ix_calendar_event_calendar', 'calendar_event', ['calendar_id', 'start_at']);
  await createIndexIfMissing(op, 'ix_calendar_event_user_date', 'calendar_event', ['user_id', 'start_at']);
  if (!tables.has('calendar_event_attendee')) {
    await op.createTable('calendar_event_attendee', {
      columns: [
        id(),
        required('event_id', t.text()),
        required('user_id', t.text()),
        required('status', t.text()),
        column('meta', t.json()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
      primaryKey: { columns: ['id'] },
      uniqueConstraints: [{ name: 'uq_event_attendee', columns: ['event_id', 'user_id'] }],
    });
  }
  await createIndexIfMissing(op, 'ix_calendar_event_attendee_user', 'calendar_event_attendee', [
    'user_id',
    'status',
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_calendar_event_attendee_user', { table: 'calendar_event_attendee' });
  await op.dropTable('calendar_event_attendee');
  await op.dropIndex('ix_calendar_event_user_date', { table: 'calendar_event' });
  await op.dropIndex('ix_calendar_event_calendar', { table: 'calendar_event' });
  await op.dropTable('calendar_event');
  await op.dropIndex('ix_calendar_user', { table: 'calendar' });
  await op.dropTable('calendar');
}
