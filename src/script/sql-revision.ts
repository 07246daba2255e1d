/**
 * The `.sql` revision format
 * ==========================
 *
 * A `.sql` revision is plain SQL with its header in `--` comments at the top and two sections:
 *
 *     -- revision: 1975ea83b712
 *     -- downRevision: ae1027a6acf3
 *     -- branchLabels: billing
 *     -- dependsOn: 3d2f7c9e01ab
 *     -- message: create the account table
 *     -- createDate: 2026-11-26T10:00:00.000Z
 *
 *     -- upgrade
 *     CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);
 *     CREATE INDEX ix_account_name ON account (name);
 *
 *     -- downgrade
 *     DROP TABLE account;
 *
 * Header (every line before `-- upgrade`):
 * - `-- key: value` lines set the header fields. `revision` and `downRevision` are required;
 *   a base revision says `-- downRevision: null`. A merge lists its parents separated by commas:
 *   `-- downRevision: ae1027a6acf3, 27c6a30d7c24`. `branchLabels` and `dependsOn` are
 *   comma-separated lists and may be left out. `message` and `createDate` take the rest of the line.
 * - Other comment lines and blank lines are free text. A key that is a misspelling of a header
 *   field (`down_revision`, `DependsOn`) is an error rather than silently ignored.
 * - SQL before `-- upgrade` is an error.
 *
 * Sections: a line holding only `-- upgrade` or `-- downgrade` (any case) starts that section.
 * Each must appear exactly once; an empty section means there is nothing to do in that direction.
 *
 * Statements: each section is split on `;`, except where the `;` is inside a '…' string,
 * a "…" or `…` quoted identifier, a `--` or `/* … *\/` comment, or a PostgreSQL dollar-quoted
 * body (`$$…$$`, `$fn$…$fn$`), so function bodies and triggers stay whole. The final `;` is
 * optional. Comments stay with the statement that follows them; a piece holding only comments is
 * dropped. Write a quote inside a string doubled (`'it''s'`), which every dialect accepts;
 * backslash escapes are honoured only in PostgreSQL `E'…'` strings. MySQL's `DELIMITER` is not
 * needed (and not supported): the body of a procedure is a single statement when it has no `;`
 * outside quotes, otherwise use a `.ts` revision and `op.execute`.
 */
import { SqlRevisionFormatError } from './file-errors.js';
import {
  HEADER_FIELDS,
  type HeaderEntry,
  type HeaderField,
  type HeaderValue,
  isHeaderField,
  type RevisionHeader,
  toRevisionHeader,
} from './header-fields.js';

export interface SqlRevisionBody {
  readonly upgrade: readonly string[];
  readonly downgrade: readonly string[];
}

const SECTION_MARKER = /^--\s*(upgrade|downgrade)\s*$/i;
const HEADER_LINE = /^--\s*([A-Za-z][\w-]*)\s*:(.*)$/;
const LIST_FIELDS: ReadonlySet<HeaderField> = new Set(['downRevision', 'branchLabels', 'dependsOn']);

/** The header of a `.sql` revision; reads only the lines before `-- upgrade`. */
export function readSqlHeader(source: string, file: string): RevisionHeader {
  const header = new Map<HeaderField, HeaderEntry>();
  const lines = withoutByteOrderMark(source).split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = (lines[index] ?? '').trim();
    const lineNumber = index + 1;
    if (text === '') continue;
    if (SECTION_MARKER.test(text)) break;
    if (!text.startsWith('--')) {
      throw new SqlRevisionFormatError(
        file,
        lineNumber,
        "SQL before the '-- upgrade' line; put statements inside the '-- upgrade' or '-- downgrade' section",
      );
    }
    const match = HEADER_LINE.exec(text);
    if (match === null) continue;
    const key = match[1] ?? '';
    const field = headerFieldFor(file, lineNumber, key);
    if (field === null) continue;
    if (header.has(field)) {
      throw new SqlRevisionFormatError(file, lineNumber, `'${field}' is given more than once in the header`);
    }
    header.set(field, { value: parseValue(field, (match[2] ?? '').trim()), line: lineNumber });
  }
  return toRevisionHeader(file, header, 'sql');
}

/** Recognises header keys; a near miss of a field name is an error so a typo never goes unnoticed. */
function headerFieldFor(file: string, line: number, key: string): HeaderField | null {
  if (isHeaderField(key)) return key;
  const folded = key.replace(/[-_]/g, '').toLowerCase();
  const intended = HEADER_FIELDS.find((field) => field.toLowerCase() === folded);
  if (intended !== undefined) {
    throw new SqlRevisionFormatError(file, line, `unknown header key '${key}'; did you mean '${intended}'?`);
  }
  return null;
}

function parseValue(field: HeaderField, text: string): HeaderValue {
  if (text === '' || text === 'null') return LIST_FIELDS.has(field) && field !== 'downRevision' ? [] : null;
  if (!LIST_FIELDS.has(field)) return text;
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  if (field === 'downRevision' && items.length === 1) return items[0] ?? null;
  return items;
}

