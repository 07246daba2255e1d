/**
 * JSON text decoded as Python's `json.loads` decodes it, losing nothing: numbers keep their text
 * (integers of any size, `1.0` apart from `1`), `NaN`/`Infinity`/`-Infinity` are accepted, object
 * keys keep their order (integer-like keys included, which plain JavaScript objects would move
 * first), and a repeated key keeps its first position with its last value, as a Python dict does.
 *
 * Tokens come from jsonc-parser's scanner (strings, escapes, number syntax); the grammar on top is
 * Python's: no comments, no trailing commas, only space, tab, CR and LF between tokens.
 *
 * That costs about 7× JSON.parse, which the chat backfill would feel, so text that JSON.parse
 * reads exactly goes through JSON.parse: it accepts the same texts as Python apart from NaN and
 * the infinities, and loses nothing when no key is integer-like and every number survives
 * JavaScript's float (see `plainParseIsExact`).
 */
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { type JsonValue, newJsonObject, PyNumber, setMember } from './json-values.js';

/** The outcome of decoding JSON text: Python's `json.loads` either returns a value or raises. */
export type Decoded = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false };

class Malformed extends Error {}

const PYTHON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
const SPACES = /^[ \t\r\n]*$/;

type Scanner = ReturnType<typeof createScanner>;

/** The next significant token, refusing what Python refuses between tokens. */
function next(scanner: Scanner): SyntaxKind {
  for (;;) {
    const kind = scanner.scan();
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) {
      if (!SPACES.test(scanner.getTokenValue())) throw new Malformed();
      continue;
    }
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia)
      throw new Malformed();
    if (scanner.getTokenError() !== ScanError.None) throw new Malformed();
    return kind;
  }
}

/** `NaN`, `Infinity` and `-Infinity`, which the scanner reports as unknown words. */
function nonFinite(scanner: Scanner): PyNumber {
  const word = scanner.getTokenValue();
  if (word === 'NaN' || word === 'Infinity') return new PyNumber(word);
  if (word !== '-') throw new Malformed();
  const end = scanner.getTokenOffset() + scanner.getTokenLength();
  if (scanner.scan() !== SyntaxKind.Unknown || scanner.getTokenOffset() !== end) throw new Malformed();
  if (scanner.getTokenValue() !== 'Infinity') throw new Malformed();
  return new PyNumber('-Infinity');
}

function value(scanner: Scanner, kind: SyntaxKind): JsonValue {
  switch (kind) {
    case SyntaxKind.NullKeyword:
      return null;
    case SyntaxKind.TrueKeyword:
      return true;
    case SyntaxKind.FalseKeyword:
      return false;
    case SyntaxKind.StringLiteral:
      return scanner.getTokenValue();
    case SyntaxKind.NumericLiteral: {
      const text = scanner.getTokenValue();
      if (!PYTHON_NUMBER.test(text)) throw new Malformed();
      return new PyNumber(text);
    }
    case SyntaxKind.Unknown:
      return nonFinite(scanner);
    case SyntaxKind.OpenBracketToken:
      return array(scanner);
    case SyntaxKind.OpenBraceToken:
      return object(scanner);
    default:
      throw new Malformed();
  }
}

function array(scanner: Scanner): JsonValue[] {
  const items: JsonValue[] = [];
  let kind = next(scanner);
  if (kind === SyntaxKind.CloseBracketToken) return items;
  for (;;) {
    items.push(value(scanner, kind));
    kind = next(scanner);
    if (kind === SyntaxKind.CloseBracketToken) return items;
    if (kind !== SyntaxKind.CommaToken) throw new Malformed();
    kind = next(scanner);
  }
}

function object(scanner: Scanner): JsonValue {
  const result = newJsonObject();
  let kind = next(scanner);
  if (kind === SyntaxKind.CloseBraceToken) return result;
  for (;;) {
    if (kind !== SyntaxKind.StringLiteral) throw new Malformed();
    const key = scanner.getTokenValue();
    if (next(scanner) !== SyntaxKind.ColonToken) throw new Malformed();
    setMember(result, key, value(scanner, next(scanner)));
    kind = next(scanner);
    if (kind === SyntaxKind.CloseBraceToken) return result;
    if (kind !== SyntaxKind.CommaToken) throw new Malformed();
    kind = next(scanner);
  }
}

/** A quoted string of valid JSON text; only used on text JSON.parse then accepts. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
/** An integer-like member name, which a JavaScript object would move first. */
const INTEGER_KEY = /"\d+"\s*:/;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/**
 * Whether JSON.parse's result re-encodes exactly as Python's would: no integer-like key, no
 * integer beyond 15 digits, and no float that JavaScript would take for an integer (`1.0`, `1e5`,
 * `-0.0`). A false negative only costs time.
 */
function plainParseIsExact(text: string): boolean {
  if (INTEGER_KEY.test(text)) return false;
  for (const [token] of text.replace(JSON_STRING, '""').matchAll(NUMBER)) {
    if (/[.eE]/.test(token)) {
      const value = Number(token);
      if (Number.isInteger(value) || Object.is(value, -0)) return false;
    } else if (token.replace('-', '').length > 15) {
      return false;
    }
  }
  return true;
}

export function decodeText(text: string): Decoded {
  if (plainParseIsExact(text)) {
    try {
      return { ok: true, value: JSON.parse(text) as JsonValue };
    } catch {
      // NaN, the infinities, or text Python refuses too: the exact decoder tells which.
    }
  }
  return decodeExactly(text);
}

function decodeExactly(text: string): Decoded {
  const scanner = createScanner(text, false);
  try {
    const decoded = value(scanner, next(scanner));
    if (next(scanner) !== SyntaxKind.EOF) return { ok: false };
    return { ok: true, value: decoded };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false };
    throw error;
  }
}
