import type { RevisionGraph } from '../../script/graph.js';
import { changedRevisions } from '../history/changed.js';
import type { HistoryRow } from '../history/table.js';
import type { DoctorFinding } from './finding.js';

/** Several heads in the revision files: `upgrade head` is ambiguous until they are merged. */
export function checkFileHeads(graph: RevisionGraph): DoctorFinding[] {
  if (graph.heads.length <= 1) return [];
  const ids = graph.heads.map((head) => head.id);
  return [
    {
      check: 'multiple-heads-files',
      severity: 'warning',
      message: `The revision files have ${ids.length} heads (${ids.join(', ')}): \`upgrade head\` refuses to choose.`,
      fix: 'Merge them with `ambix merge heads -m "merge"`, or upgrade with `heads` if the branches are meant to stay apart.',
    },
  ];
}

/** Version rows the files do not know, and a database sitting on several heads. */
export function checkVersionRows(
  graph: RevisionGraph,
  rows: readonly string[],
  versionTable: string,
): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const unknown = rows.filter((row) => graph.get(row) === undefined);
  for (const row of unknown) {
    findings.push({
      check: 'unknown-version-row',
      severity: 'error',
      message: `${versionTable} holds revision ${row}, which no revision file defines: every upgrade and downgrade will fail.`,
      fix: `Restore the file for ${row} (another branch or deploy may have it), or reset the row with \`ambix stamp --purge <revision the schema matches>\`.`,
    });
  }
  if (rows.length > 1) {
    findings.push({
      check: 'multiple-heads-database',
      severity: 'warning',
      message: `The database is on ${rows.length} heads (${rows.join(', ')}).`,
      fix: 'Fine for branches that are meant to stay apart; otherwise merge them (`ambix merge heads`) and `ambix upgrade head`.',
    });
  }
  return findings;
}

/** Applied revisions whose file changed after it ran, judged from the history table. */
export function checkChangedRevisions(
  graph: RevisionGraph,
  rows: readonly string[],
  history: readonly HistoryRow[],
): DoctorFinding[] {
  const known = rows.filter((row) => graph.get(row) !== undefined);
  const applied = [...graph.ancestorsOf(known)].flatMap((id) => {
    const revision = graph.get(id);
    return revision === undefined ? [] : [{ id, path: revision.path }];
  });
  return changedRevisions(history, applied).map((change) => ({
    check: 'changed-revision',
    severity: 'warning',
    message: `Revision ${change.revision} (${change.path}) has changed since it ran on ${change.ranAt}: the database was built by the old version of the file.`,
    fix: 'Restore the file as it ran (see version control), and put new changes in a new revision.',
  }));
}
