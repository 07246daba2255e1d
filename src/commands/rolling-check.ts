import type { Session } from '../runtime/session.js';
import { classifyPlan } from '../safety/classify-plan.js';
import { declaresContract } from '../safety/contract.js';
import { connectIfExists, rowProbe } from '../safety/live-database.js';
import { firstRollingBlock, RollingDeployBlockedError } from '../safety/rolling.js';
import type { RevisionGraph } from '../script/graph.js';
import type { Plan } from '../script/plan.js';
import { loadRevisionCode } from '../script/revision-code.js';

/**
 * `upgrade --rolling`: throws `RollingDeployBlockedError` when the plan holds a revision that
 * would break the servers still running the old code (see `safety/rolling.ts`).
 */
export async function refuseRollingBlocks(session: Session, plan: Plan, graph: RevisionGraph): Promise<void> {
  // A separate read-only connection: revisions' reads run for real while classifying, and
  // must not be able to write through the run's own session.
  const reader = await connectIfExists(session.spec);
  try {
    const classifications = await classifyPlan(plan, {
      dialect: session.spec.dialect,
      loadCode: (revision) => loadRevisionCode(revision, session.spec.dialect),
      serverVersion: session.serverVersion,
      read: reader === null ? null : (statement) => reader.execute(statement.sql, statement.parameters),
      ...(reader === null ? {} : { rowProbe: rowProbe(reader) }),
    });
    const block = firstRollingBlock(classifications, (id) => {
      const revision = graph.get(id);
      return revision !== undefined && declaresContract(revision);
    });
    if (block !== null) throw new RollingDeployBlockedError(block);
  } finally {
    await reader?.close();
  }
}
