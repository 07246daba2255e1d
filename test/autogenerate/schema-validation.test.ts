import { describe, expect, it } from 'vitest';
import {
  check,
  column,
  defineSchema,
  foreignKey,
  InvalidSchemaError,
  index,
  type SchemaProblem,
  sql,
  type TablesOf,
  table,
  unique,
} from '../../src/autogenerate/schema/index.js';
import { AmbixError } from '../../src/errors.js';

/** The problems defineSchema reports for `tables`; fails the test when it accepts them. */
function problemsOf(tables: TablesOf): readonly SchemaProblem[] {
  try {
    defineSchema(tables);
  } catch (error) {
    if (error instanceof InvalidSchemaError) return error.problems;
    throw error;
  }
  throw new Error('defineSchema accepted an invalid schema');
}

const user = () => table({ id: column.integer().primaryKey(), email: column.string(100).unique() });

describe('defineSchema refuses a malformed schema', () => {
  it('with a typed error whose message names the table and column', () => {
    let caught: unknown;
    try {
      defineSchema({
        user: user(),
        post: table({ id: column.integer().primaryKey(), user_id: column.integer().references('usr.id') }),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidSchemaError);
    expect(caught).toBeInstanceOf(AmbixError);
    expect((caught as InvalidSchemaError).code).toBe('INVALID_SCHEMA');
    expect((caught as Error).message).toContain(
      'table "post", column "user_id": foreign key "fk_post_user_id_usr" references table "usr"',
    );
  });

  it('when a foreign key names an unknown table or column', () => {
    expect(
      problemsOf({
        user: user(),
        post: table(
          {
            id: column.integer().primaryKey(),
            user_id: column.integer().references('user.uid'),
            a: column.integer(),
          },
          { foreignKeys: [foreignKey(['a'], 'nowhere', ['id'])] },
        ),
      }),
    ).toEqual([
      {
        table: 'post',
        column: 'a',
        message:
          'foreign key "fk_post_a_nowhere" references table "nowhere", which the schema does not define',
      },
      {
        table: 'post',
        column: 'user_id',
        message: 'foreign key "fk_post_user_id_user" references "user.uid", which the schema does not define',
      },
    ]);
  });

  it('when a reference is not of the form table.column', () => {
    const problems = problemsOf({
      user: user(),
      post: table({
        id: column.integer().primaryKey(),
        user_id: column.integer().references('public.user.id'),
      }),
    });
    expect(problems).toEqual([
      {
        table: 'post',
        column: 'user_id',
        message: `references "public.user.id", which is not of the form 'table.column'`,
      },
    ]);
  });

  it('when a foreign key references columns that are neither the primary key nor unique', () => {
    const problems = problemsOf({
      user: table({ id: column.integer().primaryKey(), name: column.text() }),
      post: table({ id: column.integer().primaryKey(), author: column.text().references('user.name') }),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ table: 'post', column: 'author' });
    expect(problems[0]?.message).toContain('neither its primary key nor unique');
  });

  it('when a composite foreign key has more columns than it references', () => {
    const problems = problemsOf({
      user: user(),
      post: table(
        { id: column.integer().primaryKey(), a: column.integer(), b: column.integer() },
        { foreignKeys: [foreignKey(['a', 'b'], 'user', ['id'])] },
      ),
    });
    expect(problems.map((p) => p.message)).toEqual([
      'foreign key "fk_post_a_b_user" has 2 column(s) but references 1',
    ]);
  });

  it('when two indexes or constraints share a name, even in different tables', () => {
    const problems = problemsOf({
      user: table({ id: column.integer().primaryKey(), email: column.text().index('ix_email') }),
      admin: table(
        { id: column.integer().primaryKey(), email: column.text() },
        { uniques: [unique('IX_EMAIL', ['email'])] },
      ),
    });
    expect(problems).toEqual([
      {
        table: 'admin',
        message:
          'the unique constraint name "IX_EMAIL" is used twice (already used in table "user"); names must be unique, ignoring case',
      },
    ]);
  });

  it('when a primary-key column is declared nullable', () => {
    expect(problemsOf({ t: table({ id: column.text().primaryKey().nullable() }) })).toEqual([
      {
        table: 't',
        column: 'id',
        message: 'is part of the primary key but declared nullable; primary-key columns are NOT NULL',
      },
    ]);
  });

  it('when a dialect other than SQLite is told a primary-key column is nullable', () => {
    const problems = problemsOf({
      t: table({ id: column.text().primaryKey().forDialect('postgresql', { nullable: true }) }),
    });
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      ['id', 'postgresql cannot store NULL in a primary-key column; only SQLite can be told so'],
    ]);
  });

  it('when a column is named twice, ignoring case', () => {
    expect(problemsOf({ t: table({ email: column.text(), Email: column.text() }) })).toEqual([
      {
        table: 't',
        column: 'Email',
        message: 'the column name "Email" is used twice; names must be unique, ignoring case',
      },
    ]);
  });

  it('when a table is named twice, ignoring case', () => {
    expect(problemsOf({ user: user(), User: table({ id: column.integer() }) }).map((p) => p.message)).toEqual(
      [
        'the table name "User" is used twice (already used in table "user"); names must be unique, ignoring case',
      ],
    );
  });

  it('when an index or constraint names a column the table does not have', () => {
    const untyped = { indexes: [index(['missing'])], uniques: [unique(['gone'])] } as const;
    // @ts-expect-error: table() rejects unknown columns at compile time; this checks the runtime guard.
    const problems = problemsOf({ t: table({ id: column.integer().primaryKey() }, untyped) });
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      ['gone', 'unique constraint "uq_t_gone" names a column the table does not have'],
      ['missing', 'index "ix_t_missing" names a column the table does not have'],
    ]);
  });

  it('when an expression index has no name', () => {
    expect(
      problemsOf({ t: table({ email: column.text() }, { indexes: [index([sql`lower(email)`])] }) }),
    ).toEqual([
      {
        table: 't',
        message: 'the index on (lower(email)) needs a name: no convention can name an expression',
      },
    ]);
  });

  it('when an explicit name is longer than PostgreSQL keeps', () => {
    const name = `ck_${'x'.repeat(61)}`;
    expect(
      problemsOf({ t: table({ a: column.integer() }, { checks: [check(name, 'a > 0')] }) }).map(
        (p) => p.message,
      ),
    ).toEqual([`the check name "${name}" is longer than 63 characters (PostgreSQL would truncate it)`]);
  });

  it('when autoincrement is asked of a column that is not the only integer key', () => {
    const problems = problemsOf({
      t: table({ id: column.text().primaryKey().autoincrement(), n: column.integer().autoincrement() }),
    });
    expect(problems.map((p) => [p.column ?? null, p.message])).toEqual([
      ['id', 'autoincrement() needs an integer column that is the only primary-key column'],
      ['n', 'autoincrement() needs an integer column that is the only primary-key column'],
      [null, 'several columns are marked autoincrement(): id, n'],
    ]);
  });

  it('when the table primary-key option does not list the marked columns', () => {
    const problems = problemsOf({
      t: table({ a: column.text().primaryKey(), b: column.text() }, { primaryKey: { columns: ['a', 'b'] } }),
    });
    expect(problems.map((p) => p.message)).toEqual([
      "options.primaryKey.columns (a, b) must list exactly the columns marked .primaryKey() (a), in the key's order",
    ]);
  });

  it('when a table has no columns or is not a table()', () => {
    const problems = problemsOf({
      empty: table({}),
      odd: { columns: 1 } as unknown as ReturnType<typeof table>,
    });
    expect(problems).toEqual([
      { table: 'odd', message: 'is not a table(): declare it with table({ … })' },
      { table: 'empty', message: 'the table has no columns' },
    ]);
  });

  it('reporting every problem at once', () => {
    const problems = problemsOf({
      a: table({ id: column.text().primaryKey().nullable(), ref: column.text().references('b.id') }),
    });
    expect(problems.map((p) => p.column)).toEqual(['id', 'ref']);
  });
});
