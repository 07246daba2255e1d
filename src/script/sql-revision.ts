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
 * Statements: each section is split for the database it runs on by `sql/statements.ts`, the one
 * splitter ambix has: on `;` outside strings, quoted names and comments (PostgreSQL: nested
 * comments, `E'…'` escapes, dollar quotes; MySQL: `#` comments, backslash escapes, `DELIMITER`
 * lines), and outside SQLite trigger bodies (`BEGIN … END`) and PostgreSQL `BEGIN ATOMIC … END`
 * bodies. The final `;` is optional. Comments stay with the statement that follows them; a piece
 * holding only comments is dropped.
 */
import type { DialectName } from '../dialect.js';
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
import { SqlLexError, SqlLexer } from './sql/lexer.js';
import { lineAt, StatementCollector } from './sql/statements.js';

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

/** The statements of both sections, split for `dialect` as described at the top of this file. */
export function parseSqlRevisionBody(source: string, file: string, dialect: DialectName): SqlRevisionBody {
  const src = withoutByteOrderMark(source);
  const sections: { upgrade?: StatementCollector; downgrade?: StatementCollector } = {};
  const lexer = new SqlLexer(src, dialect);
  let current: StatementCollector | null = null;
  try {
    for (
      let token = lexer.next(true);
      token !== null;
      token = lexer.next(current?.atStatementStart ?? true)
    ) {
      const marker = sectionMarkerAt(src, token.start);
      if (marker !== null) {
        current?.end();
        if (sections[marker.name] !== undefined) {
          throw new SqlRevisionFormatError(
            file,
            lineAt(src, token.start),
            `a second '-- ${marker.name}' line; each section appears once`,
          );
        }
        current = new StatementCollector(src, dialect);
        sections[marker.name] = current;
        lexer.skipTo(marker.end);
      } else if (current !== null) {
        current.add(token);
      } else if (token.kind !== 'space' && token.kind !== 'comment') {
        throw new SqlRevisionFormatError(
          file,
          lineAt(src, token.start),
          "SQL before the '-- upgrade' line; put statements inside the '-- upgrade' or '-- downgrade' section",
        );
      }
    }
  } catch (error) {
    if (error instanceof SqlLexError)
      throw new SqlRevisionFormatError(file, lineAt(src, error.offset), error.detail);
    throw error;
  }
  current?.end();
  const { upgrade, downgrade } = sections;
  if (upgrade === undefined || downgrade === undefined) {
    const missing = upgrade === undefined ? 'upgrade' : 'downgrade';
    throw new SqlRevisionFormatError(
      file,
      1,
      `no '-- ${missing}' line; a .sql revision needs both an '-- upgrade' and a '-- downgrade' section`,
    );
  }
  return {
    upgrade: upgrade.statements.map((statement) => statement.text),
    downgrade: downgrade.statements.map((statement) => statement.text),
  };
}

/** A `-- upgrade` / `-- downgrade` line starting at `offset` (a token that begins its line), or null. */
function sectionMarkerAt(source: string, offset: number): { name: SectionName; end: number } | null {
  if (source[offset] !== '-') return null;
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  if (source.slice(lineStart, offset).trim() !== '') return null;
  const newline = source.indexOf('\n', offset);
  const end = newline === -1 ? source.length : newline;
  const match = SECTION_MARKER.exec(source.slice(offset, end).trim());
  return match === null ? null : { name: (match[1] ?? '').toLowerCase() as SectionName, end };
}

/** Editors on Windows may save UTF-8 with a BOM; it is not SQL. */
function withoutByteOrderMark(source: string): string {
  return source.startsWith('\uFEFF') ? source.slice(1) : source;
}

type SectionName = 'upgrade' | 'downgrade';
