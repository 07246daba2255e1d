import { InvalidConfigError } from './errors.js';
import type { AmbixConfig, AutogenerateConfig, RevisionFileFormat, TransactionMode } from './types.js';

type Check = (value: unknown) => string | null;

const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.trim() !== '' ? null : 'must be a non-empty string';

const oneOf =
  (choices: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && choices.includes(value)
      ? null
      : `must be one of ${choices.map((choice) => `'${choice}'`).join(', ')}`;

const integerAtLeast =
  (minimum: number, unit: string): Check =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= minimum
      ? null
      : `must be a whole number of ${unit}, at least ${minimum}`;

const boolean: Check = (value) => (typeof value === 'boolean' ? null : 'must be true or false');

const stringList: Check = (value) =>
  Array.isArray(value) && value.every((item) => nonEmptyString(item) === null)
    ? null
    : 'must be an array of non-empty strings';

const AUTOGENERATE_CHECKS: Readonly<Record<keyof AutogenerateConfig, Check>> = {
  include: stringList,
  exclude: stringList,
  renames: stringList,
  dropTables: boolean,
  dropColumns: boolean,
};

/** A nested settings object: every key known, every value of the right type. */
function checkObject(value: unknown, checks: Readonly<Record<string, Check>>): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  for (const [key, item] of Object.entries(value)) {
    const check = checks[key];
    if (check === undefined)
      return `has an unknown key '${key}'; the keys are ${Object.keys(checks).join(', ')}`;
    if (item === undefined) continue;
    const problem = check(item);
    if (problem !== null) return `.${key} ${problem}`;
  }
  return null;
}

const TRANSACTION_MODES: readonly TransactionMode[] = ['per-migration', 'all', 'none'];
const REVISION_FORMATS: readonly RevisionFileFormat[] = ['ts', 'js', 'sql'];

/** One check per key; a key missing here is unknown, which is an error. */
const CHECKS: Readonly<Record<keyof AmbixConfig, Check>> = {
  url: nonEmptyString,
  migrations: (value) => {
    if (typeof value === 'string') return nonEmptyString(value);
    if (Array.isArray(value) && value.length > 0 && value.every((item) => nonEmptyString(item) === null))
      return null;
    return 'must be a folder path or a non-empty array of folder paths';
  },
  versionTable: nonEmptyString,
  versionTableSchema: (value) => (value === null ? null : nonEmptyString(value)),
  transactionMode: oneOf(TRANSACTION_MODES),
  lockTimeout: integerAtLeast(0, 'milliseconds'),
  fileTemplate: nonEmptyString,
  truncateSlugLength: integerAtLeast(1, 'characters'),
  revisionFormat: oneOf(REVISION_FORMATS),
  historyTable: (value) =>
    value === false || nonEmptyString(value) === null
      ? null
      : 'must be a table name, or false to keep no history',
  schema: nonEmptyString,
  autogenerate: (value) => checkObject(value, AUTOGENERATE_CHECKS),
};

const KNOWN_KEYS = Object.keys(CHECKS);

/** Checks a config object read from `file`: every key known, every value of the right type. */
export function validateConfig(
  raw: unknown,
  file: string,
  options: { allowSchemaKey?: boolean } = {},
): AmbixConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidConfigError(file, null, 'must hold an object of settings (see `defineConfig`).');
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema' && options.allowSchemaKey === true) continue;
    const check = (CHECKS as Readonly<Record<string, Check>>)[key];
    if (check === undefined) {
      throw new InvalidConfigError(file, key, `is not a config key; the keys are ${KNOWN_KEYS.join(', ')}.`);
    }
    // An explicit `undefined` (e.g. `url: process.env.UNSET`) means "not set".
    if (value === undefined) continue;
    const problem = check(value);
    if (problem !== null) throw new InvalidConfigError(file, key, `${problem}, got ${describe(value)}.`);
  }
  return raw as AmbixConfig;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array (${JSON.stringify(value)})`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}
