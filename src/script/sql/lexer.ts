/**
 * The lexical rules the three databases use to decide where an SQL statement ends: which quotes
 * open strings and identifiers, how a quote is escaped inside them, and what is a comment. Only
 * the tokens that matter for splitting are told apart; everything else is `word` or `other`.
 *
 * - all: `'…'` strings with the quote doubled, `"…"` quoted, `--` and `/* … *\/` comments.
 * - SQLite: `` `…` `` and `[…]` identifiers too.
 * - PostgreSQL: block comments nest; `E'…'` strings take backslash escapes; `$$…$$` and
 *   `$tag$…$tag$` dollar-quoted strings (a `$` after a name character, or before a digit, is not one).
 * - MySQL/MariaDB: `'…'` and `"…"` take backslash escapes; `` `…` `` identifiers; `#` starts a
 *   comment, and `--` does only when a space or the end of the line follows it; `/*! … *\/` is
 *   code (a versioned comment the server runs), not a comment; `DELIMITER x`
 *   at the start of a line, between statements, sets the statement delimiter as the mysql client does.
 */
import type { DialectName } from '../../dialect.js';

export type SqlTokenKind =
  | 'space'
  | 'comment'
  | 'quoted'
  | 'word'
  | 'semicolon'
  /** The custom delimiter set by MySQL's `DELIMITER` (never `;`, which is `semicolon`). */
  | 'delimiter'
  /** A whole `DELIMITER x` line: a client command, not SQL sent to the server. */
  | 'delimiter-command'
  | 'other';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly start: number;
  readonly end: number;
}

/** SQL text that cannot be split because a string, identifier or comment never ends. */
export class SqlLexError extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_CHAR = /[\w$\u0080-\uffff]/;
const SPACE = /\s/;
const DOLLAR_QUOTE = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;
const DELIMITER_COMMAND = /^delimiter[ \t]+(\S+)[^\n]*/i;

/**
 * The tokens of `source` in order, covering it without gaps. `atStatementStart` tells the lexer
 * whether only space and comments have come since the last statement ended: MySQL's `DELIMITER`
 * command is recognised only there, as the mysql client does.
 */
export class SqlLexer {
  #pos = 0;
  /** MySQL's current custom delimiter; null while it is `;`. */
  #delimiter: string | null = null;

  constructor(
    private readonly source: string,
    private readonly dialect: DialectName,
  ) {}

  get position(): number {
    return this.#pos;
  }

