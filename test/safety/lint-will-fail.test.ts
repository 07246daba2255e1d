import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { lint } from '../../src/commands/lint.js';
import type { DialectName } from '../../src/dialect.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { boundedQuery } from '../../src/safety/live-database.js';
import type { WillFail } from '../../src/safety/will-fail.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

/** Four revisions, each of which the database below refuses for its own reason. */
const REVISIONS: Record<string, { down: string | null; body: string }> = {
  fkey0001: {
    down: null,
    body: `await op.createTable('book', { columns: [
    { name: 'id', type: { kind: 'integer' }, primaryKey: true },
    { name: 'author_id', type: { kind: 'string', length: 50 }, references: { table: 'author', column: 'id' } },
  ] });`,
  },
  nick0002: {
    down: 'fkey0001',
    body: `await op.createIndex('uq_member_nick', 'member', ['nick'], { unique: true });`,
  },
  mail0003: {
    down: 'nick0002',
    body: `await op.batchAlterTable('member', (batch: any) => {
    batch.alterColumn('email', { nullable: false, existingType: { kind: 'string', length: 100 } });
  });`,
  },
  join0004: {
    down: 'mail0003',
    body: `await op.addColumn('member', { name: 'joined_at', type: { kind: 'bigint' }, nullable: false });`,
  },
};

function writeProject(dir: string): void {
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  for (const [id, { down, body }] of Object.entries(REVISIONS)) {
    writeFileSync(
      join(migrations, `${id}.ts`),
      `export const revision = '${id}';
export const downRevision = ${down === null ? 'null' : `'${down}'`};
export const message = '${id}';
export async function upgrade(op: any) {
  ${body}
}
export async function downgrade(op: any) {}
`,
    );
  }
}

/**
 * `author` has no key at all (the legacy-table trap); `member` has two rows sharing a nick and a
 * row without e-mail.
 */
const STATE = [
  'CREATE TABLE author (id VARCHAR(50) NOT NULL, name VARCHAR(50))',
  "INSERT INTO author (id, name) VALUES ('a1', 'Ann')",
  'CREATE TABLE member (id INTEGER PRIMARY KEY, email VARCHAR(100), nick VARCHAR(50))',
  "INSERT INTO member (id, email, nick) VALUES (1, 'ann@example.org', 'ann'), (2, NULL, 'ann'), (3, 'bo@example.org', 'bo')",
];

/** What the database really refuses, per dialect. */
function expectedFailures(dialect: DialectName): Record<string, WillFail[]> {
  // MySQL reserves MEMBER.
  const member = dialect === 'mysql' ? '`member`' : 'member';
  return {
    fkey0001: [
      {
        operation: 'createTable(book)',
        reason: {
          mysql:
            'the foreign key author_id references author(id), which no index of author starts with: MySQL/MariaDB refuse it (errno 1005/1822)',
          postgresql:
            'the foreign key author_id references author(id), which has no primary key or unique constraint: PostgreSQL refuses it (InvalidForeignKey: there is no unique constraint matching given keys for referenced table "author")',
          sqlite:
            'the foreign key author_id references author(id), which has no primary key or unique index: SQLite refuses it (foreign key mismatch)',
        }[dialect],
        fix:
          dialect === 'sqlite'
            ? 'CREATE UNIQUE INDEX author_id_key ON author (id);'
            : 'ALTER TABLE author ADD PRIMARY KEY (id);',
      },
    ],
    nick0002: [
      {
        operation: 'createIndex(uq_member_nick on member)',
        reason:
          'uq_member_nick makes (nick) unique in member, but rows of member share values there: the database refuses it',
        fix: `SELECT nick, COUNT(*) AS copies FROM ${member} WHERE nick IS NOT NULL GROUP BY nick HAVING COUNT(*) > 1;  -- merge or delete these duplicates before upgrading`,
      },
    ],
    mail0003: [
      {
        operation: 'batchAlterTable(member).alterColumn(email)',
        reason: 'sets member.email NOT NULL, but rows of member hold NULL there: the database refuses it',
        fix: `UPDATE ${member} SET email = <value> WHERE email IS NULL;  -- or delete those rows`,
      },
    ],
    // MySQL/MariaDB fill the new column with 0 instead of refusing it.
    join0004:
      dialect === 'mysql'
        ? []
        : [
            {
              operation: 'addColumn(member.joined_at)',
              reason:
                'adds NOT NULL column member.joined_at without a default to member, which has rows: the database refuses it',
              fix: 'change the revision: give joined_at a server default, or add it nullable, fill it, then alter it to NOT NULL (no SQL run before upgrading can help: the column does not exist yet)',
            },
          ],
  };
}

