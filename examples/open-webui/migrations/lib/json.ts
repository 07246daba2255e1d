/**
 * JSON as Open WebUI's Python side reads and writes it. Values re-encoded by a data migration are
 * written the way Python's `json.dumps` writes them (", " and ": " separators, non-ASCII escaped
 * as \uXXXX), so rows migrated by ambix are byte-identical to rows migrated by Alembic.
 */
import type { Operations } from 'ambix';

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
 * A number as Python prints it. JSON.parse cannot tell `1` from `1.0`, so whole numbers below
 * 1e21 are written as integers (what Open WebUI's data holds); other numbers follow Python's
 * float repr: the same shortest digits as JavaScript, but fixed notation only for exponents
 * -4 … 15, and a two-digit exponent (`1e-07`, `1e+16`).
 */
function pythonNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
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

/** Python's `json.dumps(value)` with default settings, for values JSON.parse can produce. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return pythonNumber(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${encodeString(key)}: ${pythonJson(item)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return encodeString(String(value));
}

/** The outcome of decoding JSON text: Python's `json.loads` either returns a value or raises. */
export type Decoded = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function decodeText(text: string): Decoded {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A JSON column's value as SQLAlchemy's JSON type hands it to a script. PostgreSQL's driver has
 * already decoded it; SQLite returns the stored text (or a number, JSON having NUMERIC affinity).
 * Undecodable text on SQLite raises upstream too; here it reads as `undefined` and callers say
 * what they do with it.
 */
export function readJsonColumn(op: Operations, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (op.dialect.name !== 'sqlite') return raw;
  if (typeof raw !== 'string') return raw;
  const decoded = decodeText(raw);
  return decoded.ok ? decoded.value : undefined;
}

/** Python truthiness, which the upstream data steps rely on. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A boolean as the driver binds it: better-sqlite3 takes 1/0 only. */
export function bindBoolean(op: Operations, value: boolean | null): boolean | number | null {
  if (value === null) return null;
  return op.dialect.name === 'sqlite' ? (value ? 1 : 0) : value;
}
