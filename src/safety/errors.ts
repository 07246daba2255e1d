import { ResultFailure } from '../errors.js';

/** `lint --fail-on`: some revision has a risk the caller said must stop the deploy. */
export class LintFailedError extends ResultFailure {
  readonly revisions: readonly string[];

  constructor(revisions: readonly string[], kinds: readonly string[]) {
    super(
      'LINT_FAILED',
      `Revision(s) ${revisions.join(', ')} have ${kinds.join('/')} operations (see above); ` +
        'split them into an expand revision and a later contract revision, or deploy them outside a rolling update.',
    );
    this.revisions = revisions;
  }
}
