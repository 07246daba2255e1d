import { AmbixError, ResultFailure } from '../errors.js';

/** `lint --fail-on`: some revision has a risk the caller said must stop the deploy. */
export class LintFailedError extends ResultFailure {
  readonly revisions: readonly string[];

  constructor(revisions: readonly string[], kinds: readonly string[]) {
    const risks = kinds.filter((kind) => kind !== 'will-fail');
    super(
      'LINT_FAILED',
      risks.length === 0
        ? `Revision(s) ${revisions.join(', ')} will fail on this database (see above); apply the fixes shown before upgrading.`
        : `Revision(s) ${revisions.join(', ')} have ${kinds.join('/')} operations (see above); ` +
            'split them into an expand revision and a later contract revision, or deploy them outside a rolling update' +
            (risks.length < kinds.length ? ', and apply the fixes shown for what will fail.' : '.'),
    );
    this.revisions = revisions;
  }
}

/**
 * An upgrade failed because what its revision creates is already there ("already exists",
 * "duplicate column"): the version table is behind the schema. Carries the original failure.
 */
export class SchemaAheadOfVersionError extends AmbixError {
  readonly failure: AmbixError;
  /** The revision the live schema matches: what to stamp. */
  readonly matches: string;

  constructor(failure: AmbixError, failedRevision: string, matches: string, description: string) {
    super(
      'SCHEMA_AHEAD_OF_VERSION',
      `${failure.message}\nThe database already has what revision ${failedRevision} creates: ${description}. ` +
        `Do not fix the revision: record where the schema is, \`ambix stamp ${matches}\`, then run \`ambix upgrade head\`.`,
      { cause: failure },
    );
    this.failure = failure;
    this.matches = matches;
  }
}
