/**
 * JSON as Open WebUI's Python side reads and writes it. Values re-encoded by a data migration are
 * written the way Python's `json.dumps` writes them (", " and ": " separators, non-ASCII escaped
 * as \uXXXX), so rows migrated by ambix are byte-identical to rows migrated by Alembic.
 */
import type { Operations } from 'ambix';
import { decodeText } from './json-decode.js';
import { entriesOf, PyNumber } from './json-values.js';

export { type Decoded, decodeText } from './json-decode.js';
export { entriesOf, type JsonObject, type JsonValue, PyNumber } from './json-values.js';

const PLAIN_ASCII = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * JSON.stringify escapes what Python escapes below U+007F (with the same lower-case
 * \u00XX form); Python also escapes DEL and every non-ASCII UTF-16 unit.
 */
function encodeString(text: string): string {
  if (PLAIN_ASCII.test(text)) return `"${text}"`;
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A float as Python's `repr` prints it: the same shortest digits as JavaScript, but fixed notation
 * only for exponents -4 … 15 (with `.0` when whole), and a two-digit exponent (`1e-07`, `1e+16`).
 */
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-') || Object.is(value, -0);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const lead = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${lead}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

/**
 * A number a revision computed (a timestamp, a count): whole numbers below 1e21 are Python ints,
 * written as integers; anything else is a float.
 */
function pythonNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return pythonFloat(value);
}

/** A decoded number as Python re-encodes it: an int exactly, a float in its repr. */
function pythonDecodedNumber(value: PyNumber): string {
  return value.isInteger ? BigInt(value.text).toString() : pythonFloat(value.toNumber());
}

/** Python's `json.dumps(value)` with default settings, for decoded values and the ones revisions build. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (value instanceof PyNumber) return pythonDecodedNumber(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = entriesOf(value).map(([key, item]) => `${encodeString(key)}: ${pythonJson(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return encodeString(String(value));
}

/**
 * A JSON column's value as SQLAlchemy's JSON type hands it to a script, from the column selected
 * as text (`op.batches` with `expressions: jsonText([...])`, or `CAST(column AS TEXT)`): the drivers' own decoding
 * (JSON.parse on PostgreSQL) would round large integers and reorder keys. SQL NULL reads as null;
 * undecodable text (upstream raises on SQLite) reads as `undefined`, and callers say what they do with it.
 */
export function readJsonColumn(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' || typeof raw === 'bigint') return new PyNumber(String(raw));
  if (typeof raw !== 'string') throw new TypeError('readJsonColumn needs the column selected as text');
  const decoded = decodeText(raw);
  return decoded.ok ? decoded.value : undefined;
}

/** `CAST(column AS TEXT) AS column`: a JSON column read as its stored text on every dialect. */
export function jsonAsText(column: string): string {
  const quoted = `"${column.replaceAll('"', '""')}"`;
  return `CAST(${quoted} AS TEXT) AS ${quoted}`;
}

/** Whether a decoded value holds NaN or an infinity, which PostgreSQL's JSON type refuses. */
export function hasNonFinite(value: unknown): boolean {
  if (value instanceof PyNumber) return !Number.isFinite(value.toNumber());
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (isObject(value)) return Object.values(value).some(hasNonFinite);
  return false;
}

/** Python truthiness, which the upstream data steps rely on. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (value instanceof PyNumber) return value.toNumber() !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof PyNumber);
}

/** A boolean as the driver binds it: better-sqlite3 takes 1/0 only. */
export function bindBoolean(op: Operations, value: boolean | null): boolean | number | null {
  if (value === null) return null;
  return op.dialect.name === 'sqlite' ? (value ? 1 : 0) : value;
}

/**
 * `op.batches`' `expressions` reading JSON columns as their stored text (see `readJsonColumn`):
 * the drivers' own decoding would lose what the lossless decoder keeps.
 */
export function jsonText(columns: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    columns.map((column) => [column, `CAST("${column.replaceAll('"', '""')}" AS TEXT)`]),
  );
}
