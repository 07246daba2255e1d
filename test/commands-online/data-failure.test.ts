import { expect, it } from 'vitest';
import { upgrade } from '../../src/commands/upgrade.js';
import type { DialectName } from '../../src/dialect.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import type { RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';

/** Users whose e-mails differ only in case, one without a name, and a login of no account. */
const DATA: RevisionSpec = {
  id: 'data0001',
  upgradeSql: [
    'CREATE TABLE app_user (id INTEGER PRIMARY KEY, email VARCHAR(100), name VARCHAR(50))',
    "INSERT INTO app_user VALUES (1, 'Ann@example.org', 'Ann'), (2, 'ann@example.org', NULL)",
    'CREATE TABLE account (id INTEGER PRIMARY KEY)',
    'CREATE TABLE login (id INTEGER PRIMARY KEY, account_id INTEGER)',
    'INSERT INTO login VALUES (1, 99)',
  ],
};

/** A unique index on the e-mail regardless of case: MariaDB's default collation already ignores case. */
function uniqueEmailSql(dialect: DialectName): string {
  return dialect === 'mysql'
    ? 'CREATE UNIQUE INDEX ix_app_user_email ON app_user (email)'
    : 'CREATE UNIQUE INDEX ix_app_user_email ON app_user (lower(email))';
}

/** Makes `name` NOT NULL: SQLite cannot alter a column, so the copy a batch rebuild makes. */
function nameNotNullSql(dialect: DialectName): string[] {
  if (dialect === 'sqlite') {
    return [
      'CREATE TABLE app_user_new (id INTEGER PRIMARY KEY, email VARCHAR(100), name VARCHAR(50) NOT NULL)',
      'INSERT INTO app_user_new SELECT id, email, name FROM app_user',
    ];
  }
  return [
    dialect === 'mysql'
      ? 'ALTER TABLE app_user MODIFY name VARCHAR(50) NOT NULL'
      : 'ALTER TABLE app_user ALTER COLUMN name SET NOT NULL',
  ];
}

const ADVICE_TAIL =
  '. Correct or remove those rows, or make the revision clean them up before this statement, then rerun.';
const DATA_PROBLEM =
  "This is a data problem, not a fault of the revision's code: rows in the database break the ";

const UNIQUE_ADVICE: Record<DialectName, string> = {
  sqlite: `${DATA_PROBLEM}unique constraint 'ix_app_user_email'${ADVICE_TAIL}`,
  postgresql: `${DATA_PROBLEM}unique constraint 'ix_app_user_email' on table 'app_user' (lower(email::text)) (Key (lower(email::text))=(ann@example.org) is duplicated.)${ADVICE_TAIL}`,
  mysql: `${DATA_PROBLEM}unique constraint 'ix_app_user_email'${ADVICE_TAIL}`,
};

const NOT_NULL_ADVICE: Record<DialectName, string> = {
  sqlite: `${DATA_PROBLEM}NOT NULL constraint on table 'app_user_new' (name)${ADVICE_TAIL}`,
  postgresql: `${DATA_PROBLEM}NOT NULL constraint on table 'app_user' (name)${ADVICE_TAIL}`,
  mysql: `${DATA_PROBLEM}column definition constraint on column (name)${ADVICE_TAIL}`,
};

const FOREIGN_KEY_ADVICE: Record<'postgresql' | 'mysql', string> = {
  postgresql: `${DATA_PROBLEM}foreign key constraint 'fk_login_account' on table 'login' (account_id) (Key (account_id)=(99) is not present in table "account".)${ADVICE_TAIL}`,
  mysql: `${DATA_PROBLEM}foreign key constraint 'fk_login_account' on column (account_id)${ADVICE_TAIL}`,
};

async function userRows(url: string): Promise<unknown[]> {
  return withSession(url, async (session) =>
    (await session.execute('SELECT id, email, name FROM app_user ORDER BY id', [])).rows.map((row) => ({
      ...row,
    })),
  );
}

