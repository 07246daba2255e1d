/** The config reshape of 3ff2c63645b8 as pure functions: a nested JSON blob → storage-key rows. */
import { KEY_REWRITES, KNOWN_PATHS } from './config-keys.js';
import { entriesOf, isObject } from './json.js';

const rewrite = (path: string) => KEY_REWRITES.get(path) ?? path;

/** Legacy setting name → storage key (every name shared by two paths gives the same key). */
const LEGACY_NAMES: ReadonlyMap<string, string> = new Map(
  [...KNOWN_PATHS].map(([path, legacy]) => [legacy, rewrite(path)]),
);

/** Nested objects become dotted paths, except at known paths, whose value is kept whole. */
export function flattenConfig(blob: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of entriesOf(blob)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (KNOWN_PATHS.has(path) || LEGACY_NAMES.has(path)) out.set(path, value);
    else if (isObject(value)) for (const [nested, item] of flattenConfig(value, path)) out.set(nested, item);
    else out.set(path, value);
  }
  return out;
}

/** Storage key → value; when two paths land on one key the first one wins. */
export function configRows(blob: Record<string, unknown>): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  for (const [path, value] of flattenConfig(blob)) {
    const key = KNOWN_PATHS.has(path) ? rewrite(path) : (LEGACY_NAMES.get(path) ?? rewrite(path));
    if (!rows.has(key)) rows.set(key, value);
  }
  return rows;
}
