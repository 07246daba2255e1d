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
