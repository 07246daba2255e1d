import { AmbixError } from '../errors.js';
import type { RevisionClassification } from './findings.js';

/** Why a rolling deploy must stop before a revision. */
export interface RollingBlock {
  readonly revision: string;
  readonly path: string;
  /** The first breaking or destructive operation, or null for a declared contract step. */
  readonly operation: string | null;
  readonly reason: string;
  readonly declaredContract: boolean;
  /** The last revision before the block, the target that runs only the expand steps; null if none. */
  readonly safeTarget: string | null;
}

/**
 * The first revision a rolling deploy must not run: a declared contract step, or any revision
 * with a breaking or destructive operation (or an unclassifiable one, which might be either).
 * Revisions before it are the safe expand steps.
 */
export function firstRollingBlock(
  revisions: readonly RevisionClassification[],
  isContract: (revision: string) => boolean,
): RollingBlock | null {
  let safeTarget: string | null = null;
  for (const revision of revisions) {
    const declaredContract = isContract(revision.revision);
    if (declaredContract) {
      return {
        revision: revision.revision,
        path: revision.path,
        operation: null,
        reason: 'it declares itself a contract step',
        declaredContract,
        safeTarget,
      };
    }
    for (const operation of revision.operations) {
      const finding = operation.findings.find(
        (candidate) =>
          candidate.kind === 'breaking' || candidate.kind === 'destructive' || candidate.kind === 'unknown',
      );
      if (finding !== undefined) {
        return {
          revision: revision.revision,
          path: revision.path,
          operation: operation.operation,
          reason: `${finding.kind}: ${finding.reason}`,
          declaredContract,
          safeTarget,
        };
      }
    }
    if (revision.incomplete !== null) {
      return {
        revision: revision.revision,
        path: revision.path,
        operation: null,
        reason: `unknown: ${revision.incomplete}`,
        declaredContract,
        safeTarget,
      };
    }
    safeTarget = revision.revision;
  }
  return null;
}

/** `upgrade --rolling` met a revision that would break servers still running the old code. */
export class RollingDeployBlockedError extends AmbixError {
  readonly block: RollingBlock;

  constructor(block: RollingBlock) {
    const what = block.operation === null ? '' : ` operation ${block.operation}`;
    const expand =
      block.safeTarget === null
        ? 'No revision before it can run first. '
        : `\`ambix upgrade ${block.safeTarget} --rolling\` runs the expand revisions before it. `;
    super(
      'ROLLING_DEPLOY_BLOCKED',
      `--rolling refuses revision ${block.revision} (${block.path})${what}: ${block.reason}. ` +
        expand +
        (block.declaredContract
          ? 'Run it without --rolling once every server runs the new code.'
          : 'Run this one without --rolling once every server runs the new code, or split it into an expand ' +
            'revision and a contract revision (`export const contract = true`).'),
    );
    this.block = block;
  }
}
