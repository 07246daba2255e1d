import { UsageError } from '../errors.js';
import type { ProjectOptions } from './project.js';
import { createRevision, type RevisionResult } from './revision.js';

export interface MergeOptions extends ProjectOptions {
  /** The heads to join: ids, prefixes, labels, or `heads` for every head. */
  readonly revisions: readonly string[];
  readonly message?: string;
  readonly branchLabels?: readonly string[];
  readonly revId?: string;
}

/** A revision whose parents are the given heads (§8 `merge`); one revision gives an ordinary child. */
export async function merge(options: MergeOptions): Promise<RevisionResult> {
  if (options.revisions.length === 0) {
    throw new UsageError(
      'merge needs the revisions to join, e.g. `ambix merge heads` or `ambix merge a1b2 c3d4`.',
    );
  }
  const { revisions, ...rest } = options;
  return createRevision(rest, revisions, false);
}
