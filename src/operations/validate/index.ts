/**
 * Checks every `op` call's arguments before it renders or runs SQL (online and `--sql` alike):
 * an unknown option key, a wrong value or a missing required one is an InvalidOptionError naming
 * the operation, the key, the revision file and line, with a did-you-mean.
 */
import type { RevisionLocation } from '../errors.js';
import { InvalidOptionError } from './errors.js';
import { lineOfProblem } from './locate.js';
import type { Check } from './shape.js';

export { InvalidOptionError } from './errors.js';
export * as shapes from './specs.js';

/** One argument: its name in messages, its shape, its value; optional ones may be left out. */
export interface Argument {
  readonly name: string;
  readonly check: Check;
  readonly value: unknown;
  readonly optional?: boolean;
}

export function validateArguments(
  location: RevisionLocation,
  operation: string,
  args: readonly Argument[],
): void {
  for (const { name, check, value, optional } of args) {
    if (value === undefined && optional === true) continue;
    const problem =
      value === undefined
        ? ({ kind: 'missing', path: '', expected: check.expected } as const)
        : check.problem(value, '');
    if (problem !== null) {
      throw new InvalidOptionError(
        location,
        operation,
        name,
        problem,
        lineOfProblem(location.revisionPath, problem),
      );
    }
  }
}
