import { AmbixError } from '../../errors.js';
import type { RevisionLocation } from '../errors.js';
import type { Problem } from './shape.js';

/**
 * An `op` call with an argument ambix does not understand: an unknown option key, a value of the
 * wrong type, or a required one left out. Raised before the operation renders or runs any SQL.
 */
export class InvalidOptionError extends AmbixError {
  readonly revision: string;
  readonly revisionPath: string;
  readonly operation: string;
  /** The key as a path inside its argument (`columns[1].nullabe`), or the argument's name. */
  readonly key: string;
  /** 1-based line in the revision file, when the key or value could be found there. */
  readonly line: number | null;
  readonly suggestion: string | null;

  constructor(
    location: RevisionLocation,
    operation: string,
    argument: string,
    problem: Problem,
    line: number | null,
  ) {
    const key = problem.path === '' ? argument : problem.path;
    const where = `${location.revisionPath}${line === null ? '' : `:${line}`}`;
    const reason = describe(problem, key);
    const stop = reason.endsWith('?') ? '' : '.';
    super(
      'INVALID_OPTION',
      `${where}: ${operation} in revision ${location.revision}: ${reason}${stop} Nothing was run for this call.`,
    );
    this.revision = location.revision;
    this.revisionPath = location.revisionPath;
    this.operation = operation;
    this.key = key;
    this.line = line;
    this.suggestion = problem.kind === 'unknown-key' ? problem.suggestion : null;
  }
}

function describe(problem: Problem, key: string): string {
  switch (problem.kind) {
    case 'unknown-key':
      return `unknown option '${key}'${problem.suggestion === null ? '' : `; did you mean '${problem.suggestion}'?`}`;
    case 'missing':
      return `'${key}' is required: ${problem.expected}`;
    case 'wrong-type':
      return `'${key}' must be ${problem.expected}, not ${shown(problem.value)}`;
  }
}

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}
