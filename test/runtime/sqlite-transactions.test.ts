import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Operations } from '../../src/operations/operations.js';
import { ForeignKeyViolationError, MigrationFailedError } from '../../src/runtime/errors.js';
import { executePlan } from '../../src/runtime/executor.js';
import type { RevisionCode } from '../../src/runtime/revision-code.js';
import type { RunPlanOptions } from '../../src/runtime/run.js';
import { DEFAULT_VERSION_TABLE, VersionTableSql } from '../../src/runtime/version-table.js';
import type { Plan } from '../../src/script/plan.js';
import type { Revision } from '../../src/script/revision.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import {
  createRanLog,
  linearUpgradePlan,
  loaderFor,
  loggingRevision,
  openSession,
  ranLog,
  revision,
  runWith,
  tableExists,
  versionRows,
  withSession,
} from './support.js';

const a = revision('aaaa1111');
const b = revision('bbbb2222', ['aaaa1111']);
const c = revision('cccc3333', ['bbbb2222']);

type Work = (op: Operations) => Promise<unknown>;

function run(
  db: TestDatabase,
  plan: Plan,
  codes: Record<string, RevisionCode>,
  extra: Partial<RunPlanOptions> = {},
) {
  return runWith(db.url, plan, codes, extra);
}

const upgrades = (works: Record<string, Work>): Record<string, RevisionCode> =>
  Object.fromEntries(Object.entries(works).map(([id, upgrade]) => [id, loggingRevision(id, { upgrade })]));

/** What another connection to the file sees: only what has been committed. */
function committedTables(db: TestDatabase): string[] {
  const reader = new Database(db.name, { readonly: true });
  try {
    const rows = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return rows.map((row) => String((row as { name: string }).name));
  } finally {
    reader.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<MigrationFailedError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MigrationFailedError);
  return error as MigrationFailedError;
}

