import { existsSync } from 'node:fs';
import { AmbixError } from '../../errors.js';
import { revisionChecksum } from './checksum.js';
import type { HistoryRow } from './table.js';

export interface ChangedRevision {
  readonly revision: string;
  readonly path: string;
  /** The checksum recorded when it last ran upgrade. */
  readonly recorded: string;
  readonly current: string;
  readonly ranAt: string;
}

/**
 * Applied revisions whose file differs from the file that ran: for each revision in `applied`,
 * its newest `upgrade` row with a checksum is compared with the file now. Revisions with no such
 * row (stamped, or applied by Alembic or an older ambix) cannot be judged and are skipped.
 */
export function changedRevisions(
  history: readonly HistoryRow[],
  applied: readonly { readonly id: string; readonly path: string }[],
): ChangedRevision[] {
  const newestUpgrade = new Map<string, HistoryRow>();
  for (const row of history) {
    if (row.direction !== 'upgrade' || row.checksum === null) continue;
    const known = newestUpgrade.get(row.revision);
    if (known === undefined || row.startedAt > known.startedAt) newestUpgrade.set(row.revision, row);
  }
  const changed: ChangedRevision[] = [];
  for (const revision of applied) {
    const row = newestUpgrade.get(revision.id);
    if (row === undefined || row.checksum === null || !existsSync(revision.path)) continue;
    const current = revisionChecksum(revision.path);
    if (current !== row.checksum) {
      changed.push({
        revision: revision.id,
        path: revision.path,
        recorded: row.checksum,
        current,
        ranAt: row.startedAt,
      });
    }
  }
  return changed;
}

/** `--strict`: an applied revision's file changed after it ran. */
export class RevisionFileChangedError extends AmbixError {
  readonly changed: readonly ChangedRevision[];

  constructor(changed: readonly ChangedRevision[]) {
    super(
      'REVISION_FILE_CHANGED',
      `${describeChanges(changed)} Restore the file as it ran, or drop --strict to only warn.`,
    );
    this.changed = changed;
  }
}

export function describeChanges(changed: readonly ChangedRevision[]): string {
  return changed
    .map(
      (change) =>
        `Revision ${change.revision} (${change.path}) has changed since it ran on ${change.ranAt} ` +
        `(checksum ${change.recorded.slice(0, 12)}… then, ${change.current.slice(0, 12)}… now); ` +
        'the database may not match what the file now says.',
    )
    .join(' ');
}
