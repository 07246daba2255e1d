import type { Generated, Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  column,
  defineSchema,
  foreignKey,
  type InferDatabase,
  schemaModel,
  table,
  type ValueTypes,
} from '../../src/autogenerate/schema/index.js';
import type { DialectName } from '../../src/dialect.js';
import { createOperations } from '../../src/operations/index.js';
import { type ColumnTypeKind, now } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { createTables } from './schema-support.js';

const blog = defineSchema({
  user: table({
    id: column.integer().primaryKey(),
    email: column.string(255).notNull().unique(),
    name: column.text(),
    active: column.boolean().notNull().default(true),
    settings: column.json().$type<{ theme: string }>(),
    created_at: column.timestamp().notNull().default(now()),
  }),
  post: table({
    id: column.bigint().primaryKey(),
    user_id: column.integer().notNull().references('user.id', { onDelete: 'CASCADE' }),
    title: column.string(200).notNull(),
    score: column.numeric(10, 2),
  }),
  membership: table({
    group_id: column.integer().primaryKey(),
    user_id: column.integer().primaryKey(),
  }),
  profile: table(
    { user_id: column.integer().primaryKey(), bio: column.text() },
    { foreignKeys: [foreignKey(['user_id'], 'user', ['id'])] },
  ),
});

type Blog = InferDatabase<typeof blog>;