/** The statements of both sections, split as described at the top of this file. */
export function parseSqlRevisionBody(source: string, file: string): SqlRevisionBody {
  const splitter = new StatementSplitter(withoutByteOrderMark(source), file);
  splitter.run();
  const { upgrade, downgrade } = splitter.sections;
  if (upgrade === undefined || downgrade === undefined) {
    const missing = upgrade === undefined ? 'upgrade' : 'downgrade';
    throw new SqlRevisionFormatError(
      file,
      1,
      `no '-- ${missing}' line; a .sql revision needs both an '-- upgrade' and a '-- downgrade' section`,
    );
  }
  return { upgrade, downgrade };
}

/** Editors on Windows may save UTF-8 with a BOM; it is not SQL. */
function withoutByteOrderMark(source: string): string {
  return source.startsWith('\uFEFF') ? source.slice(1) : source;
}

type SectionName = 'upgrade' | 'downgrade';

class StatementSplitter {
  readonly sections: { upgrade?: string[]; downgrade?: string[] } = {};
  private current: string[] | null = null;
  private pos = 0;
  private statementStart = 0;
  /** Whether the statement being read holds anything besides comments and whitespace. */
  private hasCode = false;

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {}

  run(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const char = src[this.pos];
      if (char === '-' && src[this.pos + 1] === '-') {
        this.lineComment();
      } else if (char === '/' && src[this.pos + 1] === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        if (end === -1) throw this.error(this.pos, 'unterminated /* comment');
        this.pos = end + 2;
      } else if (char === "'") {
        this.markCode();
        const escapes = /[eE]/.test(src[this.pos - 1] ?? '') && !/\w/.test(src[this.pos - 2] ?? '');
        this.quoted("'", escapes);
      } else if (char === '"' || char === '`') {
        this.markCode();
        this.quoted(char, false);
      } else if (char === '$' && this.dollarQuote()) {
        // dollarQuote() moved past the whole body.
      } else if (char === ';') {
        this.markCode();
        this.endStatement(this.pos);
        this.pos++;
        this.statementStart = this.pos;
      } else {
        if (char !== ' ' && char !== '\n' && char !== '\t' && char !== '\r') this.markCode();
        this.pos++;
      }
    }
    this.endStatement(src.length);
  }

  private markCode(): void {
    if (this.current === null) {
      throw this.error(this.pos, "SQL before the '-- upgrade' line; put statements inside a section");
    }
    this.hasCode = true;
  }

  private lineComment(): void {
    const src = this.src;
    const lineStart = src.lastIndexOf('\n', this.pos - 1) + 1;
    const newline = src.indexOf('\n', this.pos);
    const lineEnd = newline === -1 ? src.length : newline;
    const atLineStart = src.slice(lineStart, this.pos).trim() === '';
    const marker = atLineStart ? SECTION_MARKER.exec(src.slice(this.pos, lineEnd).trim()) : null;
    if (marker !== null) {
      this.endStatement(lineStart);
      this.enterSection((marker[1] ?? '').toLowerCase() as SectionName, lineStart);
      this.statementStart = lineEnd;
    }
    this.pos = lineEnd;
  }

  private enterSection(name: SectionName, offset: number): void {
    if (this.sections[name] !== undefined) {
      throw this.error(offset, `a second '-- ${name}' line; each section appears once`);
    }
    const statements: string[] = [];
    this.sections[name] = statements;
    this.current = statements;
  }

  private endStatement(end: number): void {
    if (this.current !== null && this.hasCode) {
      const text = this.src.slice(this.statementStart, end).trim();
      if (text !== '') this.current.push(text);
    }
    this.hasCode = false;
  }

  private quoted(quote: string, backslashEscapes: boolean): void {
    const src = this.src;
    const start = this.pos;
    let i = this.pos + 1;
    while (i < src.length) {
      const char = src[i];
      if (backslashEscapes && char === '\\') i += 2;
      else if (char === quote) {
        // A doubled quote is an escaped quote, not the end.
        if (src[i + 1] === quote) i += 2;
        else {
          this.pos = i + 1;
          return;
        }
      } else i++;
    }
    throw this.error(start, `unterminated ${quote}…${quote} (quotes inside a string are written doubled)`);
  }

  /** A PostgreSQL dollar-quoted body; returns false when the `$` starts something else (`$1`). */
  private dollarQuote(): boolean {
    const src = this.src;
    if (/[\w$]/.test(src[this.pos - 1] ?? '')) return false;
    const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(src.slice(this.pos, this.pos + 64));
    if (match === null) return false;
    this.markCode();
    const delimiter = match[0];
    const end = src.indexOf(delimiter, this.pos + delimiter.length);
    if (end === -1) throw this.error(this.pos, `unterminated dollar-quoted body ${delimiter}`);
    this.pos = end + delimiter.length;
    return true;
  }

  private error(offset: number, detail: string): SqlRevisionFormatError {
    const line = this.src.slice(0, offset).split('\n').length;
    return new SqlRevisionFormatError(this.file, line, detail);
  }
}
