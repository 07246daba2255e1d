import { afterEach, beforeEach, expect, it } from 'vitest';
import type { runPlan } from '../../src/runtime/run.js';
import { DEFAULT_VERSION_TABLE } from '../../src/runtime/version-table.js';
import type { Plan, PlanStep } from '../../src/script/plan.js';
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
  hooks: Pick<Parameters<typeof runPlan>[0], 'afterStep' | 'beforeSteps'>,
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

  it('afterStep is called once per step, after its version-row change, with its timing', async () => {
    const seen: { revision: string; rows: string[]; durationMs: number }[] = [];
    await run(db, linearUpgradePlan([a, b]), {
      afterStep: async (session, step: PlanStep, timing) => {
        const { rows } = await session.execute(`SELECT version_num FROM ${DEFAULT_VERSION_TABLE.name}`);
        seen.push({
          revision: step.kind === 'migration' ? step.revision.id : 'stamp',
          rows: rows.map((row) => String(row.version_num)),
          durationMs: timing.durationMs,
        });
      },
    });
    expect(seen.map(({ revision, rows }) => [revision, rows])).toEqual([
      ['aaaa1111', ['aaaa1111']],
      ['bbbb2222', ['bbbb2222']],
    ]);
    expect(seen.every((entry) => entry.durationMs >= 0)).toBe(true);
  });

  it('a failing afterStep undoes its step with it: the version row stays where it was', async () => {
    const error = await run(db, linearUpgradePlan([a, b]), {
      afterStep: async (_session, step) => {
        if (step.kind === 'migration' && step.revision.id === 'bbbb2222') throw new Error('record failed');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('record failed');
    expect(await versionRows(db.url)).toEqual(['aaaa1111']);
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
