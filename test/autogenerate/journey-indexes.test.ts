/**
 * Indexes end to end, where databases have opinions: MySQL/MariaDB refuse to drop the index a
 * foreign key uses, and treat a unique index and a unique constraint as one thing.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const account = `  account: table({ id: column.integer().primaryKey() }),`;

function withMembership(indexes: string): string {
  return `${account}
  membership: table({
    id: column.integer().primaryKey(),
    account_id: column.integer().notNull().references('account.id', { name: 'fk_membership_account' }),
    role: column.string(10).notNull(),
  }, { indexes: [${indexes}] }),`;
}

describeEachDialect('autogenerate: indexes', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('changes the columns of the index a foreign key uses, and back', async () => {
    await journey().migrateTo(withMembership("index('ix_membership_account', ['account_id', 'role'])"));
    await journey().sql('insert into account (id) values (1)');
    await journey().sql("insert into membership (id, account_id, role) values (1, 1, 'admin')");
    const step = await journey().migrateTo(withMembership("index('ix_membership_account', ['account_id'])"));
    expect(step.after.changes, step.source).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
  });

  it('drops the only index a foreign key used, and adds it back on downgrade', async () => {
    await journey().migrateTo(withMembership("index('ix_membership_account', ['account_id', 'role'])"));
    const step = await journey().migrateTo(withMembership(''));
    expect(step.after.changes, step.source).toEqual([]);
    expect(step.after.warnings).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
  });

  it.skipIf(dialect === 'mysql')(
    'expression and partial indexes, with casts, are clean once applied',
    async () => {
      const cast = dialect === 'postgresql' ? 'lower(email::text)' : 'lower(CAST(email AS TEXT))';
      const numberText = dialect === 'postgresql' ? '(score::text)' : 'CAST(score AS TEXT)';
      const step = await journey().migrateTo(`  player: table({
    id: column.integer().primaryKey(),
    email: column.string(80).notNull(),
    score: column.integer(),
    deleted: column.boolean().notNull().default(false),
  }, { indexes: [
    index('ix_player_email', [sql\`${cast}\`], { unique: true, where: sql\`deleted = false AND score IS NOT NULL\` }),
    index('ix_player_score_text', [sql\`${numberText}\`, 'id']),
  ] }),`);
      expect(step.after.changes, step.source).toEqual([]);
    },
  );

  it('turns a unique constraint into a unique index on other columns and back', async () => {
    const before = `  tag: table({
    id: column.integer().primaryKey(),
    name: column.string(20).notNull(),
    scope: column.string(20).notNull(),
  }, { uniques: [unique(['name'], { name: 'uq_tag_name' })] }),`;
    await journey().migrateTo(before);
    const step = await journey().migrateTo(
      before.replace(
        "uniques: [unique(['name'], { name: 'uq_tag_name' })]",
        "indexes: [index('uq_tag_name', ['scope', 'name'], { unique: true })]",
      ),
    );
    expect(step.after.changes, step.source).toEqual([]);
    expect((await journey().stepBack()).changes).toEqual([]);
  });
});
