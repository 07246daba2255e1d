import { HeaderSyntaxError, IllegalHeaderError } from './file-errors.js';
import {
  HEADER_FIELDS,
  type HeaderEntry,
  type HeaderField,
  type HeaderValue,
  isHeaderField,
  type RawHeader,
  type RevisionHeader,
  toRevisionHeader,
} from './header-fields.js';

/**
 * Reads a `.ts` / `.js` revision's header exports without executing the file.
 *
 * A hand-written scanner rather than a parser: it only has to find `export const|let|var <field>`
 * at the top level and read a literal after it, but it must skip comments, strings, template
 * literals (with nested `${…}` code) and regular expressions correctly so that text inside them
 * never looks like a declaration. Once all six header fields are found the rest of the file is
 * skipped: files written by `ambix revision` declare them all at the top, above the code.
 */
export function readModuleHeader(source: string, file: string): RevisionHeader {
  return toRevisionHeader(file, scanModuleHeader(source, file), 'module');
}

/** The raw literal values of every header export found in `source`. */
export function scanModuleHeader(source: string, file: string): RawHeader {
  const scanner = new HeaderScanner(source, file);
  scanner.scanCode(false);
  return scanner.header;
}

enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Dollar = 36,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Asterisk = 42,
  Comma = 44,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Where the top-level scan must look: strings, templates, comments/regexes, braces, `export`. */
