import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { introspect } from '../../src/autogenerate/introspect/index.js';
import type { ColumnModel, SchemaModel } from '../../src/autogenerate/model.js';
import type { DialectName } from '../../src/dialect.js';
import { createOperations } from '../../src/operations/index.js';
import { type ColumnType, now, sqlExpression, t } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { createFixtureSchema } from './introspect-fixture.js';
import { countingCatalog } from './introspect-support.js';

function column(
  name: string,
  type: ColumnType,
  extra: Partial<Omit<ColumnModel, 'name' | 'type'>> = {},
): ColumnModel {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...extra };
}

/** What the fixture schema reflects as, database by database. */
function expectedModel(dialect: DialectName): SchemaModel {
  const on = <T>(values: Record<DialectName, T>): T => values[dialect];
  const sqlite = dialect === 'sqlite';
  const mysql = dialect === 'mysql';
  const key = { autoincrement: true, nullable: false };
  return {
    tables: [
      {
        name: 'account',
        columns: [
          column('id', t.integer(), key),
          column('email', t.string(120), { nullable: false, comment: sqlite ? null : 'login' }),
          column('nick', mysql ? t.string(255) : t.string()),
          column('handle', t.string(30)),
          column('bio', t.text()),
          column('visits', t.bigint(), { nullable: false, default: 0 }),
          column('level', t.smallint(), { default: -1 }),
          column('active', t.boolean(), { nullable: false, default: true }),
          column('ratio', t.float()),
          column('score', t.double(), { default: 1.5 }),
          column('price', t.numeric(10, 2), { default: 2.25 }),
          column('born', t.date()),
          column('wakes', t.time()),
          column('created_at', t.datetime(), { nullable: false, default: now() }),
          column('seen_at', t.timestamp({ withTimeZone: dialect === 'postgresql' })),
          column('settings', t.json()),
          column('extra', dialect === 'postgresql' ? t.jsonb() : t.json()),
          column('token', dialect === 'postgresql' ? t.uuid() : t.raw('CHAR(36)')),
          column('avatar', t.binary()),
          column('status', t.string(20), { nullable: false, default: "it's new" }),
          column('slug', t.string(40), {
            default: sqlExpression(
              on({ sqlite: "lower('X')", postgresql: "lower('X'::text)", mysql: "lcase('X')" }),
            ),
          }),
          column('kind', t.raw('CHAR(3)')),
        ],
        primaryKey: {
          name: on({ sqlite: null, postgresql: 'account_pkey', mysql: 'PRIMARY' }),
          columns: ['id'],
        },
        uniqueConstraints: [
          {
            name: on({ sqlite: null, postgresql: 'account_handle_key', mysql: 'handle' }),
            columns: ['handle'],
          },
          // On MySQL a unique index is a unique constraint.
          ...(mysql ? [{ name: 'uq_account_email', columns: ['email'] }] : []),
        ].sort((left, right) => ((left.name ?? '\uffff') < (right.name ?? '\uffff') ? -1 : 1)),
        foreignKeys: [],
        indexes: mysql
          ? [{ name: 'ix_account_status', columns: ['status'], unique: false, where: null }]
          : [
              { name: 'ix_account_status', columns: ['status'], unique: false, where: 'level > 0' },
              {
                name: 'uq_account_email_lower',
                columns: [sqlExpression(sqlite ? 'lower(email)' : 'lower(email::text)'), 'nick'],
                unique: true,
                where: null,
              },
            ],
        checkConstraints: [],
        comment: sqlite ? null : 'people',
      },
      {
        name: 'membership',
        columns: [
          column('account_id', t.integer(), { nullable: false }),
          column('team_name', t.string(50), { nullable: false }),
          column('team_region', t.string(10), { nullable: false }),
          column('role', t.string(20), { nullable: false, default: 'member' }),
          column('seniority', t.integer()),
        ],
        primaryKey: {
          name: mysql ? 'PRIMARY' : 'pk_membership',
          columns: ['account_id', 'team_name', 'team_region'],
        },
        uniqueConstraints: [],
        foreignKeys: [
          {
            name: 'fk_membership_account',
            columns: ['account_id'],
            referencedTable: 'account',
            referencedColumns: ['id'],
            onDelete: 'CASCADE',
            onUpdate: null,
          },
          {
            name: 'fk_membership_team',
            columns: ['team_name', 'team_region'],
            referencedTable: 'team',
            referencedColumns: ['name', 'region'],
            // InnoDB reports RESTRICT for "no action given" too: both are its default.
            onDelete: mysql ? null : 'RESTRICT',
            onUpdate: 'CASCADE',
          },
        ],
        // MySQL's own index for fk_membership_team is the key's, not listed.
        indexes: [{ name: 'ix_membership_role', columns: ['role', 'seniority'], unique: false, where: null }],
        checkConstraints: [
          { name: 'ck_membership_seniority', expression: mysql ? '`seniority` >= 0' : 'seniority >= 0' },
        ],
        comment: null,
      },
      {
        name: 'note',
        columns: [
          // A BIGINT key is no rowid alias on SQLite, so SQLite does not generate it.
          column('id', t.bigint(), { nullable: false, autoincrement: !sqlite }),
          column('account_id', t.integer()),
          column('body', t.text(), { nullable: false }),
        ],
        primaryKey: {
          name: on({ sqlite: null, postgresql: 'note_pkey', mysql: 'PRIMARY' }),
          columns: ['id'],
        },
        uniqueConstraints: [],
        foreignKeys: [
          {
            name: on({ sqlite: null, postgresql: 'note_account_id_fkey', mysql: 'note_ibfk_1' }),
            columns: ['account_id'],
            referencedTable: 'account',
            referencedColumns: ['id'],
            onDelete: null,
            onUpdate: null,
          },
        ],
        indexes: [],
        checkConstraints: [],
        comment: null,
      },
      {
        name: 'team',
        columns: [
          column('id', t.integer(), key),
          column('name', t.string(50), { nullable: false }),
          column('region', t.string(10), { nullable: false }),
        ],
        primaryKey: {
          name: on({ sqlite: null, postgresql: 'team_pkey', mysql: 'PRIMARY' }),
          columns: ['id'],
        },
        uniqueConstraints: [{ name: 'uq_team_name_region', columns: ['name', 'region'] }],
        foreignKeys: [],
        indexes: [],
        checkConstraints: [],
        comment: null,
      },
    ],
  };
}

describeEachDialect('introspect', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
  });
  afterEach(async () => online.close());

  it('reflects every table, column, key, index, check and comment into the schema model', async () => {
    await createFixtureSchema(createOperations(online.context), dialect);
    expect(await introspect(countingCatalog(online))).toEqual(expectedModel(dialect));
  });

  it.runIf(dialect === 'mysql')(
    'keeps a json_valid check on a column that is not MariaDB JSON, and hides the one that is',
    async () => {
      await online.db.executeQuery(
        CompiledQuery.raw(
          'CREATE TABLE doc (body TEXT, meta JSON, CONSTRAINT body CHECK (json_valid(body)))',
        ),
      );
      const [doc] = (await introspect(countingCatalog(online))).tables;
      expect(doc!.columns.map((entry) => entry.type)).toEqual([t.text(), t.json()]);
      expect(doc!.checkConstraints).toEqual([{ name: 'body', expression: 'json_valid(`body`)' }]);
    },
  );

  it('reflects an empty schema as no tables', async () => {
    expect(await introspect(countingCatalog(online))).toEqual({ tables: [] });
  });
});
