import { AmbixError } from '../errors.js';

/*
 * Errors raised while building the revision graph (spec §2) and while resolving identifiers or
 * planning against it (§3, §5, §11). Each keeps Alembic's key wording so users searching for the
 * Alembic message still find it, and adds what to do next.
 */

/** The revision files do not form a valid graph; raised by `RevisionGraph.build`. */
export class RevisionGraphError extends AmbixError {}

export class IllegalRevisionIdError extends RevisionGraphError {
  constructor(
    readonly revision: string,
    readonly path: string,
    readonly characters: readonly string[],
  ) {
    super(
      'ILLEGAL_REVISION_ID',
      `Character(s) '${characters.join(', ')}' not allowed in revision identifier '${revision}' (${path}); ` +
        'rename the revision without @ - + :',
    );
  }
}

export class DuplicateRevisionError extends RevisionGraphError {
  constructor(
    readonly revision: string,
    readonly paths: readonly string[],
  ) {
    super(
      'DUPLICATE_REVISION',
      `Revision ${revision} is present more than once: ${paths.join(' and ')}; ` +
        'give one of these files a new revision id',
    );
  }
}

export class SelfLoopError extends RevisionGraphError {
  constructor(
    readonly revision: string,
    readonly path: string,
  ) {
    super(
      'REVISION_SELF_LOOP',
      `Self-loop is detected in revisions (${revision}): ${path} names itself in downRevision; ` +
        'point downRevision at its parent revision',
    );
  }
}

export class DependencySelfLoopError extends RevisionGraphError {
  constructor(
    readonly revision: string,
    readonly path: string,
  ) {
    super(
      'DEPENDENCY_SELF_LOOP',
      `Dependency self-loop is detected in revisions (${revision}): ${path} names itself in dependsOn; ` +
        'remove it from dependsOn',
    );
  }
}

export class MissingDownRevisionError extends RevisionGraphError {
  constructor(
    readonly missing: string,
    readonly revision: string,
    readonly path: string,
  ) {
    super(
      'MISSING_DOWN_REVISION',
      `Revision ${missing} referenced from ${revision} (${path}) is not present; ` +
        'restore the missing revision file or correct downRevision',
    );
  }
}

export class MissingDependencyError extends RevisionGraphError {
  constructor(
    readonly missing: string,
    readonly revision: string,
    readonly path: string,
  ) {
    super(
      'MISSING_DEPENDENCY',
      `Dependency ${missing} of revision ${revision} (${path}) is neither a revision id nor a branch label; ` +
        'dependsOn entries must be written out in full',
    );
  }
}

export class DuplicateBranchLabelError extends RevisionGraphError {
  constructor(
    readonly label: string,
    readonly revision: string,
    readonly path: string,
    readonly usedBy: string,
    readonly usedByPath: string,
  ) {
    super(
      'DUPLICATE_BRANCH_LABEL',
      `Branch name '${label}' in revision ${revision} (${path}) already used by revision ${usedBy} ` +
        `(${usedByPath}); choose another branch label`,
    );
  }
}

export class CycleError extends RevisionGraphError {
  constructor(
    readonly revisions: readonly string[],
    readonly paths: readonly string[],
  ) {
    super(
      'REVISION_CYCLE',
      `Cycle is detected in revisions (${revisions.join(', ')}); ` +
        'fix downRevision in these files so the history runs from a base to the heads',
    );
  }
}

export class DependencyCycleError extends RevisionGraphError {
  constructor(
    readonly revisions: readonly string[],
    readonly paths: readonly string[],
  ) {
    super(
      'DEPENDENCY_CYCLE',
      `Dependency cycle is detected in revisions (${revisions.join(', ')}); ` +
        'fix downRevision / dependsOn in these files',
    );
  }
}

export type ResolutionReason = 'unknown' | 'ambiguous' | 'not-member' | 'unknown-branch';

const RESOLUTION_CODES: Record<ResolutionReason, string> = {
  unknown: 'UNKNOWN_REVISION',
  ambiguous: 'AMBIGUOUS_REVISION',
  'not-member': 'NOT_A_BRANCH_MEMBER',
  'unknown-branch': 'UNKNOWN_BRANCH',
};

/** An identifier names no revision, or more than one (§3.3). */
export class ResolutionError extends AmbixError {
  constructor(
    /** The failing piece of what the user typed (for `nosuch@head`, `nosuch`). */
    readonly argument: string,
    readonly reason: ResolutionReason,
    /** Alembic's detailed cause, e.g. `No such revision or branch 'x'`. */
    readonly detail: string,
    readonly candidates: readonly string[] = [],
  ) {
    super(
      RESOLUTION_CODES[reason],
      `Can't locate revision identified by '${argument}': ${detail}. ` +
        (reason === 'ambiguous'
          ? 'Type more characters of the revision id.'
          : 'Run `ambix history` to list revisions and branch labels.'),
    );
  }
}

