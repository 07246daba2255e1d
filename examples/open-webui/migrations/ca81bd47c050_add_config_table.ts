import { now, type Operations, t } from 'ambix';

export const revision = 'ca81bd47c050';
export const downRevision = '7e5b5dc7342b';
export const message = 'Add config table.';
export const createDate = '2024-08-25 15:26:35.241684';

export async function upgrade(op: Operations): Promise<void> {
  if (await op.inspect.hasTable('config')) return;
  await op.createTable('config', {
    columns: [
      // The sole integer key: SERIAL on PostgreSQL, the rowid alias on SQLite.
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'data', type: t.json(), nullable: false },
      { name: 'version', type: t.integer(), nullable: false },
      { name: 'created_at', type: t.datetime(), nullable: false, default: now() },
      { name: 'updated_at', type: t.datetime(), default: now() },
    ],
  });
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('config');
}
