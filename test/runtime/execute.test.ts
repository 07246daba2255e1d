import { afterEach, beforeEach, expect, it } from 'vitest';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import type { RunEvent } from '../../src/runtime/events.js';
import type { RevisionCode } from '../../src/runtime/revision-code.js';
import type { RunPlanOptions } from '../../src/runtime/run.js';
import type { TransactionMode } from '../../src/runtime/transaction.js';
import type { Plan } from '../../src/script/plan.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import {
  createRanLog,
  linearDowngradePlan,
  linearUpgradePlan,
  loggingRevision,
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

function run(
  db: TestDatabase,
  plan: Plan,
  codes: Record<string, RevisionCode>,
  extra: Partial<RunPlanOptions> = {},
) {
  return runWith(db.url, plan, codes, extra);
}

const createTable = (name: string) => async (op: { execute(sql: string): Promise<unknown> }) => {
  await op.execute(`CREATE TABLE ${name} (id INTEGER)`);
};
const dropTable = (name: string) => async (op: { execute(sql: string): Promise<unknown> }) => {
  await op.execute(`DROP TABLE ${name}`);
};

const healthy: Record<string, RevisionCode> = {
  aaaa1111: loggingRevision('aaaa1111', { upgrade: createTable('t_a'), downgrade: dropTable('t_a') }),
  bbbb2222: loggingRevision('bbbb2222', { upgrade: createTable('t_b'), downgrade: dropTable('t_b') }),
  cccc3333: loggingRevision('cccc3333', { upgrade: createTable('t_c'), downgrade: dropTable('t_c') }),
};

/** c creates its table, logs, then runs a statement the database rejects. */
const failingC: Record<string, RevisionCode> = {
  ...healthy,
  cccc3333: loggingRevision('cccc3333', {
    async upgrade(op) {
      await op.execute('CREATE TABLE t_c (id INTEGER)');
      await op.execute('INSERT INTO no_such_table VALUES (1)');
    },
  }),
};

