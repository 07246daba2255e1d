/**
 * One schema per dialect built with `op`, covering every type builder, each kind of server
 * default, composite keys, foreign keys with actions, unnamed constraints, checks, comments and
 * (where the database has them) partial and expression indexes.
 */
import type { DialectName } from '../../src/dialect.js';
import type { Operations } from '../../src/operations/operations.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';

export async function createFixtureSchema(op: Operations, dialect: DialectName): Promise<void> {
  await op.createTable('account', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'email', type: t.string(120), nullable: false, comment: 'login' },
      { name: 'nick', type: t.string() },
      { name: 'handle', type: t.string(30), unique: true },
      { name: 'bio', type: t.text() },
      { name: 'visits', type: t.bigint(), nullable: false, default: 0 },
      { name: 'level', type: t.smallint(), default: -1 },
      { name: 'active', type: t.boolean(), nullable: false, default: true },
      { name: 'ratio', type: t.float() },
      { name: 'score', type: t.double(), default: 1.5 },
      { name: 'price', type: t.numeric(10, 2), default: 2.25 },
      { name: 'born', type: t.date() },
      { name: 'wakes', type: t.time() },
      { name: 'created_at', type: t.datetime(), nullable: false, default: now() },
      { name: 'seen_at', type: t.timestamp({ withTimeZone: true }) },
      { name: 'settings', type: t.json() },
      { name: 'extra', type: t.jsonb() },
      { name: 'token', type: t.uuid() },
      { name: 'avatar', type: t.binary() },
      { name: 'status', type: t.string(20), nullable: false, default: "it's new" },
      { name: 'slug', type: t.string(40), default: sqlExpression("lower('X')") },
      { name: 'kind', type: t.raw('CHAR(3)') },
    ],
    comment: 'people',
  });
  await op.createTable('team', {
    columns: [
      { name: 'id', type: t.integer(), primaryKey: true },
      { name: 'name', type: t.string(50), nullable: false },
      { name: 'region', type: t.string(10), nullable: false },
    ],
    uniqueConstraints: [{ name: 'uq_team_name_region', columns: ['name', 'region'] }],
  });
  await op.createTable('membership', {
    columns: [
      { name: 'account_id', type: t.integer(), nullable: false },
      { name: 'team_name', type: t.string(50), nullable: false },
      { name: 'team_region', type: t.string(10), nullable: false },
      { name: 'role', type: t.string(20), nullable: false, default: 'member' },
      { name: 'seniority', type: t.integer() },
    ],
    primaryKey: { name: 'pk_membership', columns: ['account_id', 'team_name', 'team_region'] },
    foreignKeys: [
      {
        name: 'fk_membership_account',
        columns: ['account_id'],
        referencedTable: 'account',
        referencedColumns: ['id'],
        onDelete: 'CASCADE',
      },
      {
        name: 'fk_membership_team',
        columns: ['team_name', 'team_region'],
        referencedTable: 'team',
        referencedColumns: ['name', 'region'],
        onDelete: 'RESTRICT',
        onUpdate: 'CASCADE',
      },
    ],
    checkConstraints: [{ name: 'ck_membership_seniority', expression: 'seniority >= 0' }],
    indexes: [{ name: 'ix_membership_role', columns: ['role', 'seniority'] }],
  });
  await op.createTable('note', {
    columns: [
      { name: 'id', type: t.bigint(), primaryKey: true },
      { name: 'account_id', type: t.integer(), references: { table: 'account', column: 'id' } },
      { name: 'body', type: t.text(), nullable: false },
    ],
  });
  if (dialect === 'mysql') {
    await op.createIndex('ix_account_status', 'account', ['status']);
    await op.createIndex('uq_account_email', 'account', ['email'], { unique: true });
  } else {
    await op.createIndex('ix_account_status', 'account', ['status'], { where: 'level > 0' });
    await op.createIndex('uq_account_email_lower', 'account', [sqlExpression('lower(email)'), 'nick'], {
      unique: true,
    });
  }
}