describe('InferDatabase', () => {
  it('makes a column nullable unless it is NOT NULL or in the primary key', () => {
    expectTypeOf<Blog['user']['name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Blog['user']['email']>().toEqualTypeOf<string>();
    expectTypeOf<Blog['membership']['group_id']>().toEqualTypeOf<number>();
  });

  it('marks server defaults and the auto-numbered key as Generated', () => {
    expectTypeOf<Blog['user']['id']>().toEqualTypeOf<Generated<number>>();
    expectTypeOf<Blog['user']['active']>().toEqualTypeOf<Generated<boolean>>();
    expectTypeOf<Blog['user']['created_at']>().toEqualTypeOf<Generated<Date>>();
    expectTypeOf<Blog['post']['id']>().toEqualTypeOf<Generated<string>>();
  });

  it('does not number a composite key or a key that is also a foreign key', () => {
    expectTypeOf<Blog['membership']['user_id']>().toEqualTypeOf<number>();
    expectTypeOf<Blog['profile']['user_id']>().toEqualTypeOf<number>();
  });

  it('uses $type for a column and PostgreSQL value types by default', () => {
    expectTypeOf<Blog['user']['settings']>().toEqualTypeOf<{ theme: string } | null>();
    expectTypeOf<Blog['post']['score']>().toEqualTypeOf<string | null>();
  });

  it('gives the driver value types of the dialect asked for', () => {
    type OnSqlite = InferDatabase<typeof blog, 'sqlite'>;
    expectTypeOf<OnSqlite['user']['active']>().toEqualTypeOf<Generated<number>>();
    expectTypeOf<OnSqlite['user']['created_at']>().toEqualTypeOf<Generated<string>>();
    expectTypeOf<OnSqlite['post']['score']>().toEqualTypeOf<number | null>();
    // Only an INTEGER key is an alias of SQLite's rowid; a BIGINT key must be given.
    expectTypeOf<OnSqlite['post']['id']>().toEqualTypeOf<number>();
    expectTypeOf<OnSqlite['profile']['user_id']>().toEqualTypeOf<Generated<number>>();
  });

  it('agrees with schemaModel on which keys the database numbers', () => {
    const numbered = (dialect?: DialectName) =>
      schemaModel(blog, { dialect }).tables.flatMap((t) =>
        t.columns.filter((c) => c.autoincrement).map((c) => `${t.name}.${c.name}`),
      );
    expect(numbered()).toEqual(['post.id', 'user.id']);
    expect(numbered('postgresql')).toEqual(['post.id', 'user.id']);
    // SQLite numbers any INTEGER sole key (the rowid alias), even one that is a foreign key.
    expect(numbered('sqlite')).toEqual(['profile.user_id', 'user.id']);
  });
});

/**
 * These queries must not compile: `tsc --noEmit` (part of `npm test`) fails if a
 * `@ts-expect-error` line compiles, which would mean the inferred type lets a wrong query through.
 */
function wrongQueries(db: Kysely<Blog>): { compile(): { sql: string } }[] {
  return [
    // @ts-expect-error: no such column
    db.selectFrom('user').select('nope'),
    // @ts-expect-error: no such table
    db.selectFrom('users').selectAll(),
    // @ts-expect-error: a string in an integer column
    db.insertInto('post').values({ user_id: 'one', title: 'Hello' }),
    // @ts-expect-error: title is NOT NULL without a default, so it is required
    db.insertInto('post').values({ user_id: 1 }),
    // @ts-expect-error: email is NOT NULL, so null is refused
    db.updateTable('user').set({ email: null }),
  ];
}

describeEachDialect(
  'a Kysely<InferDatabase> on SQLite',
  (dialect) => {
    let online: OnlineTestContext;
    beforeEach(async () => {
      online = await openOnlineContext(dialect);
      await createTables(createOperations(online.context), schemaModel(blog, { dialect }).tables);
    });
    afterEach(async () => online.close());

    it('builds, but does not type-check, queries that name unknown columns or give wrong values', () => {
      const compiled = wrongQueries(online.db).map((query) => query.compile().sql);
      expect(compiled[0]).toContain('"nope"');
      expect(compiled[1]).toContain('"users"');
    });

    it('inserts without generated columns and reads rows typed as declared', async () => {
      const db: Kysely<InferDatabase<typeof blog, 'sqlite'>> = online.db;
      const { id } = await db
        .insertInto('user')
        .values({ email: 'ada@example.com', name: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('post').values({ id: 7, user_id: id, title: 'Notes' }).execute();
      const row = await db
        .selectFrom('post')
        .innerJoin('user', 'user.id', 'post.user_id')
        .select(['user.email', 'user.active', 'user.created_at', 'post.id', 'post.title'])
        .executeTakeFirstOrThrow();
      expectTypeOf(row.active).toEqualTypeOf<number>();
      expect(row).toMatchObject({ email: 'ada@example.com', active: 1, title: 'Notes', id: 7 });
      expect(typeof row.created_at).toBe('string');
    });
  },
  ['sqlite'],
);

/** What each dialect's driver returns for each kind, as `ValueTypes` declares it. */
const RETURNED = {
  postgresql: {
    text: 'string',
    string: 'string',
    uuid: 'string',
    time: 'string',
    integer: 'number',
    smallint: 'number',
    float: 'number',
    double: 'number',
    bigint: 'string',
    numeric: 'string',
    boolean: 'boolean',
    date: 'Date',
    timestamp: 'Date',
    json: 'unknown',
    jsonb: 'unknown',
    binary: 'Buffer',
    raw: 'unknown',
  },
  sqlite: {
    text: 'string',
    string: 'string',
    uuid: 'string',
    time: 'string',
    integer: 'number',
    smallint: 'number',
    float: 'number',
    double: 'number',
    bigint: 'number',
    numeric: 'number',
    boolean: 'number',
    date: 'string',
    timestamp: 'string',
    json: 'string',
    jsonb: 'string',
    binary: 'Buffer',
    raw: 'unknown',
  },
  mysql: {
    text: 'string',
    string: 'string',
    uuid: 'string',
    time: 'string',
    integer: 'number',
    smallint: 'number',
    float: 'number',
    double: 'number',
    bigint: 'number',
    numeric: 'string',
    boolean: 'number',
    date: 'Date',
    timestamp: 'Date',
    json: 'unknown',
    jsonb: 'unknown',
    binary: 'Buffer',
    raw: 'unknown',
  },
} as const satisfies Record<DialectName, Record<ColumnTypeKind, string>>;

type Described<Name> = Name extends 'string'
  ? string
  : Name extends 'number'
    ? number
    : Name extends 'boolean'
      ? boolean
      : Name extends 'Date'
        ? Date
        : Name extends 'Buffer'
          ? Buffer
          : unknown;

type DescribedValues<D extends DialectName> = {
  [K in ColumnTypeKind]: Described<(typeof RETURNED)[D][K]>;
};

const samples = defineSchema({
  sample: table({
    v_text: column.text(),
    v_string: column.string(20),
    v_uuid: column.uuid(),
    v_time: column.time(),
    v_integer: column.integer(),
    v_smallint: column.smallint(),
    v_float: column.float(),
    v_double: column.double(),
    v_bigint: column.bigint(),
    v_numeric: column.numeric(10, 2),
    v_boolean: column.boolean(),
    v_date: column.date(),
    v_timestamp: column.timestamp(),
    v_json: column.json(),
    v_jsonb: column.jsonb(),
    v_binary: column.binary(16),
  }),
});

function describeValue(value: unknown): string {
  if (value instanceof Buffer) return 'Buffer';
  if (value instanceof Date) return 'Date';
  return typeof value;
}

describeEachDialect('ValueTypes', (dialect) => {
  let online: OnlineTestContext;
  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    await createTables(createOperations(online.context), schemaModel(samples, { dialect }).tables);
  });
  afterEach(async () => online.close());

  it('declares what the driver returns for each column kind', async () => {
    expectTypeOf<DescribedValues<'postgresql'>>().toEqualTypeOf<ValueTypes['postgresql']>();
    expectTypeOf<DescribedValues<'sqlite'>>().toEqualTypeOf<ValueTypes['sqlite']>();
    expectTypeOf<DescribedValues<'mysql'>>().toEqualTypeOf<ValueTypes['mysql']>();
    await online.db
      .insertInto('sample')
      .values({
        v_text: 'a',
        v_string: 'b',
        v_uuid: '00000000-0000-4000-8000-000000000000',
        v_time: '12:34:56',
        v_integer: 1,
        v_smallint: 2,
        v_float: 1.5,
        v_double: 2.5,
        v_bigint: 5,
        v_numeric: '12.34',
        v_boolean: dialect === 'postgresql' ? true : 1,
        v_date: '2024-01-02',
        v_timestamp: '2024-01-02 03:04:05',
        v_json: '{"a": 1}',
        v_jsonb: '{"a": 1}',
        v_binary: Buffer.from([1, 2, 3]),
      })
      .execute();
    const row: Record<string, unknown> = await online.db
      .selectFrom('sample')
      .selectAll()
      .executeTakeFirstOrThrow();
    const expected = RETURNED[dialect] as Record<ColumnTypeKind, string>;
    const kinds = Object.keys(row).map((name) => name.slice(2) as ColumnTypeKind);
    const returned = Object.fromEntries(kinds.map((kind) => [kind, describeValue(row[`v_${kind}`])]));
    const declared = Object.fromEntries(
      kinds.map((kind) => [kind, expected[kind] === 'unknown' ? returned[kind] : expected[kind]]),
    );
    expect(returned).toEqual(declared);
  });
});
