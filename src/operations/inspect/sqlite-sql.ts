/**
 * Just enough of SQLite's SQL grammar to read back `CREATE TABLE` and `CREATE INDEX` statements
 * from `sqlite_schema`: constraint names, CHECK texts and index expressions live only there, the
 * pragmas do not report them.
 */

export type TokenKind = 'identifier' | 'quoted' | 'string' | 'number' | 'punctuation' | 'operator';

export interface Token {
  readonly kind: TokenKind;
  /** The token as written. */
  readonly text: string;
  /** For identifiers, the name with quoting removed; otherwise the text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const IDENTIFIER_START = /[A-Za-z_\u0080-\uffff]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < sql.length) {
    const char = sql[position]!;
    if (/\s/.test(char)) {
      position += 1;
    } else if (sql.startsWith('--', position)) {
      const lineEnd = sql.indexOf('\n', position);
      position = lineEnd === -1 ? sql.length : lineEnd + 1;
    } else if (sql.startsWith('/*', position)) {
      const commentEnd = sql.indexOf('*/', position + 2);
      position = commentEnd === -1 ? sql.length : commentEnd + 2;
    } else if (char === "'") {
      const end = closingQuote(sql, position, "'");
      tokens.push(makeToken('string', sql, position, end));
      position = end;
    } else if (char === '"' || char === '`') {
      const end = closingQuote(sql, position, char);
      const text = sql.slice(position, end);
      const value = text.slice(1, -1).replaceAll(char + char, char);
      tokens.push({ kind: 'quoted', text, value, start: position, end });
      position = end;
    } else if (char === '[') {
      const close = sql.indexOf(']', position);
      const end = close === -1 ? sql.length : close + 1;
      tokens.push({
        kind: 'quoted',
        text: sql.slice(position, end),
        value: sql.slice(position + 1, end - 1),
        start: position,
        end,
      });
      position = end;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(sql[position + 1] ?? ''))) {
      let end = position + 1;
      while (end < sql.length && /[0-9A-Za-z_.]/.test(sql[end]!)) end += 1;
      tokens.push(makeToken('number', sql, position, end));
      position = end;
    } else if (IDENTIFIER_START.test(char)) {
      let end = position + 1;
      while (end < sql.length && IDENTIFIER_PART.test(sql[end]!)) end += 1;
      tokens.push(makeToken('identifier', sql, position, end));
      position = end;
    } else if ('(),;.'.includes(char)) {
      tokens.push(makeToken('punctuation', sql, position, position + 1));
      position += 1;
    } else {
      const twoChar = sql.slice(position, position + 2);
      const length = ['||', '<=', '>=', '<>', '!=', '==', '<<', '>>', '->'].includes(twoChar) ? 2 : 1;
      tokens.push(makeToken('operator', sql, position, position + length));
      position += length;
    }
  }
  return tokens;
}

function makeToken(kind: TokenKind, sql: string, start: number, end: number): Token {
  const text = sql.slice(start, end);
  return { kind, text, value: text, start, end };
}

/** The index just past the quote that closes the one at `start` (doubled quotes are escapes). */
function closingQuote(sql: string, start: number, quote: string): number {
  let position = start + 1;
  while (position < sql.length) {
    if (sql[position] === quote) {
      if (sql[position + 1] === quote) {
        position += 2;
        continue;
      }
      return position + 1;
    }
    position += 1;
  }
  return sql.length;
}

export function isKeyword(token: Token | undefined, ...keywords: string[]): boolean {
  return token?.kind === 'identifier' && keywords.includes(token.text.toUpperCase());
}

export function isPunctuation(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punctuation' && token.text === text;
}

export function isName(token: Token | undefined): boolean {
  return (
    token !== undefined && (token.kind === 'identifier' || token.kind === 'quoted' || token.kind === 'string')
  );
}

/** A name as SQLite resolves it: quotes removed (a single-quoted string also names things in DDL). */
export function nameOf(token: Token): string {
  if (token.kind === 'string') return token.text.slice(1, -1).replaceAll("''", "'");
  return token.value;
}

