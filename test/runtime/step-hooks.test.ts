import { afterEach, beforeEach, expect, it } from 'vitest';
import type { runPlan } from '../../src/runtime/run.js';
import { DEFAULT_VERSION_TABLE } from '../../src/runtime/version-table.js';
import type { Plan } from '../../src/script/plan.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import {
  createRanLog,
  linearUpgradePlan,
  loggingRevision,
  revision,
  runWith,
  versionRows,
} from './support.js';

const a = revision('aaaa1111');
const b = revision('bbbb2222', ['aaaa1111']);
const codes = { aaaa1111: loggingRevision('aaaa1111'), bbbb2222: loggingRevision('bbbb2222') };

function run(
  db: TestDatabase,
  plan: Plan,
  hooks: Partial<Pick<Parameters<typeof runPlan>[0], 'recordSteps' | 'beforeSteps'>>,
) {
  return runWith(db.url, plan, codes, hooks);
}

describeEachDialect('the step hooks of a run', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    await createRanLog(db.url);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('recordSteps sees every step once, in order, after their version-row changes, with their timing', async () => {
    const calls: { revisions: string[]; rows: string[] }[] = [];
    const durations: number[] = [];
    await run(db, linearUpgradePlan([a, b]), {
      recordSteps: async (session, steps) => {
        const { rows } = await session.execute(`SELECT version_num FROM ${DEFAULT_VERSION_TABLE.name}`);
        calls.push({
          revisions: steps.map(({ step }) => (step.kind === 'migration' ? step.revision.id : 'stamp')),
          rows: rows.map((row) => String(row.version_num)),
        });
        durations.push(...steps.map(({ timing }) => timing.durationMs));
      },
    });
    expect(calls.flatMap((call) => call.revisions)).toEqual(['aaaa1111', 'bbbb2222']);
    // Each call comes after the version rows of the steps it records: the last one's is current.
    for (const call of calls) expect(call.rows).toEqual([call.revisions.at(-1)]);
    expect(durations.every((durationMs) => durationMs >= 0)).toBe(true);
  });

  it('steps that commit one by one are recorded one by one; SQLite records its shared transaction at once', async () => {
    const sizes: number[] = [];
    await run(db, linearUpgradePlan([a, b]), {
      recordSteps: async (_session, steps) => {
        sizes.push(steps.length);
      },
    });
    expect(sizes).toEqual(dialect === 'sqlite' ? [2] : [1, 1]);
  });

  it('a failing recordSteps undoes what it records: one step where steps commit alone, the run on SQLite', async () => {
    const error = await run(db, linearUpgradePlan([a, b]), {
      recordSteps: async (_session, steps) => {
        if (steps.some(({ step }) => step.kind === 'migration' && step.revision.id === 'bbbb2222')) {
          throw new Error('record failed');
        }
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('record failed');
    // SQLite's steps share one transaction (savepoints): it rolls back whole, version table too.
    expect(await versionRows(db.url)).toEqual(dialect === 'sqlite' ? null : ['aaaa1111']);
  });

  it('beforeSteps can refuse the run before anything is written', async () => {
    const error = await run(db, linearUpgradePlan([a, b]), {
      beforeSteps: async (_session, plan) => {
        throw new Error(`refused ${plan.steps.length} steps`);
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('refused 2 steps');
    expect(await versionRows(db.url)).toBeNull();
  });
});