async function indexNames(url: string, dialect: DialectName): Promise<string[]> {
  const sql: Record<DialectName, string> = {
    sqlite:
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'app_user' AND sql IS NOT NULL",
    postgresql:
      "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'app_user' AND indexname <> 'app_user_pkey'",
    mysql:
      "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'app_user' AND index_name <> 'PRIMARY'",
  };
  return withSession(url, async (session) =>
    (await session.execute(sql[dialect], [])).rows.map((row) => String(Object.values(row)[0])),
  );
}

async function failure(options: {
  cwd: string;
  migrations: string[];
  url: string;
}): Promise<MigrationFailedError> {
  const error = await upgrade({ ...options, target: 'head' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MigrationFailedError);
  return error as MigrationFailedError;
}

describeEachDialect('a migration that fails on the data', (dialect) => {
  const scenario = scenarios(dialect);

  it('a unique index over e-mails that differ only in case is a data problem naming the index; nothing changes', async () => {
    const s = await scenario([
      DATA,
      { id: 'uniq0002', down: 'data0001', upgradeSql: [uniqueEmailSql(dialect)] },
    ]);
    await upgrade({ ...s.options, target: 'data0001' });
    const before = await userRows(s.db.url);

    const error = await failure(s.options);

    expect(error.violation).toMatchObject({ kind: 'unique', constraint: 'ix_app_user_email' });
    expect(error.message.split('\n').slice(-2)).toEqual([
      UNIQUE_ADVICE[dialect],
      'The version table is at data0001.',
    ]);
    expect(error.message).not.toContain('fix the revision');
    expect(await s.rows()).toEqual(['data0001']);
    expect(await indexNames(s.db.url, dialect)).toEqual([]);
    expect(await userRows(s.db.url)).toEqual(before);
  });

  it('NOT NULL over a column holding NULL is a data problem naming the column; nothing changes', async () => {
    const s = await scenario([
      DATA,
      { id: 'notn0002', down: 'data0001', upgradeSql: nameNotNullSql(dialect) },
    ]);
    await upgrade({ ...s.options, target: 'data0001' });
    const before = await userRows(s.db.url);

    const error = await failure(s.options);

    expect(error.violation).toMatchObject({ columns: ['name'] });
    expect(error.message.split('\n').slice(-2)).toEqual([
      NOT_NULL_ADVICE[dialect],
      'The version table is at data0001.',
    ]);
    expect(await s.rows()).toEqual(['data0001']);
    expect(await userRows(s.db.url)).toEqual(before);
  });

  // SQLite runs migrations with keys unenforced and checks them before commit: ForeignKeyViolationError.
  it.skipIf(dialect === 'sqlite')(
    'a foreign key over rows that point nowhere is a data problem naming the key',
    async () => {
      const s = await scenario([
        DATA,
        {
          id: 'fkey0002',
          down: 'data0001',
          upgradeSql: [
            'ALTER TABLE login ADD CONSTRAINT fk_login_account FOREIGN KEY (account_id) REFERENCES account (id)',
          ],
        },
      ]);
      await upgrade({ ...s.options, target: 'data0001' });

      const error = await failure(s.options);

      expect(error.violation).toMatchObject({ kind: 'foreign-key', constraint: 'fk_login_account' });
      expect(error.message.split('\n').slice(-2)).toEqual([
        FOREIGN_KEY_ADVICE[dialect as 'postgresql' | 'mysql'],
        'The version table is at data0001.',
      ]);
      expect(await s.rows()).toEqual(['data0001']);
    },
  );

  it('a revision whose own SQL is wrong is still told to fix the revision', async () => {
    const s = await scenario([
      DATA,
      { id: 'typo0002', down: 'data0001', upgradeSql: ['INSERT INTO no_such_table VALUES (1)'] },
    ]);
    const error = await failure(s.options);
    expect(error.violation).toBeNull();
    expect(error.message.split('\n').at(-1)).toBe(
      'The version table is at data0001; fix the revision and rerun.',
    );
  });
});