describeEachDialect('executing a plan', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    await createRanLog(db.url);
  });
  afterEach(async () => db.drop());

  it('upgrades from an empty database, creating the version table and running each upgrade in order', async () => {
    const result = await run(db, linearUpgradePlan([a, b, c]), healthy);
    expect(result.heads).toEqual(['cccc3333']);
    expect(await versionRows(db.url)).toEqual(['cccc3333']);
    expect(await ranLog(db.url)).toEqual(['upgrade aaaa1111', 'upgrade bbbb2222', 'upgrade cccc3333']);
    expect(result.ran.map((step) => step.revision)).toEqual(['aaaa1111', 'bbbb2222', 'cccc3333']);
  });

  it('downgrades to base, running downgrades newest first and leaving the table empty', async () => {
    await run(db, linearUpgradePlan([a, b, c]), healthy);
    const result = await run(db, linearDowngradePlan([a, b, c]), healthy);
    expect(result.heads).toEqual([]);
    expect(await versionRows(db.url)).toEqual([]);
    expect((await ranLog(db.url)).slice(3)).toEqual([
      'downgrade cccc3333',
      'downgrade bbbb2222',
      'downgrade aaaa1111',
    ]);
    expect(await tableExists(db.url, 't_a')).toBe(false);
  });

  it('reports each step as start and done events with a duration, then done', async () => {
    const events: RunEvent[] = [];
    await run(db, linearUpgradePlan([a, b]), healthy, { onEvent: (event) => events.push(event) });
    const types = events.map((event) => event.type);
    expect(types).toEqual(['lock-acquired', 'step-start', 'step-done', 'step-start', 'step-done', 'done']);
    const done = events.find((event) => event.type === 'step-done');
    expect(done).toMatchObject({
      revision: 'aaaa1111',
      from: [],
      to: ['aaaa1111'],
      message: 'create aaaa1111',
    });
    expect(done && 'durationMs' in done ? done.durationMs : -1).toBeGreaterThanOrEqual(0);
  });

  it('does not take the lock when the plan is empty and the version table exists', async () => {
    await run(db, linearUpgradePlan([a]), healthy);
    const events: RunEvent[] = [];
    const result = await run(db, { steps: [], startHeads: ['aaaa1111'], endHeads: ['aaaa1111'] }, healthy, {
      onEvent: (event) => events.push(event),
    });
    expect(events.map((event) => event.type)).toEqual(['done']);
    expect(result.heads).toEqual(['aaaa1111']);
  });

  it('creates the version table even when an empty plan finds none', async () => {
    await run(db, { steps: [], startHeads: [], endHeads: [] }, healthy);
    expect(await versionRows(db.url)).toEqual([]);
  });

  it('keeps the version table at the last good revision when a migration fails', async () => {
    const failure = await run(db, linearUpgradePlan([a, b, c]), failingC).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationFailedError);
    const error = failure as MigrationFailedError;
    expect(error.revision).toBe('cccc3333');
    expect(error.path).toBe('/virtual/versions/cccc3333.ts');
    expect(error.statement).toContain('no_such_table');
    expect(error.heads).toEqual(['bbbb2222']);
    expect(error.message).toContain('cccc3333');
    expect(await versionRows(db.url)).toEqual(['bbbb2222']);
  });

  it('reruns successfully after the failing revision is fixed', async () => {
    await run(db, linearUpgradePlan([a, b, c]), failingC).catch(() => {});
    const fixedC = {
      ...healthy,
      cccc3333: loggingRevision('cccc3333', {
        upgrade: async (op) => op.execute('CREATE TABLE IF NOT EXISTS t_c (id INTEGER)'),
      }),
    };
    const result = await run(db, linearUpgradePlan([c], 'bbbb2222'), fixedC);
    expect(result.heads).toEqual(['cccc3333']);
    expect(await tableExists(db.url, 't_c')).toBe(true);
  });

  if (dialect === 'mysql') {
    it('names the statements MySQL committed implicitly before the failure', async () => {
      const error = (await run(db, linearUpgradePlan([a, b, c]), failingC).catch(
        (e: unknown) => e,
      )) as MigrationFailedError;
      const committed = error.executed.filter((statement) => statement.committed).map((s) => s.sql);
      // The log INSERT ran before the CREATE TABLE, whose implicit commit kept both.
      expect(committed).toEqual([
        "INSERT INTO ran_log (entry) VALUES ('upgrade cccc3333')",
        'CREATE TABLE t_c (id INTEGER)',
      ]);
      expect(error.message).toContain('CREATE TABLE t_c');
      expect(await tableExists(db.url, 't_c')).toBe(true);
    });
  } else {
    it('leaves no trace of the failing migration', async () => {
      const error = (await run(db, linearUpgradePlan([a, b, c]), failingC).catch(
        (e: unknown) => e,
      )) as MigrationFailedError;
      expect(error.executed.every((statement) => !statement.committed)).toBe(true);
      expect(await tableExists(db.url, 't_c')).toBe(false);
      expect(await ranLog(db.url)).toEqual(['upgrade aaaa1111', 'upgrade bbbb2222']);
    });

    it('rolls back the whole run, version table included, in transactionMode all', async () => {
      await run(db, linearUpgradePlan([a, b, c]), failingC, { transactionMode: 'all' }).catch(() => {});
      expect(await versionRows(db.url)).toBeNull();
      expect(await tableExists(db.url, 't_a')).toBe(false);
    });

    it('leaves no version table when the first migration fails', async () => {
      const failingA = { aaaa1111: failingC.cccc3333! };
      await run(db, linearUpgradePlan([a]), failingA).catch(() => {});
      expect(await versionRows(db.url)).toBeNull();
    });
  }

  it('keeps what each earlier migration committed in transactionMode none, and the row of each', async () => {
    const error = (await run(db, linearUpgradePlan([a, b, c]), failingC, { transactionMode: 'none' }).catch(
      (e: unknown) => e,
    )) as MigrationFailedError;
    expect(error.executed.map((statement) => statement.committed)).toEqual([true, true]);
    expect(await versionRows(db.url)).toEqual(['bbbb2222']);
    expect(await tableExists(db.url, 't_c')).toBe(true);
  });

  for (const mode of ['per-migration', 'all'] as TransactionMode[]) {
    it(`commits what ran before and inside outsideTransaction even when the revision fails later (${mode})`, async () => {
      const codes: Record<string, RevisionCode> = {
        ...healthy,
        bbbb2222: loggingRevision('bbbb2222', {
          async upgrade(op) {
            await op.execute('CREATE TABLE t_before (id INTEGER)');
            await op.outsideTransaction(() => op.execute('CREATE TABLE t_inside (id INTEGER)'));
            await op.execute('INSERT INTO no_such_table VALUES (1)');
          },
        }),
      };
      const error = (await run(db, linearUpgradePlan([a, b]), codes, { transactionMode: mode }).catch(
        (e: unknown) => e,
      )) as MigrationFailedError;
      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(await tableExists(db.url, 't_before')).toBe(true);
      expect(await tableExists(db.url, 't_inside')).toBe(true);
      expect(error.executed.filter((s) => s.committed).map((s) => s.sql)).toContain(
        'CREATE TABLE t_inside (id INTEGER)',
      );
      // In `all` mode the commit also keeps the earlier revision a, with its version row.
      expect(await versionRows(db.url)).toEqual(['aaaa1111']);
    });
  }

  it('continues the transaction after outsideTransaction so the revision and its row commit together', async () => {
    const codes: Record<string, RevisionCode> = {
      aaaa1111: loggingRevision('aaaa1111', {
        async upgrade(op) {
          await op.outsideTransaction(() => op.execute('CREATE TABLE t_inside (id INTEGER)'));
          await op.execute('CREATE TABLE t_after (id INTEGER)');
        },
      }),
    };
    const result = await run(db, linearUpgradePlan([a]), codes);
    expect(result.heads).toEqual(['aaaa1111']);
    expect(await tableExists(db.url, 't_after')).toBe(true);
  });

  it('refuses a version-row UPDATE that matches no row', async () => {
    await run(db, linearUpgradePlan([a]), healthy);
    const stale = linearUpgradePlan([c], 'bbbb2222');
    await expect(run(db, stale, healthy)).rejects.toThrow(
      "expected to match one row when updating 'bbbb2222' to 'cccc3333' in 'alembic_version'; 0 found",
    );
    expect(await versionRows(db.url)).toEqual(['aaaa1111']);
    if (dialect !== 'mysql') expect(await tableExists(db.url, 't_c')).toBe(false);
  });

  it('gives revisions a Kysely on the migration connection, inside the migration transaction', async () => {
    const codes: Record<string, RevisionCode> = {
      aaaa1111: loggingRevision('aaaa1111', {
        async upgrade(op) {
          await op.db.insertInto('ran_log').values({ entry: 'via kysely' }).execute();
          const rows = await op.db.selectFrom('ran_log').select('entry').orderBy('id').execute();
          // The uncommitted INSERTs are visible: same connection, same transaction.
          expect(rows.map((row) => row.entry)).toEqual(['upgrade aaaa1111', 'via kysely']);
          if (dialect !== 'mysql') await op.execute('INSERT INTO no_such_table VALUES (1)');
        },
      }),
    };
    const outcome = await run(db, linearUpgradePlan([a]), codes).catch((e: unknown) => e);
    if (dialect === 'mysql') {
      expect(await ranLog(db.url)).toEqual(['upgrade aaaa1111', 'via kysely']);
    } else {
      expect(outcome).toBeInstanceOf(MigrationFailedError);
      expect(await ranLog(db.url)).toEqual([]);
    }
  });

  if (dialect === 'mysql') {
    it('rolls back the DML that follows the last DDL of a failing migration, as the report says', async () => {
      const codes: Record<string, RevisionCode> = {
        aaaa1111: loggingRevision('aaaa1111', {
          async upgrade(op) {
            await op.execute('CREATE TABLE t_fill (id INTEGER)');
            await op.execute('INSERT INTO t_fill VALUES (1)');
            await op.execute('INSERT INTO no_such_table VALUES (1)');
          },
        }),
      };
      const error = (await run(db, linearUpgradePlan([a]), codes).catch(
        (e: unknown) => e,
      )) as MigrationFailedError;
      expect(error.executed).toEqual([
        { sql: "INSERT INTO ran_log (entry) VALUES ('upgrade aaaa1111')", committed: true },
        { sql: 'CREATE TABLE t_fill (id INTEGER)', committed: true },
        { sql: 'INSERT INTO t_fill VALUES (1)', committed: false },
      ]);
      const { rows } = await withSession(db.url, (session) =>
        session.execute('SELECT COUNT(*) AS n FROM t_fill'),
      );
      expect(Number(rows[0]?.n)).toBe(0);
      expect(await versionRows(db.url)).toEqual([]);
    });

    it('commits per migration in transactionMode all, since DDL would commit anyway', async () => {
      await run(db, linearUpgradePlan([a, b, c]), failingC, { transactionMode: 'all' }).catch(() => {});
      expect(await versionRows(db.url)).toEqual(['bbbb2222']);
    });
  }

  if (dialect === 'postgresql') {
    it('keeps the version table in the configured schema', async () => {
      await withSession(db.url, (session) => session.execute('CREATE SCHEMA meta'));
      await run(db, linearUpgradePlan([a]), healthy, {
        versionTable: { name: 'alembic_version', schema: 'meta' },
      });
      expect(await versionRows(db.url, 'meta.alembic_version')).toEqual(['aaaa1111']);
      expect(await versionRows(db.url)).toBeNull();
    });
  }

  it('keeps the version table in the configured table name', async () => {
    await run(db, linearUpgradePlan([a]), healthy, {
      versionTable: { name: 'schema_version', schema: null },
    });
    expect(await versionRows(db.url, 'schema_version')).toEqual(['aaaa1111']);
    expect(await versionRows(db.url)).toBeNull();
  });
});