  next(atStatementStart: boolean): SqlToken | null {
    const src = this.source;
    const start = this.#pos;
    if (start >= src.length) return null;
    const char = src[start] ?? '';
    const kind = this.#scan(char, atStatementStart);
    if (this.#pos <= start) this.#pos = start + 1;
    return { kind, start, end: this.#pos };
  }

  #scan(char: string, atStatementStart: boolean): SqlTokenKind {
    const src = this.source;
    const pos = this.#pos;
    const mysql = this.dialect === 'mysql';
    if (SPACE.test(char)) {
      while (this.#pos < src.length && SPACE.test(src[this.#pos] ?? '')) this.#pos++;
      return 'space';
    }
    if (this.#delimiter !== null && src.startsWith(this.#delimiter, pos)) {
      this.#pos = pos + this.#delimiter.length;
      return 'delimiter';
    }
    if (mysql && atStatementStart && this.#atLineStart(pos)) {
      const newline = src.indexOf('\n', pos);
      const command = DELIMITER_COMMAND.exec(src.slice(pos, newline === -1 ? src.length : newline));
      if (command !== null) {
        const delimiter = command[1] ?? ';';
        this.#delimiter = delimiter === ';' ? null : delimiter;
        this.#pos = pos + command[0].length;
        return 'delimiter-command';
      }
    }
    if (char === ';') {
      this.#pos = pos + 1;
      // Under a custom delimiter a `;` is part of the statement, as in a procedure body.
      return this.#delimiter === null ? 'semicolon' : 'other';
    }
    if (char === '-' && src[pos + 1] === '-' && (!mysql || /^(\s|$)/.test(src[pos + 2] ?? ''))) {
      return this.#lineComment();
    }
    if (char === '#' && mysql) return this.#lineComment();
    if (char === '/' && src[pos + 1] === '*') {
      const kind = this.#blockComment();
      // `/*! … */` and MariaDB's `/*M! … */` are code the server runs (mysqldump's SET lines).
      return mysql && /^\/\*M?!/.test(src.slice(pos, pos + 4)) ? 'other' : kind;
    }
    if (char === "'") {
      const escapes = mysql || (this.dialect === 'postgresql' && this.#isEscapeStringPrefix(pos));
      return this.#quoted("'", "'", escapes);
    }
    if (char === '"') return this.#quoted('"', '"', mysql);
    if (char === '`' && this.dialect !== 'postgresql') return this.#quoted('`', '`', false);
    if (char === '[' && this.dialect === 'sqlite') return this.#quoted('[', ']', false);
    if (char === '$' && this.dialect === 'postgresql') {
      const quote = this.#dollarQuote();
      if (quote !== null) return quote;
    }
    if (WORD_START.test(char)) {
      // MySQL names may hold `$`, so `END$$` is the word END and the delimiter `$$`.
      while (this.#pos < src.length && WORD_CHAR.test(src[this.#pos] ?? '') && !this.#atDelimiter()) {
        this.#pos++;
      }
      return 'word';
    }
    this.#pos = pos + 1;
    return 'other';
  }

  /** Moves past text the caller has read itself (a `.sql` revision's section line). */
  skipTo(offset: number): void {
    this.#pos = Math.max(this.#pos, offset);
  }

  #atDelimiter(): boolean {
    return this.#delimiter !== null && this.source.startsWith(this.#delimiter, this.#pos);
  }

  #atLineStart(pos: number): boolean {
    const lineStart = this.source.lastIndexOf('\n', pos - 1) + 1;
    return this.source.slice(lineStart, pos).trim() === '';
  }

  /** PostgreSQL's `E'…'`: the E must stand alone, not end a longer name. */
  #isEscapeStringPrefix(quoteAt: number): boolean {
    const prefix = this.source[quoteAt - 1] ?? '';
    return (prefix === 'E' || prefix === 'e') && !WORD_CHAR.test(this.source[quoteAt - 2] ?? '');
  }

  #lineComment(): SqlTokenKind {
    const newline = this.source.indexOf('\n', this.#pos);
    this.#pos = newline === -1 ? this.source.length : newline;
    return 'comment';
  }

  #blockComment(): SqlTokenKind {
    const src = this.source;
    const nests = this.dialect === 'postgresql';
    let depth = 0;
    let i = this.#pos;
    while (i < src.length) {
      if (src[i] === '/' && src[i + 1] === '*' && (nests || depth === 0)) {
        depth++;
        i += 2;
      } else if (src[i] === '*' && src[i + 1] === '/') {
        depth--;
        i += 2;
        if (depth === 0) {
          this.#pos = i;
          return 'comment';
        }
      } else i++;
    }
    throw new SqlLexError(this.#pos, 'unterminated /* comment');
  }

  #quoted(open: string, close: string, backslashEscapes: boolean): SqlTokenKind {
    const src = this.source;
    let i = this.#pos + 1;
    while (i < src.length) {
      const char = src[i];
      if (backslashEscapes && char === '\\') i += 2;
      else if (char === close) {
        // A doubled closing quote stands for itself (`'it''s'`, `"a""b"`), except `]`.
        if (close !== ']' && src[i + 1] === close) i += 2;
        else {
          this.#pos = i + 1;
          return 'quoted';
        }
      } else i++;
    }
    const hint = backslashEscapes ? '' : ' (a quote inside is written doubled)';
    throw new SqlLexError(this.#pos, `unterminated ${open}…${close}${hint}`);
  }

  /** A PostgreSQL dollar-quoted string, or null when the `$` starts something else (`$1`, `a$b`). */
  #dollarQuote(): SqlTokenKind | null {
    const src = this.source;
    if (WORD_CHAR.test(src[this.#pos - 1] ?? '')) return null;
    const match = DOLLAR_QUOTE.exec(src.slice(this.#pos, this.#pos + 128));
    if (match === null) return null;
    const tag = match[0];
    const end = src.indexOf(tag, this.#pos + tag.length);
    if (end === -1) throw new SqlLexError(this.#pos, `unterminated dollar-quoted string ${tag}`);
    this.#pos = end + tag.length;
    return 'quoted';
  }
}
