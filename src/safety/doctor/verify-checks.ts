import { Operations } from '../../operations/operations.js';
import type { Session } from '../../runtime/session.js';
import type { RevisionGraph } from '../../script/graph.js';
import type { Revision } from '../../script/revision.js';
import type { RevisionCode } from '../../script/revision-code.js';
import { liveSimulation } from '../live-database.js';
import type { DoctorFinding } from './finding.js';

/** A verify() that tried to change the database: doctor only looks. */
class VerifyWroteError extends Error {}

/**
 * Runs the `verify(op)` of every applied revision that exports one against the
 * live database and reports each that throws, with its message. Reads go to the database; a write
 * is refused, so doctor changes nothing.
 */
export async function checkPostConditions(
  session: Session,
  graph: RevisionGraph,
  rows: readonly string[],
  loadCode: (revision: Revision) => Promise<RevisionCode>,
): Promise<DoctorFinding[]> {
  const applied = graph.ancestorsOf(rows.filter((id) => graph.get(id) !== undefined));
  const findings: DoctorFinding[] = [];
  for (const revision of graph.revisions) {
    if (!applied.has(revision.id)) continue;
    const code = await loadCode(revision);
    if (code.kind !== 'module' || code.verify === undefined) continue;
    const context = liveSimulation(session, { revision: revision.id, revisionPath: revision.path }, (sql) => {
      throw new VerifyWroteError(`verify() may only read, but it ran: ${sql}`);
    });
    try {
      await code.verify(new Operations(context));
    } catch (error) {
      findings.push({
        check: 'verify',
        severity: 'error',
        message: `Revision ${revision.id} is applied but its verify() fails (${revision.path}): ${
          error instanceof Error ? error.message : String(error)
        }`,
        fix:
          `complete by hand what the upgrade of ${revision.id} should have left (its verify() says what is ` +
          'missing), for instance from a backup, then run `ambix doctor` again',
      });
    }
  }
  return findings;
}