/** `head` (or `label@head`) names several revisions (§11). */
export class MultipleHeadsError extends AmbixError {
  constructor(
    readonly argument: string,
    readonly heads: readonly string[],
    readonly purpose: 'target' | 'stamp' = 'target',
  ) {
    super(
      'MULTIPLE_HEADS',
      purpose === 'stamp'
        ? `Multiple heads are present; please specify a single target revision (heads: ${heads.join(', ')})`
        : `Multiple head revisions are present for given argument '${argument}'; please specify a specific ` +
            `target revision, '<branchname>@${argument}' to narrow to a specific head, or 'heads' for all ` +
            `heads (heads: ${heads.join(', ')})`,
    );
  }
}

/** A relative identifier (`+N`, `-N`, `rev+N`, `head-N`) walks off the graph (§3.4, §3.5). */
export class RelativeWalkError extends AmbixError {
  constructor(
    readonly target: string,
    readonly reason: 'did-not-produce' | 'walked-too-far',
    message: string,
  ) {
    super('RELATIVE_WALK', message);
  }

  static didNotProduce(target: string, shown: string, steps: number): RelativeWalkError {
    return new RelativeWalkError(
      target,
      'did-not-produce',
      `Relative revision ${shown} didn't produce ${steps} migrations; ` +
        'the walk leaves the revision graph, use a smaller step or an explicit revision',
    );
  }

  static walkedTooFar(target: string): RelativeWalkError {
    return new RelativeWalkError(
      target,
      'walked-too-far',
      `Walked too far: '${target}' goes beyond the end of the revision graph; use a smaller step`,
    );
  }
}

/** A relative step meets a branch or merge point, or several start points (§3.4). */
export class AmbiguousWalkError extends AmbixError {
  constructor(
    readonly target: string,
    readonly at: readonly string[],
    readonly reason: 'walk' | 'multiple-current',
  ) {
    super(
      'AMBIGUOUS_WALK',
      reason === 'walk'
        ? `Ambiguous walk: '${target}' reaches a branch or merge point (${at.join(', ')}); ` +
            'name the revision explicitly or use <branchlabel>@<step>'
        : `Ambiguous upgrade from multiple current revisions (${at.join(', ')}) for '${target}'; ` +
            'use <branchlabel>@<step> or an explicit revision',
    );
  }
}

/** `downgrade -N` with several current heads: Alembic picks an arbitrary row, ambix refuses. */
export class MultipleCurrentHeadsError extends AmbixError {
  constructor(
    readonly target: string,
    readonly heads: readonly string[],
  ) {
    super(
      'MULTIPLE_CURRENT_HEADS',
      `downgrade ${target} from multiple heads is ambiguous (current heads: ${heads.join(', ')}); ` +
        `use <branchlabel>@${target} or name the revision to downgrade to explicitly`,
    );
  }
}

/** Requested revisions (or version rows) where one is an ancestor of another (§11). */
export class OverlapError extends AmbixError {
  constructor(
    readonly revision: string,
    readonly overlaps: readonly string[],
    advice: string,
  ) {
    super(
      'REVISION_OVERLAP',
      `Requested revision ${revision} overlaps with other requested revisions ${overlaps.join(', ')}; ${advice}`,
    );
  }
}

/** A downgrade target that is not below the current heads (§5.2). */
export class InvalidDowngradeTargetError extends AmbixError {
  constructor(
    readonly target: string,
    readonly reason: 'nothing-to-drop' | 'off-branch',
  ) {
    super(
      'INVALID_DOWNGRADE_TARGET',
      reason === 'nothing-to-drop'
        ? `Destination ${target} is not a valid downgrade target from current head(s); ` +
            'it is not below the current revisions (run `ambix current` to see them)'
        : `Not a valid downgrade target from current heads: '${target}' rolls back nothing on that branch`,
    );
  }
}

/** A version-table row that is not a full known revision id; never used for planning. */
export class UnknownVersionRowError extends AmbixError {
  constructor(
    readonly row: string,
    readonly reason: 'unknown' | 'prefix',
    readonly matches: readonly string[],
  ) {
    super(
      'UNKNOWN_VERSION_ROW',
      reason === 'prefix'
        ? `The version table holds '${row}', which is only a prefix of revision ${matches.join(', ')}, ` +
            'not a full revision id; repair it with `ambix stamp --purge <revision>`'
        : `The version table holds '${row}', which is not a known revision; the database was migrated by ` +
            'revision files that are missing here. Restore them, or reset the table with ' +
            '`ambix stamp --purge <revision>`',
    );
  }
}

/** A history range that is malformed or not ancestor:descendant (§11). */
export class RevisionRangeError extends AmbixError {
  constructor(
    readonly range: string,
    readonly reason: 'syntax' | 'not-ancestor',
    readonly start: string | null = null,
    readonly end: string | null = null,
  ) {
    super(
      'REVISION_RANGE',
      reason === 'syntax'
        ? `History range requires [start]:[end], [start]:, or :[end] (got '${range}')`
        : `Requested range ${start}:${end} does not refer to ancestor/descendant revisions along the ` +
            'same branch; put the older revision first',
    );
  }
}
