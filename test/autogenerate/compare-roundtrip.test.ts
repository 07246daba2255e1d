import { afterEach, beforeEach, expect, it } from 'vitest';
import { compareSchemas, type Rename } from '../../src/autogenerate/compare/index.js';
import type { SchemaModel } from '../../src/autogenerate/model.js';
import { renderRevision } from '../../src/autogenerate/render/index.js';
import type { DialectName } from '../../src/dialect.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { column, idColumn, reflect, runBody, schema, table } from './compare-support.js';

/** Schema A, built with `op` the way a project's earlier revisions would have. */
async function buildSchemaA(op: Operations, dialect: DialectName): Promise<void> {
  await op.createTable('author', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'name', type: t.string(50), nullable: false },
      { name: 'bio', type: t.text() },
      { name: 'legacy_flag', type: t.boolean(), default: false },
    ],
  });
  await op.createTable('post', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'author_id', type: t.integer(), nullable: false },
      { name: 'title', type: t.string(100), nullable: false },
      { name: 'body', type: t.text() },
      { name: 'score', type: t.integer(), nullable: false, default: 0 },
      { name: 'created_at', type: t.datetime(), nullable: false, default: now() },
    ],
    foreignKeys: [
      {
        name: 'fk_post_author',
        columns: ['author_id'],
        referencedTable: 'author',
        referencedColumns: ['id'],
      },
    ],
    checkConstraints: [{ name: 'ck_post_score', expression: 'score >= 0' }],
    indexes: [{ name: 'ix_post_title', columns: ['title'] }],
  });
  await op.createTable('obsolete', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'post_id', type: t.integer() },
      { name: 'note', type: t.text(), ...(dialect === 'sqlite' ? {} : { comment: 'old notes' }) },
    ],
    foreignKeys: [
      { name: 'fk_obsolete_post', columns: ['post_id'], referencedTable: 'post', referencedColumns: ['id'] },
    ],
  });
  await op.createTable('tag', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'label', type: t.string(30), nullable: false },
    ],
  });
  await op.createTable('pair', {
    columns: [
      { name: 'a', type: t.integer(), nullable: false, autoincrement: false },
      { name: 'b', type: t.integer(), nullable: false },
    ],
    primaryKey: { columns: ['a'] },
  });
}

/** Model B: the schema in code the database must be brought to. */
function modelB(dialect: DialectName): SchemaModel {
  const comments = dialect !== 'sqlite';
  const partial = dialect !== 'mysql';
  return schema(
    table('author', {
      columns: [
        idColumn(),
        column('name', t.string(100), { nullable: false, comment: comments ? 'display name' : null }),
        column('biography', t.text()),
        column('email', t.string(255)),
      ],
      comment: comments ? 'people who write' : null,
    }),
    table('post', {
      columns: [
        idColumn(),
        column('author_id', t.integer(), { nullable: false }),
        column('title', t.string(100)),
        column('body', t.text()),
        column('score', t.integer(), { nullable: false, default: 1 }),
        column('created_at', t.datetime(), { nullable: false, default: now() }),
      ],
      foreignKeys: [
        {
          name: 'fk_post_author',
          columns: ['author_id'],
          referencedTable: 'author',
          referencedColumns: ['id'],
          onDelete: 'CASCADE',
          onUpdate: null,
        },
      ],
      uniqueConstraints: [{ name: 'uq_post_author_title', columns: ['author_id', 'title'] }],
      checkConstraints: [{ name: 'ck_post_score', expression: 'score >= 1' }],
      indexes: [
        { name: 'ix_post_created', columns: ['created_at'], unique: false, where: null },
        ...(partial
          ? [{ name: 'ix_post_scored', columns: ['score'], unique: false, where: 'score > 10' }]
          : []),
      ],
    }),
    table('topic', { columns: [idColumn(), column('label', t.string(30), { nullable: false })] }),
    table('pair', {
      columns: [column('a', t.integer(), { nullable: false }), column('b', t.integer(), { nullable: false })],
      primaryKey: { name: null, columns: ['a', 'b'] },
    }),
    table('category', {
      columns: [idColumn(), column('title', t.string(40), { nullable: false, default: 'misc' })],
      uniqueConstraints: [{ name: null, columns: ['title'] }],
    }),
    table('post_category', {
      columns: [idColumn(), column('post_id', t.integer()), column('category_id', t.integer())],
      foreignKeys: [
        {
          name: null,
          columns: ['post_id'],
          referencedTable: 'post',
          referencedColumns: ['id'],
          onDelete: null,
          onUpdate: null,
        },
        {
          name: 'fk_pc_category',
          columns: ['category_id'],
          referencedTable: 'category',
          referencedColumns: ['id'],
          onDelete: 'SET NULL',
          onUpdate: null,
        },
      ],
    }),
    table('node_a', {
      columns: [idColumn(), column('b_id', t.integer())],
      foreignKeys: [
        {
          name: 'fk_a_b',
          columns: ['b_id'],
          referencedTable: 'node_b',
          referencedColumns: ['id'],
          onDelete: null,
          onUpdate: null,
        },
      ],
    }),
    table('node_b', {
      columns: [
        idColumn(),
        column('a_id', t.integer()),
        column('payload', t.json()),
        column('at', t.datetime(), { default: sqlExpression('CURRENT_TIMESTAMP') }),
      ],
      foreignKeys: [
        {
          name: 'fk_b_a',
          columns: ['a_id'],
          referencedTable: 'node_a',
          referencedColumns: ['id'],
          onDelete: null,
          onUpdate: null,
        },
      ],
    }),
  );
}

const RENAMES: Rename[] = [
  { kind: 'table', from: 'tag', to: 'topic' },
  { kind: 'column', table: 'author', from: 'bio', to: 'biography' },
];

describeEachDialect('autogenerate round trip', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    await buildSchemaA(createOperations(online.context), dialect);
  });
  afterEach(async () => online.close());

  it('applies the rendered upgrade so a second comparison is empty, and the downgrade restores the schema', async () => {
    const before = await reflect(online);
    const options = { dialect, renames: RENAMES, dropTables: true, dropColumns: true };
    const diff = compareSchemas(modelB(dialect), before, options);
    expect(diff.changes.length).toBeGreaterThan(10);
    const revision = renderRevision(diff, { dialect });

    await runBody(online, revision.upgrade);
    const upgraded = await reflect(online);
    expect(compareSchemas(modelB(dialect), upgraded, options).changes).toEqual([]);

    await runBody(online, revision.downgrade);
    const downgraded = await reflect(online);
    expect(
      compareSchemas(before, downgraded, { dialect, dropTables: true, dropColumns: true }).changes,
    ).toEqual([]);
  });
});
