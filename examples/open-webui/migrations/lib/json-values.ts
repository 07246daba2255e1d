/**
 * Decoded JSON values that carry everything Python's decoded values carry, so re-encoding gives
 * back what `json.dumps` would: numbers as their source text, objects with their key order.
 */

/** A JSON number as Python holds it: an int of any size, or a float (`1.0` is not `1`). */
export class PyNumber {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  /** An int to Python: no fraction, no exponent (NaN and the infinities are floats). */
  get isInteger(): boolean {
    return /^-?\d+$/.test(this.text);
  }

  /** The value as a JavaScript number: exact for floats, rounded for integers beyond 2^53. */
  toNumber(): number {
    return Number(this.text);
  }
}

/** Where a decoded object keeps its keys' order (hidden: not enumerable, not copied by spreads). */
const KEY_ORDER = Symbol('json key order');

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = null | boolean | string | PyNumber | JsonValue[] | JsonObject;

/** A prototype-less object (so `__proto__` is an ordinary key) that remembers its key order. */
export function newJsonObject(): JsonObject {
  const object = Object.create(null) as JsonObject;
  Object.defineProperty(object, KEY_ORDER, { value: [], enumerable: false });
  return object;
}

/** Python's `d[key] = value`: a new key goes last, an existing one keeps its place. */
export function setMember(object: JsonObject, key: string, value: JsonValue): void {
  if (!Object.hasOwn(object, key)) (object as unknown as Record<symbol, string[]>)[KEY_ORDER]?.push(key);
  object[key] = value;
}

/**
 * An object's entries in the order Python would iterate them: decoded order where known (members
 * deleted since are left out, members added since come last), JavaScript's order otherwise.
 */
export function entriesOf(object: object): [string, unknown][] {
  const record = object as Record<string, unknown>;
  const order = (object as Record<symbol, string[] | undefined>)[KEY_ORDER];
  if (order === undefined) return Object.entries(record);
  const known = order.filter((key) => Object.hasOwn(record, key));
  const seen = new Set(known);
  const added = Object.keys(record).filter((key) => !seen.has(key));
  return [...known, ...added].map((key) => [key, record[key]]);
}