const SIGNIFICANT = /['"`/{}]|export/g;
const SINGLE_QUOTED_STOP = /['\\\n\r]/g;
const DOUBLE_QUOTED_STOP = /["\\\n\r]/g;

/** Keywords after which `/` starts a regular expression, although they look like operands. */
const KEYWORDS_BEFORE_EXPRESSION = [
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
];

function isIdentifierStart(code: number): boolean {
  return (
    (code >= Char.LowerA && code <= Char.LowerZ) ||
    (code >= Char.UpperA && code <= Char.UpperZ) ||
    code === Char.Underscore ||
    code === Char.Dollar ||
    code > 127
  );
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= Char.Digit0 && code <= Char.Digit9);
}

function isWhitespace(code: number): boolean {
  return code === Char.Space || code === Char.LineFeed || code === Char.Tab || code === Char.CarriageReturn;
}

class HeaderScanner {
  /** Values with the offset of their declaration; lines are counted once, at the end. */
  private readonly found = new Map<HeaderField, { value: HeaderValue; offset: number }>();
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {}

  /**
   * Skips code up to the end of input, or (inside `${…}`) to the brace that closes it. Header
   * declarations are only looked for at the top level. Jumps from one significant character to
   * the next with a native regular-expression search: most of a file is identifiers, operators
   * and whitespace that need no attention, and a CLI reads headers before the JIT warms up.
   */
  scanCode(nested: boolean): void {
    const src = this.src;
    let depth = 0;
    for (;;) {
      SIGNIFICANT.lastIndex = this.pos;
      const match = SIGNIFICANT.exec(src);
      if (match === null) break;
      const at = match.index;
      const code = src.charCodeAt(at);
      this.pos = at;
      if (code === Char.Slash) {
        const next = src.charCodeAt(at + 1);
        if (next === Char.Slash || next === Char.Asterisk) this.skipComment();
        else if (this.regexCanStartAt(at)) this.skipRegexOrSlash();
        else this.pos++;
      } else if (code === Char.SingleQuote || code === Char.DoubleQuote) {
        this.skipString();
      } else if (code === Char.Backtick) {
        this.skipTemplate();
      } else if (code === Char.OpenBrace) {
        depth++;
        this.pos++;
      } else if (code === Char.CloseBrace) {
        this.pos++;
        if (depth === 0 && nested) return;
        depth--;
      } else {
        // `export`, as a whole word that is not a property (`module.export`).
        this.pos = at + 6;
        const before = src.charCodeAt(at - 1);
        if (isIdentifierPart(before) || before === Char.Dot || isIdentifierPart(src.charCodeAt(this.pos)))
          continue;
        if (!nested && depth === 0) {
          this.exportDeclaration();
          if (this.found.size === HEADER_FIELDS.length) return;
        }
      }
    }
    this.pos = src.length;
    if (nested) throw this.syntaxError(this.src.length, 'unterminated `${` in a template literal');
  }

  /**
   * Whether a `/` at `at` starts a regular expression rather than dividing: it does unless the
   * code before it ends an operand (a name, a number, `)`, `]`, a string), keywords excepted.
   */
  private regexCanStartAt(at: number): boolean {
    const src = this.src;
    let i = at - 1;
    while (i >= 0 && isWhitespace(src.charCodeAt(i))) i--;
    if (i < 0) return true;
    const code = src.charCodeAt(i);
    if (code === Char.CloseParen || code === Char.CloseBracket) return false;
    if (code === Char.SingleQuote || code === Char.DoubleQuote || code === Char.Backtick) return false;
    if (!isIdentifierPart(code)) return true;
    const end = i + 1;
    while (i >= 0 && isIdentifierPart(src.charCodeAt(i))) i--;
    const word = src.slice(i + 1, end);
    return KEYWORDS_BEFORE_EXPRESSION.includes(word);
  }

  private skipIdentifier(): void {
    const src = this.src;
    while (this.pos < src.length && isIdentifierPart(src.charCodeAt(this.pos))) this.pos++;
  }

  private readIdentifier(): string {
    const start = this.pos;
    const src = this.src;
    while (this.pos < src.length && isIdentifierPart(src.charCodeAt(this.pos))) this.pos++;
    return src.slice(start, this.pos);
  }

  private skipComment(): void {
    const src = this.src;
    if (src.charCodeAt(this.pos + 1) === Char.Slash) {
      const end = src.indexOf('\n', this.pos);
      this.pos = end === -1 ? src.length : end + 1;
      return;
    }
    const end = src.indexOf('*/', this.pos + 2);
    if (end === -1) throw this.syntaxError(this.pos, 'unterminated /* comment');
    this.pos = end + 2;
  }

  /** Skips whitespace and comments; reports whether a line break was crossed (for ASI). */
  private skipTrivia(): boolean {
    const src = this.src;
    let sawNewline = false;
    while (this.pos < src.length) {
      const code = src.charCodeAt(this.pos);
      if (code === Char.LineFeed) {
        sawNewline = true;
        this.pos++;
      } else if (isWhitespace(code)) {
        this.pos++;
      } else if (code === Char.Slash && src.charCodeAt(this.pos + 1) === Char.Slash) {
        this.skipComment();
        sawNewline = true;
      } else if (code === Char.Slash && src.charCodeAt(this.pos + 1) === Char.Asterisk) {
        const start = this.pos;
        this.skipComment();
        if (src.slice(start, this.pos).includes('\n')) sawNewline = true;
      } else {
        break;
      }
    }
    return sawNewline;
  }

  /** A regular expression literal; if it runs into a line break it was a division after all. */
  private skipRegexOrSlash(): void {
    const src = this.src;
    const start = this.pos;
    let inClass = false;
    let i = start + 1;
    while (i < src.length) {
      const code = src.charCodeAt(i);
      if (code === Char.LineFeed || code === Char.CarriageReturn) break;
      if (code === Char.Backslash) i += 2;
      else if (code === Char.OpenBracket) {
        inClass = true;
        i++;
      } else if (code === Char.CloseBracket) {
        inClass = false;
        i++;
      } else if (code === Char.Slash && !inClass) {
        this.pos = i + 1;
        while (this.pos < src.length && isIdentifierPart(src.charCodeAt(this.pos))) this.pos++;
        return;
      } else i++;
    }
    this.pos = start + 1;
  }

  /** Skips a quoted string whose value is not needed. */
  private skipString(): void {
    const src = this.src;
    const start = this.pos;
    const end = src.charCodeAt(start) === Char.SingleQuote ? SINGLE_QUOTED_STOP : DOUBLE_QUOTED_STOP;
    let i = start + 1;
    for (;;) {
      end.lastIndex = i;
      const match = end.exec(src);
      if (match === null) break;
      const code = src.charCodeAt(match.index);
      if (code === Char.Backslash) {
        // An escaped line break continues the string; `\r\n` counts as one.
        i = match.index + (src.startsWith('\r\n', match.index + 1) ? 3 : 2);
      } else if (code === Char.LineFeed || code === Char.CarriageReturn) {
        break;
      } else {
        this.pos = match.index + 1;
        return;
      }
    }
    throw this.syntaxError(start, 'unterminated string literal');
  }

  /** Reads a quoted string starting at `pos` and returns its decoded value. */
  private readString(): string {
    const src = this.src;
    const quote = src.charCodeAt(this.pos);
    const start = this.pos;
    let i = this.pos + 1;
    let value = '';
    let chunkStart = i;
    while (i < src.length) {
      const code = src.charCodeAt(i);
      if (code === quote) {
        this.pos = i + 1;
        return detach(value + src.slice(chunkStart, i));
      }
      if (code === Char.LineFeed || code === Char.CarriageReturn) break;
      if (code === Char.Backslash) {
        value += src.slice(chunkStart, i);
        const decoded = decodeEscape(src, i);
        value += decoded.text;
        i = decoded.next;
        chunkStart = i;
      } else i++;
    }
    throw this.syntaxError(start, 'unterminated string literal');
  }

  /** Skips a template literal, scanning the code inside each `${…}`. */
  private skipTemplate(): void {
    const src = this.src;
    const start = this.pos;
    this.pos++;
    while (this.pos < src.length) {
      const code = src.charCodeAt(this.pos);
      if (code === Char.Backtick) {
        this.pos++;
        return;
      }
      if (code === Char.Backslash) this.pos += 2;
      else if (code === Char.Dollar && src.charCodeAt(this.pos + 1) === Char.OpenBrace) {
        this.pos += 2;
        this.scanCode(true);
      } else this.pos++;
    }
    throw this.syntaxError(start, 'unterminated template literal');
  }

  /** Reads a template literal that must have no substitutions; returns its cooked value. */
  private readPlainTemplate(field: HeaderField): string {
    const src = this.src;
    const start = this.pos;
    let i = this.pos + 1;
    let value = '';
    let chunkStart = i;
    while (i < src.length) {
      const code = src.charCodeAt(i);
      if (code === Char.Backtick) {
        this.pos = i + 1;
        return detach((value + src.slice(chunkStart, i)).replace(/\r\n?/g, '\n'));
      }
      if (code === Char.Dollar && src.charCodeAt(i + 1) === Char.OpenBrace) {
        throw new IllegalHeaderError(
          this.file,
          this.lineAt(i),
          field,
          'a template literal with a substitution',
        );
      }
      if (code === Char.Backslash) {
        value += src.slice(chunkStart, i);
        const decoded = decodeEscape(src, i);
        value += decoded.text;
        i = decoded.next;
        chunkStart = i;
      } else i++;
    }
    throw this.syntaxError(start, 'unterminated template literal');
  }

  /** After `export`: reads `const|let|var` declarators that name header fields. */
  private exportDeclaration(): void {
    const afterExport = this.pos;
    this.skipTrivia();
    if (!isIdentifierStart(this.src.charCodeAt(this.pos))) {
      this.pos = afterExport;
      return;
    }
    const keyword = this.readIdentifier();
    if (keyword !== 'const' && keyword !== 'let' && keyword !== 'var') {
      // `export async function upgrade…` and the like: let the main loop read on from here.
      this.pos = afterExport;
      return;
    }
    for (;;) {
      this.skipTrivia();
      if (!isIdentifierStart(this.src.charCodeAt(this.pos))) {
        // Destructuring: never a header declaration.
        return;
      }
      const nameStart = this.pos;
      const name = this.readIdentifier();
      if (!isHeaderField(name)) return;
      if (this.found.has(name)) {
        throw this.syntaxError(nameStart, `'${name}' is declared more than once`);
      }
      const value = this.declaratorValue(name, nameStart);
      this.found.set(name, { value, offset: nameStart });
      if (!this.endOfDeclarator(name)) break;
    }
  }

  private atWord(word: string): boolean {
    return (
      this.src.startsWith(word, this.pos) && !isIdentifierPart(this.src.charCodeAt(this.pos + word.length))
    );
  }

  /** Skips the type after `as` / `satisfies`, up to `;`, `,` or the end of the line at depth 0. */
  private skipTrailingType(): void {
    const src = this.src;
    let depth = 0;
    while (this.pos < src.length) {
      const code = src.charCodeAt(this.pos);
      if (code === Char.SingleQuote || code === Char.DoubleQuote) {
        this.readString();
        continue;
      }
      if (
        code === Char.Slash &&
        (src.charCodeAt(this.pos + 1) === Char.Slash || src.charCodeAt(this.pos + 1) === Char.Asterisk)
      ) {
        if (src.charCodeAt(this.pos + 1) === Char.Slash && depth === 0) return;
        this.skipComment();
        continue;
      }
      if (code === Char.Equals && src.charCodeAt(this.pos + 1) === Char.GreaterThan) {
        this.pos += 2;
        continue;
      }
      if (
        code === Char.OpenParen ||
        code === Char.OpenBracket ||
        code === Char.OpenBrace ||
        code === Char.LessThan
      ) {
        depth++;
      } else if (
        code === Char.CloseParen ||
        code === Char.CloseBracket ||
        code === Char.CloseBrace ||
        code === Char.GreaterThan
      ) {
        depth--;
      } else if (depth === 0 && (code === Char.Semicolon || code === Char.Comma || code === Char.LineFeed)) {
        return;
      }
      this.pos++;
    }
  }

  /** Reads `[: Type] = <literal>` after a header field's name. */
  private declaratorValue(field: HeaderField, nameStart: number): HeaderValue {
    this.skipTrivia();
    if (this.src.charCodeAt(this.pos) === Char.Colon) {
      this.pos++;
      this.skipType();
    }
    if (this.src.charCodeAt(this.pos) !== Char.Equals) {
      throw new IllegalHeaderError(
        this.file,
        this.lineAt(nameStart),
        field,
        'it is declared without a value',
      );
    }
    this.pos++;
    this.skipTrivia();
    return this.literal(field);
  }

  /** Skips a type annotation up to the `=` that starts the initializer. */
  private skipType(): void {
    const src = this.src;
    let depth = 0;
    while (this.pos < src.length) {
      this.skipTrivia();
      const code = src.charCodeAt(this.pos);
      if (code === Char.SingleQuote || code === Char.DoubleQuote) {
        this.readString();
        continue;
      }
      if (code === Char.Backtick) {
        this.skipTemplate();
        continue;
      }
      if (code === Char.Equals && src.charCodeAt(this.pos + 1) === Char.GreaterThan) {
        // `=>` in a function type: neither the initializer nor a closing `>`.
        this.pos += 2;
        continue;
      }
      if (
        code === Char.OpenParen ||
        code === Char.OpenBracket ||
        code === Char.OpenBrace ||
        code === Char.LessThan
      ) {
        depth++;
      } else if (
        code === Char.CloseParen ||
        code === Char.CloseBracket ||
        code === Char.CloseBrace ||
        code === Char.GreaterThan
      ) {
        depth--;
      } else if (code === Char.Equals && depth === 0) {
        return;
      } else if (code === Char.Semicolon && depth === 0) {
        return;
      }
      this.pos++;
    }
  }

  private literal(field: HeaderField): HeaderValue {
    const src = this.src;
    const start = this.pos;
    const code = src.charCodeAt(start);
    if (code === Char.SingleQuote || code === Char.DoubleQuote) return this.readString();
    if (code === Char.Backtick) return this.readPlainTemplate(field);
    if (code === Char.OpenBracket) return this.arrayLiteral(field);
    if (isIdentifierStart(code)) {
      const word = this.readIdentifier();
      if (word === 'null' || word === 'undefined') return null;
      throw new IllegalHeaderError(
        this.file,
        this.lineAt(start),
        field,
        `found '${word}…', a name or a call`,
      );
    }
    if (this.pos >= src.length) throw this.syntaxError(start, `'${field} =' has no value`);
    throw new IllegalHeaderError(this.file, this.lineAt(start), field, `found '${excerpt(src, start)}'`);
  }

  private arrayLiteral(field: HeaderField): readonly string[] {
    const src = this.src;
    const start = this.pos;
    const items: string[] = [];
    this.pos++;
    for (;;) {
      this.skipTrivia();
      const code = src.charCodeAt(this.pos);
      if (code === Char.CloseBracket) {
        this.pos++;
        return items;
      }
      if (this.pos >= src.length) throw this.syntaxError(start, 'unterminated array');
      if (code === Char.SingleQuote || code === Char.DoubleQuote) items.push(this.readString());
      else if (code === Char.Backtick) items.push(this.readPlainTemplate(field));
      else {
        throw new IllegalHeaderError(
          this.file,
          this.lineAt(this.pos),
          field,
          `arrays may hold only string literals, found '${excerpt(src, this.pos)}'`,
        );
      }
      this.skipTrivia();
      const separator = src.charCodeAt(this.pos);
      if (separator === Char.Comma) this.pos++;
      else if (separator !== Char.CloseBracket) {
        throw new IllegalHeaderError(
          this.file,
          this.lineAt(this.pos),
          field,
          `found '${excerpt(src, this.pos)}' inside the array`,
        );
      }
    }
  }

  /**
   * After a literal: `as const`, then `;`, `,` (another declarator, returns true), the end of the
   * file or a line break followed by a new statement. Anything else means the literal is only part
   * of a computed expression, such as `'a' + b` or `'a'.trim()`.
   */
  private endOfDeclarator(field: HeaderField): boolean {
    const src = this.src;
    let sawNewline = this.skipTrivia();
    // `as const`, `as string | null`, `satisfies readonly string[]`: types change nothing at runtime.
    while (this.atWord('as') || this.atWord('satisfies')) {
      this.skipIdentifier();
      this.skipTrailingType();
      sawNewline = this.skipTrivia();
    }
    if (this.pos >= src.length) return false;
    const code = src.charCodeAt(this.pos);
    if (code === Char.Semicolon) {
      this.pos++;
      return false;
    }
    if (code === Char.Comma) {
      this.pos++;
      return true;
    }
    if (sawNewline && (isIdentifierStart(code) || code === Char.CloseBrace)) return false;
    throw new IllegalHeaderError(
      this.file,
      this.lineAt(this.pos),
      field,
      `the value continues with '${excerpt(src, this.pos)}', a computed expression`,
    );
  }

  /** The header with 1-based lines, counted in one sweep (declarations are found in file order). */
  get header(): RawHeader {
    const header = new Map<HeaderField, HeaderEntry>();
    let line = 1;
    let newline = this.src.indexOf('\n');
    for (const [field, { value, offset }] of this.found) {
      while (newline !== -1 && newline < offset) {
        line++;
        newline = this.src.indexOf('\n', newline + 1);
      }
      header.set(field, { value, line });
    }
    return header;
  }

  private lineAt(offset: number): number {
    let line = 1;
    let index = this.src.indexOf('\n');
    while (index !== -1 && index < offset) {
      line++;
      index = this.src.indexOf('\n', index + 1);
    }
    return line;
  }

  private syntaxError(offset: number, detail: string): HeaderSyntaxError {
    return new HeaderSyntaxError(this.file, this.lineAt(offset), detail);
  }
}

/**
 * A copy of `text` that does not point into the file's source. V8 represents a slice of a long
 * string as a view on it, so without the copy every header kept its whole file alive, and the
 * garbage collector spent more time than the scan itself moving them around.
 */
function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function excerpt(src: string, offset: number): string {
  const text = src.slice(offset, offset + 20).split('\n')[0] ?? '';
  return text.trimEnd();
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Decodes the escape sequence at `src[index] === '\\'`. */
function decodeEscape(src: string, index: number): { text: string; next: number } {
  const letter = src[index + 1] ?? '';
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { text: simple, next: index + 2 };
  if (letter === '\r') return { text: '', next: src[index + 2] === '\n' ? index + 3 : index + 2 };
  if (letter === '\n') return { text: '', next: index + 2 };
  if (letter === 'x') {
    const hex = src.slice(index + 2, index + 4);
    if (/^[0-9a-fA-F]{2}$/.test(hex))
      return { text: String.fromCharCode(Number.parseInt(hex, 16)), next: index + 4 };
  }
  if (letter === 'u') {
    if (src[index + 2] === '{') {
      const close = src.indexOf('}', index + 3);
      const hex = close === -1 ? '' : src.slice(index + 3, close);
      if (/^[0-9a-fA-F]{1,6}$/.test(hex)) {
        return { text: String.fromCodePoint(Number.parseInt(hex, 16)), next: close + 1 };
      }
    } else {
      const hex = src.slice(index + 2, index + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex))
        return { text: String.fromCharCode(Number.parseInt(hex, 16)), next: index + 6 };
    }
  }
  return { text: letter, next: index + 2 };
}
