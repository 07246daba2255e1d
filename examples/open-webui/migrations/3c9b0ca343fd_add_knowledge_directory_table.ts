import { type Operations, t } from 'ambix';
import { column, required } from './lib/columns.js';
import { columnNames } from './lib/schema.js';

export const revision = '3c9b0ca343fd';
export const downRevision = 'a0b1c2d3e4f5';
export const message = 'add knowledge_directory table';
export const createDate = '2026-05-13 21:58:40.832482';

export async function upgrade(op: Operations): Promise<void> {
  if (!(await op.inspect.hasTable('knowledge_directory'))) {
    await op.createTable('knowledge_directory', {
      columns: [
        required('id', t.text()),
        required('knowledge_id', t.text()),
        column('parent_id', t.text()),
        required('name', t.text()),
        required('user_id', t.text()),
        required('created_at', t.bigint()),
        required('updated_at', t.bigint()),
      ],
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        {
          columns: ['knowledge_id'],
          referencedTable: 'knowledge',
          referencedColumns: ['id'],
          onDelete: 'CASCADE',
        },
        {
          columns: ['parent_id'],
          referencedTable: 'knowledge_directory',
          referencedColumns: ['id'],
          onDelete: 'CASCADE',
        },
      ],
      uniqueConstraints: [
        {
          name: 'uq_knowledge_directory_knowledge_parent_name',
          columns: ['knowledge_id', 'parent_id', 'name'],
        },
      ],
      indexes: [
        { name: 'ix_knowledge_directory_knowledge_id', columns: ['knowledge_id'] },
        { name: 'ix_knowledge_directory_parent_id', columns: ['parent_id'] },
      ],
    });
  }
  if (!(await columnNames(op, 'knowledge_file')).has('directory_id')) {
    await op.batchAlterTable('knowledge_file', (batch) => {
      batch.addColumn({ name: 'directory_id', type: t.text() });
      batch.createForeignKey(
        'fk_knowledge_file_directory_id',
        'knowledge_directory',
        ['directory_id'],
        ['id'],
        {
          onDelete: 'SET NULL',
        },
      );
      batch.createIndex('ix_knowledge_file_directory_id', ['directory_id']);
    });
  }
}

export async function downgrade(op: Operations): Promise<void> {
  await op.batchAlterTable('knowledge_file', (batch) => {
    batch.dropIndex('ix_knowledge_file_directory_id');
    batch.dropConstraint('fk_knowledge_file_directory_id', { type: 'foreignkey' });
    batch.dropColumn('directory_id');
  });
  await op.dropIndex('ix_knowledge_directory_parent_id', { table: 'knowledge_directory' });
  await op.dropIndex('ix_knowledge_directory_knowledge_id', { table: 'knowledge_directory' });
  await op.dropTable('knowledge_directory');
}
