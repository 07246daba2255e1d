/**
 * SQL text as the statements a driver runs one at a time: split at `;` (or MySQL's `DELIMITER`)
 * outside strings, quoted names and comments (see lexer.ts), and outside the bodies whose inner
 * `;` belong to one statement: SQLite's `CREATE TRIGGER … BEGIN … END` and PostgreSQL's
 * `CREATE FUNCTION|PROCEDURE … BEGIN ATOMIC … END` (a `CASE … END` inside them is followed).
 * Comments before a statement stay with it; a piece holding only comments is no statement.
 * The one splitter for `.sql` revisions, `--sql` and `lint`.
 */
import type { DialectName } from '../../dialect.js';
import { SqlLexer, type SqlToken } from './lexer.js';

export { SqlLexError } from './lexer.js';

export interface SqlStatement {
  /**
   * The statement as it runs: from its first comment or code to its last code, without its
   * delimiter (a comment after the last code is left out, so a `;` written after it ends it).
   */
  readonly text: string;
  /** The statement's code alone: leading comments left out, inner ones replaced by a space (for classifying). */
  readonly code: string;
  /** Offset of `text` in the source. */
  readonly start: number;
}

/** Splits `source`; throws SqlLexError when a string, identifier or comment never ends. */
export function splitSqlStatements(source: string, dialect: DialectName): SqlStatement[] {
  const lexer = new SqlLexer(source, dialect);
  const collector = new StatementCollector(source, dialect);
  for (let token = lexer.next(true); token !== null; token = lexer.next(collector.atStatementStart)) {
    collector.add(token);
  }
  collector.end();
  return collector.statements;
}

/** The 1-based line of `offset` in `source`. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (
    let index = source.indexOf('\n');
    index !== -1 && index < offset;
    index = source.indexOf('\n', index + 1)
  ) {
    line++;
  }
  return line;
}

/** Gathers tokens into statements; `end()` closes the statement in progress (at a section line, or the end). */
export class StatementCollector {
  readonly statements: SqlStatement[] = [];
  #start: number | null = null;
  #codeStart: number | null = null;
  #codeEnd = 0;
  /** Comments after the statement's first code token, to leave out of `code`. */
  #innerComments: SqlToken[] = [];
  #body: RoutineBody;

  constructor(
    private readonly source: string,
    private readonly dialect: DialectName,
  ) {
    this.#body = new RoutineBody(dialect);
  }

  /** True while only space and comments have come since the last statement ended. */
  get atStatementStart(): boolean {
    return this.#codeStart === null;
  }

  add(token: SqlToken): void {
    switch (token.kind) {
      case 'space':
        return;
      case 'comment':
        this.#start ??= token.start;
        if (this.#codeStart !== null) this.#innerComments.push(token);
        return;
      case 'delimiter-command':
      case 'delimiter':
        this.end();
        return;
      case 'semicolon':
        if (this.#body.open) this.#code(token);
        else this.end();
        return;
      default:
        this.#code(token);
    }
  }

  end(): void {
    if (this.#start !== null && this.#codeStart !== null) {
      this.statements.push({
        text: this.source.slice(this.#start, this.#codeEnd),
        code: this.#codeWithoutComments(this.#codeStart),
        start: this.#start,
      });
    }
    this.#start = null;
    this.#codeStart = null;
    this.#innerComments = [];
    this.#body = new RoutineBody(this.dialect);
  }

  #codeWithoutComments(codeStart: number): string {
    let code = '';
    let from = codeStart;
    for (const comment of this.#innerComments) {
      if (comment.start >= this.#codeEnd) break;
      code += `${this.source.slice(from, comment.start)} `;
      from = comment.end;
    }
    return code + this.source.slice(from, this.#codeEnd);
  }

  #code(token: SqlToken): void {
    this.#start ??= token.start;
    this.#codeStart ??= token.start;
    this.#codeEnd = token.end;
    if (token.kind === 'word') this.#body.word(this.source.slice(token.start, token.end).toUpperCase());
  }
}

const SQLITE_TRIGGER = /^CREATE (TEMP |TEMPORARY )?TRIGGER /;
const POSTGRESQL_ROUTINE = /^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE) /;

/**
 * Follows the words of one statement to know when it is inside a routine body whose `;` do not
 * end it: SQLite trigger bodies (`BEGIN … END`) and PostgreSQL SQL-standard bodies (`BEGIN ATOMIC
 * … END`). Inside, `CASE … END` pairs are counted so their END does not close the body.
 */
class RoutineBody {
  #head = '';
  #words = 0;
  #previous = '';
  #depth = 0;
  #cases = 0;

  constructor(private readonly dialect: DialectName) {}

  get open(): boolean {
    return this.#depth > 0;
  }

  word(word: string): void {
    if (this.#words < 5) {
      this.#head += `${word} `;
      this.#words++;
    }
    if (this.#depth === 0) {
      if (this.#opensBody(word)) this.#depth = 1;
    } else if (word === 'CASE') this.#cases++;
    else if (word === 'END') {
      if (this.#cases > 0) this.#cases--;
      else this.#depth--;
    }
    this.#previous = word;
  }

  #opensBody(word: string): boolean {
    if (this.dialect === 'sqlite') return word === 'BEGIN' && SQLITE_TRIGGER.test(this.#head);
    if (this.dialect === 'postgresql') {
      return word === 'ATOMIC' && this.#previous === 'BEGIN' && POSTGRESQL_ROUTINE.test(this.#head);
    }
    return false;
  }
}