/** The index of the `)` matching the `(` at `open`. */
export function matchingParenthesis(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let index = open; index < tokens.length; index += 1) {
    if (isPunctuation(tokens[index], '(')) depth += 1;
    else if (isPunctuation(tokens[index], ')')) {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  throw new Error('unbalanced parentheses in stored SQL');
}

/** Splits tokens[from, to) at top-level commas. */
export function splitAtCommas(tokens: readonly Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let index = from; index < to; index += 1) {
    const token = tokens[index]!;
    if (isPunctuation(token, '(')) depth += 1;
    if (isPunctuation(token, ')')) depth -= 1;
    if (depth === 0 && isPunctuation(token, ',')) {
      parts.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** The source text a run of tokens covers, comments and spacing inside it kept. */
export function textOf(sql: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

/** Names listed in a parenthesised column list such as `(a, "b" COLLATE nocase DESC)`. */
function columnNames(tokens: readonly Token[], open: number): { names: string[]; end: number } {
  const close = matchingParenthesis(tokens, open);
  const names = splitAtCommas(tokens, open + 1, close).map((part) => nameOf(part[0]!));
  return { names, end: close + 1 };
}

export interface ParsedForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** Empty when the clause names no columns (it then refers to the referenced table's primary key). */
  readonly referencedColumns: readonly string[];
  /** The clause after the referenced columns as written: `ON DELETE CASCADE DEFERRABLE …`. */
  readonly actionsSql: string;
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey: { readonly name: string | null; readonly columns: readonly string[] } | null;
  readonly uniques: readonly { readonly name: string | null; readonly columns: readonly string[] }[];
  readonly checks: readonly { readonly name: string | null; readonly sqltext: string }[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  /** `WITHOUT ROWID`, `STRICT`: the options after the closing parenthesis, as written. */
  readonly optionsSql: string;
}

export interface ParsedColumn {
  readonly name: string;
  /** The declared type as written, empty when none. */
  readonly type: string;
  /** `COLLATE x` as written, or null. */
  readonly collate: string | null;
  /** `GENERATED ALWAYS AS (…) STORED` (or `AS (…)`) as written, or null. */
  readonly generatedSql: string | null;
  readonly autoincrement: boolean;
}

const COLUMN_CONSTRAINT_START = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
]);

const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

export function parseCreateTable(sql: string): ParsedTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((candidate) => isPunctuation(candidate, '('));
  if (open === -1) throw new Error('stored CREATE TABLE has no column list');
  const close = matchingParenthesis(tokens, open);
  const columns: ParsedColumn[] = [];
  const table = {
    primaryKey: null as ParsedTable['primaryKey'],
    uniques: [] as { name: string | null; columns: string[] }[],
    checks: [] as { name: string | null; sqltext: string }[],
    foreignKeys: [] as ParsedForeignKey[],
  };
  for (const item of splitAtCommas(tokens, open + 1, close)) {
    if (isKeyword(item[0], ...TABLE_CONSTRAINT_START)) {
      readTableConstraint(sql, item, table);
    } else {
      columns.push(readColumn(sql, item, table));
    }
  }
  const optionsSql = textOf(
    sql,
    tokens.slice(close + 1).filter((rest) => !isPunctuation(rest, ';')),
  );
  return { columns, ...table, optionsSql };
}

interface ConstraintSink {
  primaryKey: ParsedTable['primaryKey'];
  uniques: { name: string | null; columns: string[] }[];
  checks: { name: string | null; sqltext: string }[];
  foreignKeys: ParsedForeignKey[];
}

function readTableConstraint(sql: string, item: Token[], sink: ConstraintSink): void {
  let index = 0;
  let name: string | null = null;
  if (isKeyword(item[0], 'CONSTRAINT')) {
    name = nameOf(item[1]!);
    index = 2;
  }
  const keyword = item[index]?.text.toUpperCase();
  if (keyword === 'PRIMARY') {
    const { names } = columnNames(item, index + 2);
    sink.primaryKey = { name, columns: names };
  } else if (keyword === 'UNIQUE') {
    sink.uniques.push({ name, columns: columnNames(item, index + 1).names });
  } else if (keyword === 'CHECK') {
    const close = matchingParenthesis(item, index + 1);
    sink.checks.push({ name, sqltext: textOf(sql, item.slice(index + 2, close)) });
  } else if (keyword === 'FOREIGN') {
    const local = columnNames(item, index + 2);
    sink.foreignKeys.push(readReferences(sql, item, local.end, name, local.names));
  }
}

/** Reads `REFERENCES t [(cols)] [actions…]` starting at `index` (the REFERENCES keyword). */
function readReferences(
  sql: string,
  item: Token[],
  index: number,
  name: string | null,
  columns: string[],
): ParsedForeignKey {
  let position = index + 1;
  const referencedTable = nameOf(item[position]!);
  position += 1;
  let referencedColumns: string[] = [];
  if (isPunctuation(item[position], '(')) {
    const referred = columnNames(item, position);
    referencedColumns = referred.names;
    position = referred.end;
  }
  const actionsEnd = referenceClauseEnd(item, position);
  return {
    name,
    columns,
    referencedTable,
    referencedColumns,
    actionsSql: textOf(sql, item.slice(position, actionsEnd)),
  };
}

/** Where a REFERENCES clause's trailing actions stop: at the next column constraint, if any. */
function referenceClauseEnd(item: Token[], from: number): number {
  let index = from;
  for (;;) {
    if (isKeyword(item[index], 'ON') && isKeyword(item[index + 1], 'DELETE', 'UPDATE')) {
      index += isKeyword(item[index + 2], 'SET', 'NO') ? 4 : 3;
    } else if (isKeyword(item[index], 'MATCH')) {
      index += 2;
    } else if (isKeyword(item[index], 'NOT') && isKeyword(item[index + 1], 'DEFERRABLE')) {
      index += 1;
    } else if (isKeyword(item[index], 'DEFERRABLE')) {
      index += isKeyword(item[index + 1], 'INITIALLY') ? 3 : 1;
    } else {
      return Math.min(index, item.length);
    }
  }
}

/** The index just past `REFERENCES t [(cols)]` starting at the REFERENCES keyword. */
function referencesTail(item: Token[], index: number): number {
  const afterTable = index + 2;
  return isPunctuation(item[afterTable], '(') ? matchingParenthesis(item, afterTable) + 1 : afterTable;
}

function readColumn(sql: string, item: Token[], sink: ConstraintSink): ParsedColumn {
  const name = nameOf(item[0]!);
  let index = 1;
  while (index < item.length && !isKeyword(item[index], ...COLUMN_CONSTRAINT_START)) {
    index = isPunctuation(item[index], '(') ? matchingParenthesis(item, index) + 1 : index + 1;
  }
  const type = textOf(sql, item.slice(1, index));
  let collate: string | null = null;
  let generatedSql: string | null = null;
  let autoincrement = false;
  let pendingName: string | null = null;
  while (index < item.length) {
    const current = item[index]!;
    const keyword = current.kind === 'identifier' ? current.text.toUpperCase() : '';
    if (keyword === 'CONSTRAINT') {
      pendingName = nameOf(item[index + 1]!);
      index += 2;
      continue;
    }
    // A constraint name belongs to the constraint right after it, whatever its kind.
    const constraintName = COLUMN_CONSTRAINT_START.has(keyword) ? pendingName : null;
    if (COLUMN_CONSTRAINT_START.has(keyword)) pendingName = null;
    if (keyword === 'PRIMARY') {
      sink.primaryKey = { name: constraintName, columns: [name] };
    } else if (keyword === 'UNIQUE') {
      sink.uniques.push({ name: constraintName, columns: [name] });
    } else if (keyword === 'CHECK') {
      const close = matchingParenthesis(item, index + 1);
      sink.checks.push({ name: constraintName, sqltext: textOf(sql, item.slice(index + 2, close)) });
      index = close + 1;
      continue;
    } else if (keyword === 'REFERENCES') {
      const foreignKey = readReferences(sql, item, index, constraintName, [name]);
      sink.foreignKeys.push(foreignKey);
      index = referenceClauseEnd(item, referencesTail(item, index));
      continue;
    } else if (keyword === 'COLLATE') {
      collate = textOf(sql, item.slice(index, index + 2));
      index += 2;
      continue;
    } else if (keyword === 'AUTOINCREMENT') {
      autoincrement = true;
    } else if (keyword === 'GENERATED' || keyword === 'AS') {
      const open = item.findIndex((candidate, at) => at > index && isPunctuation(candidate, '('));
      let end = matchingParenthesis(item, open) + 1;
      if (isKeyword(item[end], 'STORED', 'VIRTUAL')) end += 1;
      generatedSql = textOf(sql, item.slice(index, end));
      index = end;
      continue;
    }
    index = isPunctuation(current, '(') ? matchingParenthesis(item, index) + 1 : index + 1;
  }
  return { name, type, collate, generatedSql, autoincrement };
}

export interface ParsedIndex {
  readonly unique: boolean;
  /** Each element's text as written, without a trailing ASC/DESC. */
  readonly elements: readonly string[];
  /** The partial-index predicate as written, or null. */
  readonly where: string | null;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const unique = isKeyword(tokens[1], 'UNIQUE');
  const open = tokens.findIndex((candidate) => isPunctuation(candidate, '('));
  const close = matchingParenthesis(tokens, open);
  const elements = splitAtCommas(tokens, open + 1, close).map((part) => {
    const withoutOrder = isKeyword(part[part.length - 1], 'ASC', 'DESC') ? part.slice(0, -1) : part;
    return textOf(sql, withoutOrder);
  });
  const whereAt = tokens.findIndex((candidate, at) => at > close && isKeyword(candidate, 'WHERE'));
  const where =
    whereAt === -1
      ? null
      : textOf(
          sql,
          tokens.slice(whereAt + 1).filter((rest) => !isPunctuation(rest, ';')),
        );
  return { unique, elements, where };
}