describe('SQLite runs: one transaction, a savepoint per migration', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    await createRanLog(db.url);
  });
  afterEach(async () => db.drop());

  it('a failing third migration leaves the first two applied, the version row at the second, and nothing of the third', async () => {
    const codes = upgrades({
      aaaa1111: (op) => op.execute('CREATE TABLE t_a (id INTEGER)'),
      bbbb2222: (op) => op.execute('CREATE TABLE t_b (id INTEGER)'),
      async cccc3333(op) {
        await op.execute('CREATE TABLE t_c (id INTEGER)');
        await op.execute('INSERT INTO t_a VALUES (3)');
        await op.execute('INSERT INTO no_such_table VALUES (1)');
      },
    });
    const error = await failure(run(db, linearUpgradePlan([a, b, c]), codes));
    expect(error.revision).toBe('cccc3333');
    expect(error.heads).toEqual(['bbbb2222']);
    expect(await versionRows(db.url)).toEqual(['bbbb2222']);
    expect(await tableExists(db.url, 't_a')).toBe(true);
    expect(await tableExists(db.url, 't_b')).toBe(true);
    expect(await tableExists(db.url, 't_c')).toBe(false);
    const { rows } = await withSession(db.url, (session) => session.execute('SELECT COUNT(*) AS n FROM t_a'));
    expect(rows[0]?.n).toBe(0);
    expect(await ranLog(db.url)).toEqual(['upgrade aaaa1111', 'upgrade bbbb2222']);
  });

  it('commits once at the end: while the last migration runs, other connections see none of the earlier ones', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(7, '0')}`);
    const revisions: Revision[] = ids.map((id, i) => revision(id, i === 0 ? [] : [ids[i - 1]!]));
    let seenDuringRun: string[] | null = null;
    const works: Record<string, Work> = {};
    ids.forEach((id, i) => {
      works[id] = async (op) => {
        await op.execute(`CREATE TABLE t_${id} (id INTEGER)`);
        if (i === ids.length - 1) seenDuringRun = committedTables(db);
      };
    });
    await run(db, linearUpgradePlan(revisions), upgrades(works));
    expect(seenDuringRun).toEqual(['ran_log', 'sqlite_sequence']);
    expect(committedTables(db)).toContain(`t_${ids[ids.length - 1]}`);
    expect(await versionRows(db.url)).toEqual([ids[ids.length - 1]]);
  });

  it('commits the earlier migrations when a revision steps outside the transaction', async () => {
    let seenInside: string[] = [];
    const codes = upgrades({
      aaaa1111: (op) => op.execute('CREATE TABLE t_a (id INTEGER)'),
      async bbbb2222(op) {
        await op.execute('CREATE TABLE t_b (id INTEGER)');
        await op.outsideTransaction(async () => {
          seenInside = committedTables(db);
        });
        await op.execute('CREATE TABLE t_b2 (id INTEGER)');
      },
    });
    const result = await run(db, linearUpgradePlan([a, b]), codes);
    expect(seenInside).toEqual(expect.arrayContaining(['alembic_version', 't_a', 't_b']));
    expect(result.heads).toEqual(['bbbb2222']);
    expect(await tableExists(db.url, 't_b2')).toBe(true);
  });

  it('keeps real transactions in transactionMode all: a failure rolls back every migration', async () => {
    const codes = upgrades({
      aaaa1111: (op) => op.execute('CREATE TABLE t_a (id INTEGER)'),
      bbbb2222: (op) => op.execute('INSERT INTO no_such_table VALUES (1)'),
    });
    await failure(run(db, linearUpgradePlan([a, b]), codes, { transactionMode: 'all' }));
    expect(await versionRows(db.url)).toBeNull();
    expect(await tableExists(db.url, 't_a')).toBe(false);
  });
});

describe('SQLite foreign keys during migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    await createRanLog(db.url);
    await withSession(db.url, async (session) => {
      await session.execute('CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT)');
      await session.execute(
        'CREATE TABLE player (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team (id) ON DELETE CASCADE)',
      );
      await session.execute("INSERT INTO team VALUES (1, 'red')");
      await session.execute('INSERT INTO player VALUES (10, 1)');
    });
  });
  afterEach(async () => db.drop());

  const countRows = (table: string) =>
    withSession(db.url, async (session) => {
      const { rows } = await session.execute(`SELECT COUNT(*) AS n FROM ${table}`);
      return Number(rows[0]?.n);
    });
  const columnsOf = (table: string) =>
    withSession(db.url, async (session) => {
      const { rows } = await session.execute(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`);
      return rows.map((row) => String(row.name));
    });

  it('runs migrations with enforcement off and restores it on the connection afterwards', async () => {
    let duringRun: unknown = null;
    const readPragma: RevisionCode = {
      kind: 'module',
      async upgrade(op) {
        const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(
          (op as Operations).db,
        );
        duringRun = rows[0]?.foreign_keys;
      },
      async downgrade() {},
    };
    const session = await openSession(db.url);
    try {
      expect((await session.execute('PRAGMA foreign_keys')).rows).toEqual([{ foreign_keys: 1 }]);
      await executePlan(linearUpgradePlan([a]), {
        session,
        versionTable: new VersionTableSql(session.adapter, DEFAULT_VERSION_TABLE),
        tableExists: false,
        transactionMode: 'per-migration',
        loadCode: loaderFor({ aaaa1111: readPragma }),
        onEvent: () => {},
      });
      expect(duringRun).toBe(0);
      expect((await session.execute('PRAGMA foreign_keys')).rows).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await session.close();
    }
  });

  it('rebuilds a referenced table inside the migration transaction, so a later failure undoes the rebuild too', async () => {
    const codes = upgrades({
      async aaaa1111(op) {
        await op.batchAlterTable('team', (team) => team.addColumn({ name: 'city', type: { kind: 'text' } }), {
          recreate: 'always',
        });
        await op.execute('INSERT INTO no_such_table VALUES (1)');
      },
    });
    const error = await failure(run(db, linearUpgradePlan([a]), codes));
    expect(error.executed.every((statement) => !statement.committed)).toBe(true);
    expect(await columnsOf('team')).toEqual(['id', 'name']);
    expect(await countRows('player')).toBe(1);
    expect(await versionRows(db.url)).toBeNull();
  });

  it('rebuilds a referenced table without cascading to the rows that reference it', async () => {
    const codes = upgrades({
      aaaa1111: (op) =>
        op.batchAlterTable('team', (team) => team.addColumn({ name: 'city', type: { kind: 'text' } }), {
          recreate: 'always',
        }),
    });
    await run(db, linearUpgradePlan([a]), codes);
    expect(await columnsOf('team')).toEqual(['id', 'name', 'city']);
    expect(await countRows('player')).toBe(1);
    expect(await versionRows(db.url)).toEqual(['aaaa1111']);
  });

  it('fails a migration that leaves a dangling foreign key, naming the row, and keeps the previous revision', async () => {
    const codes = upgrades({
      aaaa1111: (op) => op.execute("INSERT INTO team VALUES (2, 'blue')"),
      async bbbb2222(op) {
        await op.execute('CREATE TABLE t_b (id INTEGER)');
        await op.execute('INSERT INTO player VALUES (11, 99)');
      },
    });
    const error = await failure(run(db, linearUpgradePlan([a, b]), codes));
    expect(error.revision).toBe('bbbb2222');
    expect(error.cause).toBeInstanceOf(ForeignKeyViolationError);
    const violation = error.cause as ForeignKeyViolationError;
    expect(violation.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(violation.violations).toEqual([{ table: 'player', rowid: 11, parent: 'team' }]);
    expect(error.message).toContain('player rowid 11 -> team');
    // What the operator does next is about the data, not about editing the revision.
    expect(error.message).toContain(
      'delete or correct them, or restore the rows they name, then run the upgrade again',
    );
    expect(await versionRows(db.url)).toEqual(['aaaa1111']);
    expect(await countRows('player')).toBe(1);
    expect(await countRows('team')).toBe(2);
    expect(await tableExists(db.url, 't_b')).toBe(false);
  });

  it('fails a migration that deletes referenced rows, since ON DELETE actions do not fire with enforcement off', async () => {
    const codes = upgrades({ aaaa1111: (op) => op.execute('DELETE FROM team') });
    const error = await failure(run(db, linearUpgradePlan([a]), codes));
    expect((error.cause as ForeignKeyViolationError).violations).toEqual([
      { table: 'player', rowid: 10, parent: 'team' },
    ]);
    expect(await countRows('team')).toBe(1);
  });

  it('checks the foreign keys before op.outsideTransaction commits', async () => {
    const codes = upgrades({
      async aaaa1111(op) {
        await op.execute('INSERT INTO player VALUES (12, 42)');
        await op.outsideTransaction(() => op.execute('CREATE TABLE t_inside (id INTEGER)'));
      },
    });
    const error = await failure(run(db, linearUpgradePlan([a]), codes));
    expect(error.cause).toBeInstanceOf(ForeignKeyViolationError);
    expect(await tableExists(db.url, 't_inside')).toBe(false);
    expect(await countRows('player')).toBe(1);
  });

  it('fails a migration that drops a table other rows still reference', async () => {
    const codes = upgrades({ aaaa1111: (op) => op.execute('DROP TABLE team') });
    const error = await failure(run(db, linearUpgradePlan([a]), codes));
    expect((error.cause as ForeignKeyViolationError).violations).toEqual([
      { table: 'player', rowid: 10, parent: 'team' },
    ]);
    expect(await countRows('team')).toBe(1);
  });

  it('migrates a database whose foreign keys cannot be checked (no unique parent key), unchecked', async () => {
    await withSession(db.url, (session) =>
      session.execute('CREATE TABLE badge (id INTEGER PRIMARY KEY, team_name TEXT REFERENCES team (name))'),
    );
    const codes = upgrades({ aaaa1111: (op) => op.execute("INSERT INTO badge VALUES (1, 'none')") });
    const result = await run(db, linearUpgradePlan([a]), codes);
    expect(result.heads).toEqual(['aaaa1111']);
    expect(await countRows('badge')).toBe(1);
  });

  it('tolerates rows that dangled before the run', async () => {
    await withSession(db.url, async (session) => {
      await session.execute('PRAGMA foreign_keys = OFF');
      await session.execute('INSERT INTO player VALUES (13, 77)');
    });
    const codes = upgrades({
      aaaa1111: (op) =>
        op.batchAlterTable('player', (player) => player.addColumn({ name: 'nick', type: { kind: 'text' } }), {
          recreate: 'always',
        }),
    });
    const result = await run(db, linearUpgradePlan([a]), codes);
    expect(result.heads).toEqual(['aaaa1111']);
    expect(await countRows('player')).toBe(2);
  });
});
