import { afterEach, beforeEach, expect, it } from 'vitest';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { t } from '../../src/operations/types.js';
import { describeEachDialect } from '../support/databases.js';
import { type OnlineTestContext, openOnlineContext } from './support/context.js';
import { reflectSchema } from './support/schema.js';

/** SQLite refuses these outside batch mode (see offline-sql.test.ts); batch tests cover them there. */
describeEachDialect(
  'constraint operations',
  (dialect) => {
    let online: OnlineTestContext;
    let op: Operations;

    beforeEach(async () => {
      online = await openOnlineContext(dialect);
      op = createOperations(online.context);
      await op.createTable('team', { columns: [{ name: 'id', type: t.integer(), primaryKey: true }] });
      await op.createTable('member', {
        columns: [
          { name: 'team_id', type: t.integer(), nullable: false },
          { name: 'user_id', type: t.integer(), nullable: false },
          { name: 'code', type: t.string(20) },
          { name: 'rank', type: t.integer() },
        ],
      });
    });
    afterEach(async () => online.close());

    it('createPrimaryKey adds a composite key and dropConstraint removes it', async () => {
      const before = await reflectSchema(op);
      await op.createPrimaryKey('pk_member', 'member', ['team_id', 'user_id']);
      expect(await op.inspect.getPrimaryKey('member')).toEqual({
        name: dialect === 'mysql' ? 'PRIMARY' : 'pk_member',
        columns: ['team_id', 'user_id'],
      });
      await op.dropConstraint('pk_member', 'member', { type: 'primary' });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('createForeignKey adds the key with its actions and dropConstraint removes it', async () => {
      const before = await reflectSchema(op);
      await op.createForeignKey('fk_member_team', 'member', 'team', ['team_id'], ['id'], {
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
      });
      expect(await op.inspect.getForeignKeys('member')).toEqual([
        {
          name: 'fk_member_team',
          columns: ['team_id'],
          referencedTable: 'team',
          referencedColumns: ['id'],
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
        },
      ]);
      await op.dropConstraint('fk_member_team', 'member', { type: 'foreignkey' });
      // InnoDB created an index named after the key to back it, and keeps it when the key goes.
      if (dialect === 'mysql') await op.dropIndex('fk_member_team', { table: 'member' });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('the foreign key cascades deletes from the referenced table', async () => {
      await op.createForeignKey('fk_member_team', 'member', 'team', ['team_id'], ['id'], {
        onDelete: 'CASCADE',
      });
      await op.bulkInsert('team', [{ id: 1 }]);
      await op.bulkInsert('member', [{ team_id: 1, user_id: 7 }]);
      await op.execute('DELETE FROM team');
      expect(await online.db.selectFrom('member').selectAll().execute()).toEqual([]);
    });

    it('createUniqueConstraint adds a named unique constraint and dropConstraint removes it', async () => {
      const before = await reflectSchema(op);
      await op.createUniqueConstraint('uq_member_code', 'member', ['team_id', 'code']);
      expect(await op.inspect.getUniqueConstraints('member')).toEqual([
        { name: 'uq_member_code', columns: ['team_id', 'code'] },
      ]);
      await op.dropConstraint('uq_member_code', 'member', { type: 'unique' });
      expect(await reflectSchema(op)).toEqual(before);
    });

    it('createCheckConstraint adds an enforced check and dropConstraint removes it', async () => {
      const before = await reflectSchema(op);
      await op.createCheckConstraint('ck_member_rank', 'member', 'rank >= 0');
      const checks = await op.inspect.getCheckConstraints('member');
      expect(checks.map((check) => check.name)).toEqual(['ck_member_rank']);
      expect(checks[0]?.sqltext).toMatch(/^\(?.?rank.? >= 0\)?$/);
      await expect(op.bulkInsert('member', [{ team_id: 1, user_id: 1, rank: -1 }])).rejects.toThrow(
        /bulkInsert\(member\) failed/,
      );
      await op.dropConstraint('ck_member_rank', 'member', { type: 'check' });
      expect(await reflectSchema(op)).toEqual(before);
    });
  },
  ['postgresql', 'mysql'],
);
