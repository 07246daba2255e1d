/**
 * A small vocabulary for what an `op` argument must look like, checked at run time because
 * revisions are transpiled without type checking (and `.js` revisions have no types at all):
 * a misspelt key would otherwise be ignored and a wrong value rendered into SQL.
 */
import { suggestKey } from './suggest.js';

/** What is wrong with one argument, at `path` inside it (`columns[1].nullabe`). */
export type Problem =
  | {
      readonly kind: 'unknown-key';
      readonly path: string;
      readonly key: string;
      readonly suggestion: string | null;
    }
  | { readonly kind: 'wrong-type'; readonly path: string; readonly expected: string; readonly value: unknown }
  | { readonly kind: 'missing'; readonly path: string; readonly expected: string };

/** Checks a value; returns the first problem found, or null. */
export interface Check {
  /** How the expected value reads in a message: `a boolean`, `an array of column names`. */
  readonly expected: string;
  problem(value: unknown, path: string): Problem | null;
}

function simple(expected: string, test: (value: unknown) => boolean): Check {
  return {
    expected,
    problem: (value, path) => (test(value) ? null : { kind: 'wrong-type', path, expected, value }),
  };
}

export const aString = simple('a string', (value) => typeof value === 'string');
export const aBoolean = simple('true or false', (value) => typeof value === 'boolean');
export const aNumber = simple('a number', (value) => typeof value === 'number' && Number.isFinite(value));
export const aFunction = simple('a function', (value) => typeof value === 'function');

export function oneOf(...choices: readonly (string | boolean | number)[]): Check {
  const expected = `one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`;
  return simple(expected, (value) => choices.includes(value as string));
}

export function either(expected: string, ...checks: readonly Check[]): Check {
  return simple(expected, (value) => checks.some((check) => check.problem(value, '') === null));
}

/** `null` is accepted besides what `check` accepts (`default: null` drops a default). */
export function orNull(check: Check): Check {
  return {
    expected: `${check.expected} or null`,
    problem: (value, path) => (value === null ? null : check.problem(value, path)),
  };
}

export function arrayOf(item: Check, expected = `an array of ${item.expected}`): Check {
  return {
    expected,
    problem(value, path) {
      if (!Array.isArray(value)) return { kind: 'wrong-type', path, expected, value };
      for (const [index, element] of value.entries()) {
        const problem = item.problem(element, `${path}[${index}]`);
        if (problem !== null) return problem;
      }
      return null;
    },
  };
}

export interface Field {
  readonly check: Check;
  readonly required?: boolean;
}

export type Fields = Readonly<Record<string, Check | Field>>;

function field(entry: Check | Field): Field {
  return 'check' in entry ? entry : { check: entry };
}

/**
 * A plain object with only these keys. An unknown key is a problem with a suggestion; an optional
 * key given as `undefined` counts as left out, as TypeScript's optional properties allow.
 */
export function objectOf(expected: string, fields: Fields): Check {
  const known = Object.keys(fields);
  return {
    expected,
    problem(value, path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return { kind: 'wrong-type', path, expected, value };
      }
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(fields, key)) {
          return { kind: 'unknown-key', path: join(path, key), key, suggestion: suggestKey(key, known) };
        }
      }
      for (const [key, entry] of Object.entries(fields)) {
        const { check, required } = field(entry);
        const given = record[key];
        if (given === undefined) {
          if (required === true) return { kind: 'missing', path: join(path, key), expected: check.expected };
          continue;
        }
        const problem = check.problem(given, join(path, key));
        if (problem !== null) return problem;
      }
      return null;
    },
  };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