describeEachDialect('lint against a live database names the revisions that will fail', (dialect) => {
  let database: TestDatabase;
  let dir: string;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'ambix-will-fail-'));
    writeProject(dir);
    session = await connect(parseDatabaseUrl(database.url));
    for (const sql of STATE) await session.execute(sql);
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const failuresOf = async () =>
    Object.fromEntries(
      (await lint({ cwd: dir, url: database.url })).revisions.map((revision) => [
        revision.revision,
        revision.willFail,
      ]),
    );

  test('each refused operation is named with its reason and the fix, in plan order', async () => {
    expect(await failuresOf()).toEqual(expectedFailures(dialect));
  });

  test('the first revision lint says will fail is the one upgrade stops at', async () => {
    const first = Object.entries(await failuresOf()).find(([, failures]) => failures.length > 0)?.[0];
    const run = await cli(['upgrade', 'head', '--url', database.url], { cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`revision ${first}`);
  });

  test('after the suggested fixes, those revisions are no longer predicted to fail, and they run', async () => {
    await session.execute(
      dialect === 'sqlite'
        ? 'CREATE UNIQUE INDEX author_id_key ON author (id)'
        : 'ALTER TABLE author ADD PRIMARY KEY (id)',
    );
    await session.execute("UPDATE member SET nick = 'ann2' WHERE id = 2");
    await session.execute("UPDATE member SET email = 'none@example.org' WHERE email IS NULL");
    const failures = await failuresOf();
    expect(failures).toEqual({ ...expectedFailures(dialect), fkey0001: [], nick0002: [], mail0003: [] });
    const run = await cli(['upgrade', 'mail0003', '--url', database.url], { cwd: dir });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
  });

  test('lint and upgrade --plan print "will fail" with the fix; --json carries the same', async () => {
    for (const args of [['lint'], ['upgrade', 'head', '--plan']]) {
      const run = await cli([...args, '--url', database.url], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^nick0002 nick0002: will fail; /m);
      expect(run.stdout).toContain(
        '  will fail: createIndex(uq_member_nick on member): uq_member_nick makes (nick) unique in member',
      );
      expect(run.stdout).toContain(
        `      fix before upgrading: ${dialect === 'mysql' ? 'UPDATE `member`' : 'UPDATE member'} SET email = <value> WHERE email IS NULL;`,
      );
    }
    const json = await cli(['lint', '--json', '--url', database.url], { cwd: dir });
    const document = JSON.parse(json.stdout) as { revisions: { revision: string; willFail: WillFail[] }[] };
    expect(Object.fromEntries(document.revisions.map((entry) => [entry.revision, entry.willFail]))).toEqual(
      expectedFailures(dialect),
    );
  });

  test('lint --fail-on will-fail exits 1 naming the revisions that will fail', async () => {
    const run = await cli(['lint', '--fail-on', 'will-fail', '--url', database.url], { cwd: dir });
    expect(run.code).toBe(1);
    const failing = Object.entries(expectedFailures(dialect))
      .filter(([, failures]) => failures.length > 0)
      .map(([revision]) => revision);
    expect(run.stderr).toContain(
      `Revision(s) ${failing.join(', ')} will fail on this database (see above); apply the fixes shown before upgrading.`,
    );
  });

  test('without a database, nothing is predicted to fail', async () => {
    const result = await lint({ cwd: dir, dialect });
    expect(result.revisions.every((revision) => revision.willFail.length === 0)).toBe(true);
  });
});

describeEachDialect(
  'a will-fail probe is bounded in time',
  (dialect) => {
    test('the server gives the probe up after the bound instead of running on', async () => {
      const database = await createTestDatabase(dialect);
      const session = await connect(parseDatabaseUrl(database.url));
      try {
        const slow =
          dialect === 'postgresql' ? 'SELECT 1 AS found FROM pg_sleep(30)' : 'SELECT SLEEP(30) AS found';
        const started = performance.now();
        const outcome = await boundedQuery(session, slow, 200).then(
          (result) => result.rows,
          (error: unknown) => error,
        );
        expect(performance.now() - started).toBeLessThan(10_000);
        expect(outcome).toBeInstanceOf(Error);
      } finally {
        await session.close();
        await database.drop();
      }
    }, 30_000);
  },
  ['postgresql', 'mysql'],
);

describeEachDialect(
  'a key added by an earlier pending revision counts for a later foreign key',
  (dialect) => {
    test('author keyed in a batch by key00001 makes book00002 safe to reference it', async () => {
      const database = await createTestDatabase(dialect);
      const dir = mkdtempSync(join(tmpdir(), 'ambix-will-fail-'));
      const session = await connect(parseDatabaseUrl(database.url));
      try {
        await session.execute(STATE[0] as string);
        const migrations = join(dir, 'migrations');
        mkdirSync(migrations);
        writeFileSync(
          join(migrations, 'key00001.ts'),
          `export const revision = 'key00001';
export const downRevision = null;
export async function upgrade(op: any) {
  await op.batchAlterTable('author', (batch: any) => { batch.createPrimaryKey('pk_author', ['id']); });
}
export async function downgrade(op: any) {}
`,
        );
        writeFileSync(
          join(migrations, 'book00002.ts'),
          `export const revision = 'book00002';
export const downRevision = 'key00001';
export async function upgrade(op: any) {
  ${REVISIONS.fkey0001?.body}
}
export async function downgrade(op: any) {}
`,
        );
        const { revisions } = await lint({ cwd: dir, url: database.url });
        expect(revisions.map((revision) => [revision.revision, revision.willFail])).toEqual([
          ['key00001', []],
          ['book00002', []],
        ]);
      } finally {
        await session.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
