import { describe, expect, it } from 'vitest';
import type { TableModel } from '../../src/autogenerate/model.js';
import {
  check,
  column,
  defineSchema,
  foreignKey,
  index,
  isSchema,
  type Schema,
  schemaModel,
  sql,
  table,
  unique,
} from '../../src/autogenerate/schema/index.js';
import type { DialectName } from '../../src/dialect.js';
import { now, sqlExpression } from '../../src/operations/types.js';

function tableIn(schema: Schema, name: string, dialect?: DialectName): TableModel {
  const found = schemaModel(schema, { dialect }).tables.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no table ${name}`);
  return found;
}

const team = () => table({ id: column.integer().primaryKey(), name: column.string(100).notNull() });

describe('schemaModel', () => {
  it('lists tables sorted by name and columns in declaration order', () => {
    const schema = defineSchema({
      zebra: table({ b: column.text(), a: column.text() }),
      apple: table({ id: column.integer() }),
    });
    const model = schemaModel(schema);
    expect(model.tables.map((t) => t.name)).toEqual(['apple', 'zebra']);
    expect(model.tables[1]?.columns.map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('makes a column nullable unless it is NOT NULL or in the primary key', () => {
    const schema = defineSchema({
      item: table({
        id: column.text().primaryKey(),
        label: column.text().notNull(),
        note: column.text(),
        said: column.text().nullable(),
      }),
    });
    const nullable = Object.fromEntries(tableIn(schema, 'item').columns.map((c) => [c.name, c.nullable]));
    expect(nullable).toEqual({ id: false, label: false, note: true, said: true });
  });

  it('keeps types, defaults and comments in the neutral vocabulary', () => {
    const schema = defineSchema({
      item: table(
        {
          id: column.integer().primaryKey(),
          price: column.numeric(10, 2).notNull().default(0),
          active: column.boolean().default(true),
          kind: column.string(20).default('plain'),
          settings: column.json().default(sql`'{}'`),
          created_at: column.timestamp({ withTimeZone: true }).default(now()),
          code: column.raw('CHAR(3)').comment('ISO code'),
        },
        { comment: 'things for sale' },
      ),
    });
    const item = tableIn(schema, 'item');
    expect(item.comment).toBe('things for sale');
    expect(item.columns.map((c) => [c.name, c.type, c.default, c.comment])).toEqual([
      ['id', { kind: 'integer' }, null, null],
      ['price', { kind: 'numeric', precision: 10, scale: 2 }, 0, null],
      ['active', { kind: 'boolean' }, true, null],
      ['kind', { kind: 'string', length: 20 }, 'plain', null],
      ['settings', { kind: 'json' }, sqlExpression("'{}'"), null],
      ['created_at', { kind: 'timestamp', withTimeZone: true }, { kind: 'now' }, null],
      ['code', { kind: 'raw', sql: 'CHAR(3)' }, null, 'ISO code'],
    ]);
  });

  it('names unnamed indexes, unique constraints and foreign keys by the default convention', () => {
    const schema = defineSchema({
      team: team(),
      member: table(
        {
          id: column.integer().primaryKey(),
          email: column.string(100).unique(),
          team_id: column.integer().references('team.id').index(),
          first: column.text(),
          last: column.text(),
        },
        { indexes: [index(['last', 'first'])], uniques: [unique(['team_id', 'last'])] },
      ),
    });
    const member = tableIn(schema, 'member');
    expect(member.uniqueConstraints.map((u) => u.name)).toEqual([
      'uq_member_email',
      'uq_member_team_id_last',
    ]);
    expect(member.indexes.map((i) => i.name)).toEqual(['ix_member_last_first', 'ix_member_team_id']);
    expect(member.foreignKeys.map((f) => f.name)).toEqual(['fk_member_team_id_team']);
  });

  it('names them by a convention given as templates or functions', () => {
    const schema = defineSchema(
      {
        team: team(),
        member: table({
          id: column.integer().primaryKey(),
          email: column.string(100).unique().notNull(),
          team_id: column.integer().references('team.id').index(),
        }),
      },
      {
        naming: {
          unique: '{table}_{columns}_key',
          foreignKey: ({ table, columns, referredTable, referredColumns }) =>
            `${table}_${columns.join('_')}_to_${referredTable}_${referredColumns.join('_')}`,
          index: 'idx_{columns}_on_{table}',
        },
      },
    );
    const member = tableIn(schema, 'member');
    expect(member.uniqueConstraints.map((u) => u.name)).toEqual(['member_email_key']);
    expect(member.foreignKeys.map((f) => f.name)).toEqual(['member_team_id_to_team_id']);
    expect(member.indexes.map((i) => i.name)).toEqual(['idx_team_id_on_member']);
  });

  it('uses the names the schema gives over the convention', () => {
    const schema = defineSchema({
      team: team(),
      member: table(
        {
          id: column.integer().primaryKey(),
          email: column.string(100).unique('member_email_unique'),
          team_id: column.integer().references('team.id', { name: 'member_team' }).index('member_by_team'),
          last: column.text(),
        },
        {
          indexes: [index('member_last', ['last'])],
          uniques: [unique('member_team_last', ['team_id', 'last'])],
        },
      ),
    });
    const member = tableIn(schema, 'member');
    expect(member.uniqueConstraints.map((u) => u.name)).toEqual(['member_email_unique', 'member_team_last']);
    expect(member.indexes.map((i) => i.name)).toEqual(['member_by_team', 'member_last']);
    expect(member.foreignKeys.map((f) => f.name)).toEqual(['member_team']);
  });

  it('shortens a generated name longer than 63 characters with a stable hash', () => {
    const long = 'a_rather_long_column_name_that_goes_on';
    const make = () =>
      defineSchema({
        a_table_with_a_long_name: table({ id: column.integer().primaryKey(), [long]: column.text().index() }),
      });
    const [first] = tableIn(make(), 'a_table_with_a_long_name').indexes;
    const [again] = tableIn(make(), 'a_table_with_a_long_name').indexes;
    expect(first?.name).toHaveLength(63);
    const full = `ix_a_table_with_a_long_name_${long}`;
    expect(first?.name.slice(0, 54)).toBe(full.slice(0, 54));
    expect(first?.name.slice(54)).toMatch(/^_[0-9a-f]{8}$/);
    expect(again?.name).toBe(first?.name);
  });

  it('turns a column that is unique and indexed into a unique index, not a constraint', () => {
    const schema = defineSchema({
      prompt: table({ id: column.text().primaryKey(), command: column.string().unique().index() }),
    });
    const prompt = tableIn(schema, 'prompt');
    expect(prompt.uniqueConstraints).toEqual([]);
    expect(prompt.indexes).toEqual([
      { name: 'ix_prompt_command', columns: ['command'], unique: true, where: null },
    ]);
  });

  it('numbers the only integer primary-key column unless it has a default, a foreign key or says no', () => {
    const numbered = (schema: Schema) =>
      schemaModel(schema).tables.flatMap((t) =>
        t.columns.filter((c) => c.autoincrement).map((c) => `${t.name}.${c.name}`),
      );
    const schema = defineSchema({
      plain: table({ id: column.integer().primaryKey() }),
      big: table({ id: column.bigint().primaryKey() }),
      text_key: table({ id: column.text().primaryKey() }),
      composite: table({ a: column.integer().primaryKey(), b: column.integer().primaryKey() }),
      with_default: table({ id: column.integer().primaryKey().default(1) }),
      with_reference: table({ id: column.integer().primaryKey().references('plain.id') }),
      with_table_reference: table(
        { id: column.integer().primaryKey() },
        { foreignKeys: [foreignKey(['id'], 'plain', ['id'])] },
      ),
      refused: table({ id: column.integer().primaryKey().autoincrement(false) }),
      explicit: table({ id: column.smallint().primaryKey().autoincrement() }),
    });
    expect(numbered(schema)).toEqual(['big.id', 'explicit.id', 'plain.id']);
  });

  it('keeps a composite primary key in column order, or in the order and with the name the table gives', () => {
    const schema = defineSchema({
      natural: table({ a: column.text().primaryKey(), b: column.text().primaryKey(), c: column.text() }),
      reordered: table(
        { a: column.text().primaryKey(), b: column.text().primaryKey() },
        { primaryKey: { name: 'pk_reordered', columns: ['b', 'a'] } },
      ),
      none: table({ a: column.text() }),
    });
    expect(tableIn(schema, 'natural').primaryKey).toEqual({ name: null, columns: ['a', 'b'] });
    expect(tableIn(schema, 'reordered').primaryKey).toEqual({ name: 'pk_reordered', columns: ['b', 'a'] });
    expect(tableIn(schema, 'none').primaryKey).toBeNull();
  });

  it('keeps composite foreign keys and their actions, writing NO ACTION as the default (null)', () => {
    const schema = defineSchema({
      parent: table({ a: column.integer().primaryKey(), b: column.integer().primaryKey() }),
      child: table(
        {
          id: column.integer().primaryKey(),
          pa: column.integer(),
          pb: column.integer(),
          other: column.integer().references('child.id', { onDelete: 'NO ACTION', onUpdate: 'RESTRICT' }),
        },
        {
          foreignKeys: [
            foreignKey(['pa', 'pb'], 'parent', ['a', 'b'], { onDelete: 'CASCADE', onUpdate: 'SET NULL' }),
          ],
        },
      ),
    });
    expect(tableIn(schema, 'child').foreignKeys).toEqual([
      {
        name: 'fk_child_other_child',
        columns: ['other'],
        referencedTable: 'child',
        referencedColumns: ['id'],
        onDelete: null,
        onUpdate: 'RESTRICT',
      },
      {
        name: 'fk_child_pa_pb_parent',
        columns: ['pa', 'pb'],
        referencedTable: 'parent',
        referencedColumns: ['a', 'b'],
        onDelete: 'CASCADE',
        onUpdate: 'SET NULL',
      },
    ]);
  });

  it('keeps partial and expression indexes, and named checks', () => {
    const schema = defineSchema({
      user: table(
        { id: column.integer().primaryKey(), email: column.string(), deleted_at: column.timestamp() },
        {
          indexes: [
            index('ix_user_lower_email', [sql`lower(email)`], {
              unique: true,
              where: sql`deleted_at IS NULL`,
            }),
            index('ix_user_live', ['id', sql`coalesce(${'deleted_at'}, 0)`], { where: 'deleted_at IS NULL' }),
          ],
          checks: [check('ck_user_email', 'length(email) > 3'), check('ck_user_id', sql`id > 0`)],
        },
      ),
    });
    const user = tableIn(schema, 'user');
    expect(user.indexes).toEqual([
      {
        name: 'ix_user_live',
        columns: ['id', sqlExpression('coalesce(deleted_at, 0)')],
        unique: false,
        where: 'deleted_at IS NULL',
      },
      {
        name: 'ix_user_lower_email',
        columns: [sqlExpression('lower(email)')],
        unique: true,
        where: 'deleted_at IS NULL',
      },
    ]);
    expect(user.checkConstraints).toEqual([
      { name: 'ck_user_email', expression: 'length(email) > 3' },
      { name: 'ck_user_id', expression: 'id > 0' },
    ]);
  });
});

describe('schemaModel for a dialect', () => {
  const schema = defineSchema({
    account: table(
      {
        id: column.integer().primaryKey().unique(),
        big: column.bigint(),
        note: column.text().comment('free text'),
        flag: column.boolean().notNull().default('1').forDialect('postgresql', { default: true }),
      },
      { comment: 'accounts' },
    ),
    ledger: table({ id: column.bigint().primaryKey(), code: column.text().primaryKey().unique() }),
    legacy: table({
      a: column.text().primaryKey(),
      b: column.text().primaryKey().forDialect('sqlite', { nullable: true }),
    }),
  });

  it('leaves out comments on SQLite, which stores none', () => {
    const account = tableIn(schema, 'account', 'sqlite');
    expect(account.comment).toBeNull();
    expect(account.columns.find((c) => c.name === 'note')?.comment).toBeNull();
    expect(tableIn(schema, 'account', 'postgresql').comment).toBe('accounts');
  });

  it('numbers on SQLite only an INTEGER sole primary key, the rowid alias', () => {
    expect(tableIn(schema, 'account', 'sqlite').columns.find((c) => c.name === 'id')?.autoincrement).toBe(
      true,
    );
    const singleBigint = defineSchema({ t: table({ id: column.bigint().primaryKey() }) });
    expect(tableIn(singleBigint, 't', 'sqlite').columns[0]?.autoincrement).toBe(false);
    expect(tableIn(singleBigint, 't', 'postgresql').columns[0]?.autoincrement).toBe(true);
  });

  it('drops on PostgreSQL a unique constraint that repeats the primary key, as CREATE TABLE does', () => {
    expect(tableIn(schema, 'account', 'postgresql').uniqueConstraints).toEqual([]);
    expect(tableIn(schema, 'account', 'sqlite').uniqueConstraints.map((u) => u.columns)).toEqual([['id']]);
    expect(tableIn(schema, 'account', 'mysql').uniqueConstraints.map((u) => u.columns)).toEqual([['id']]);
    // A unique constraint on part of a composite key is not redundant.
    expect(tableIn(schema, 'ledger', 'postgresql').uniqueConstraints.map((u) => u.columns)).toEqual([
      ['code'],
    ]);
  });

  it('applies a forDialect override on that dialect only', () => {
    const flag = (dialect?: DialectName) =>
      tableIn(schema, 'account', dialect).columns.find((c) => c.name === 'flag');
    expect(flag('postgresql')?.default).toBe(true);
    expect(flag('sqlite')?.default).toBe('1');
    expect(flag()?.default).toBe('1');
    const b = (dialect: DialectName) =>
      tableIn(schema, 'legacy', dialect).columns.find((c) => c.name === 'b');
    expect(b('sqlite')?.nullable).toBe(true);
    expect(b('postgresql')?.nullable).toBe(false);
  });
});

describe('isSchema', () => {
  it('recognises what defineSchema returns, and nothing else', () => {
    const schema = defineSchema({ t: table({ id: column.integer() }) });
    expect(isSchema(schema)).toBe(true);
    expect(isSchema({ ...schema })).toBe(true);
    expect(isSchema({ tables: schema.tables, naming: schema.naming })).toBe(false);
    expect(isSchema({ ...schema, tables: { t: { columns: { id: 1 }, options: {} } } })).toBe(false);
    expect(isSchema(undefined)).toBe(false);
    expect(isSchema(schema.tables)).toBe(false);
  });
});
