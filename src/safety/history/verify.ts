import type { RevisionGraph } from '../../script/graph.js';
import { type ChangedRevision, changedRevisions, RevisionFileChangedError } from './changed.js';
import { type HistoryConnection, readHistory } from './record.js';

/**
 * Before an upgrade: the applied revisions (the version rows and their ancestors) whose file
 * changed since it ran. A database with no history (Alembic-managed, or only stamped) has nothing
 * to compare and yields none. With `strict`, any change throws `RevisionFileChangedError`.
 */
export async function verifyAppliedRevisions(
  connection: HistoryConnection,
  graph: RevisionGraph,
  rows: readonly string[],
  options: { readonly historyTable?: string; readonly strict?: boolean } = {},
): Promise<ChangedRevision[]> {
  const history = await readHistory(connection, { table: options.historyTable });
  if (history === null) return [];
  const known = rows.filter((row) => graph.get(row) !== undefined);
  const applied = [...graph.ancestorsOf(known)].flatMap((id) => {
    const revision = graph.get(id);
    return revision === undefined ? [] : [{ id, path: revision.path }];
  });
  const changed = changedRevisions(history, applied);
  if (options.strict === true && changed.length > 0) throw new RevisionFileChangedError(changed);
  return changed;
}
