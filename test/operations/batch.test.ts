import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { batchAlterTable } from '../../src/operations/batch/index.js';
import { createOperations } from '../../src/operations/index.js';
import { createInspector, type Inspector } from '../../src/operations/inspect/index.js';
import { t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, offlineContext, openOnlineContext } from './support/context.js';

describeEachDialect(
  'batchAlterTable on databases that ALTER in place',
  (dialect) => {
    let online: OnlineTestContext;
    let inspect: Inspector;
    const raw = (sql: string) => online.db.executeQuery(CompiledQuery.raw(sql));

    beforeEach(async () => {
      online = await openOnlineContext(dialect);
      await raw(
        'CREATE TABLE tag (id VARCHAR(40) NOT NULL, user_id VARCHAR(40), data TEXT, PRIMARY KEY (id))',
      );
      await raw("INSERT INTO tag (id, user_id, data) VALUES ('a', 'u1', 'x'), ('b', 'u2', 'y')");
      inspect = createInspector(online.context);
    });
    afterEach(async () => online.close());

    it('issues one plain ALTER per change, in the order recorded, and keeps the rows', async () => {
      online.statements.length = 0;
      await batchAlterTable(online.context, createOperations(online.context), 'tag', (tag) => {
        tag.createUniqueConstraint('uq_id_user_id', ['id', 'user_id']);
        tag.dropColumn('data');
        tag.addColumn({ name: 'meta', type: t.json() });
        tag.createIndex('ix_tag_user_id', ['user_id']);
      });
      const statements = online.statements.map((statement) => statement.sql);
      expect(statements.some((sql) => sql.includes('_ambix_tmp'))).toBe(false);
      expect(
        statements
          .filter((sql) => /^(ALTER|CREATE)/.test(sql))
          .map((sql) => sql.split(' ').slice(0, 4).join(' ')),
      ).toEqual(
        dialect === 'postgresql'
          ? [
              'ALTER TABLE tag ADD',
              'ALTER TABLE tag DROP',
              'ALTER TABLE tag ADD',
              'CREATE INDEX ix_tag_user_id ON',
            ]
          : [
              'ALTER TABLE tag ADD',
              'ALTER TABLE tag DROP',
              'ALTER TABLE tag ADD',
              'CREATE INDEX ix_tag_user_id ON',
            ],
      );
      expect((await inspect.getColumns('tag')).map((column) => column.name)).toEqual([
        'id',
        'user_id',
        'meta',
      ]);
      expect(await inspect.getUniqueConstraints('tag')).toEqual([
        { name: 'uq_id_user_id', columns: ['id', 'user_id'] },
      ]);
      expect((await inspect.getIndexes('tag')).map((index) => index.name)).toContain('ix_tag_user_id');
      expect((await online.db.executeQuery(CompiledQuery.raw('SELECT count(*) AS n FROM tag'))).rows).toEqual(
        [{ n: dialect === 'postgresql' ? '2' : 2 }],
      );
    });

    it('changes a column type and nullability with plain ALTERs', async () => {
      await batchAlterTable(online.context, createOperations(online.context), 'tag', (tag) => {
        tag.alterColumn('user_id', { type: t.string(80), nullable: false });
      });
      expect((await inspect.getColumns('tag'))[1]).toMatchObject({
        name: 'user_id',
        type: 'VARCHAR(80)',
        nullable: false,
      });
    });
  },
  ['postgresql', 'mysql'],
);

describeEachDialect(
  'batchAlterTable offline on databases that ALTER in place',
  (dialect) => {
    it('renders every change as SQL without a connection', async () => {
      const { context, statements } = offlineContext(dialect);
      await batchAlterTable(context, createOperations(context), 'tag', (tag) => {
        tag.dropConstraint('uq_id_user_id', { type: 'unique' });
        tag.createPrimaryKey('pk_id_user_id', ['id', 'user_id']);
      });
      expect(statements.map((statement) => statement.sql)).toEqual(
        dialect === 'postgresql'
          ? [
              'ALTER TABLE tag DROP CONSTRAINT uq_id_user_id',
              'ALTER TABLE tag ADD CONSTRAINT pk_id_user_id PRIMARY KEY (id, user_id)',
            ]
          : [
              'ALTER TABLE tag DROP INDEX uq_id_user_id',
              'ALTER TABLE tag ADD CONSTRAINT pk_id_user_id PRIMARY KEY (id, user_id)',
            ],
      );
    });
  },
  ['postgresql', 'mysql'],
);
