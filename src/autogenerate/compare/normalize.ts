/**
 * Canonical text for everything a database rewrites in its own words: column types, server
 * defaults, and SQL fragments (check conditions, partial-index conditions, index expressions).
 * Two values are equal for autogenerate when their canonical texts are equal, so this module is
 * what makes a second comparison after applying a revision come out empty.
 *
 * Both sides go through the same functions: each value is first rendered the way ambix's DDL
 * would write it on the dialect (so `t.string()` on MySQL is `VARCHAR(255)` on both sides), then
 * the spellings each database reports are folded together.
 *
 * For SQL fragments the folding is deliberately coarse (parentheses, whitespace, casts and
 * identifier quotes are dropped, keywords lower-cased). A database rewrites conditions freely
 * (PostgreSQL: `(price >= (0)::numeric)`; MariaDB: `` `price` >= 0 ``), and a false "changed"
 * would be re-proposed after every apply; a missed change of only parenthesisation is the lesser
 * harm. So when in doubt, two fragments compare equal.
 */
import type { DialectName } from '../../dialect.js';
import { renderColumnType } from '../../operations/ddl/column-types.js';
import { renderServerDefault } from '../../operations/ddl/server-defaults.js';
import type { ColumnType, IndexElement, ServerDefault } from '../../operations/types.js';

// ---- types ----

/** Names every dialect accepts for the same type. */
const TYPE_SYNONYMS: Readonly<Record<string, string>> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INT8: 'BIGINT',
  INT2: 'SMALLINT',
  BOOL: 'BOOLEAN',
  DECIMAL: 'NUMERIC',
  'CHARACTER VARYING': 'VARCHAR',
  CHARACTER: 'CHAR',
  FLOAT4: 'REAL',
  FLOAT8: 'DOUBLE PRECISION',
  TIMESTAMPTZ: 'TIMESTAMP WITH TIME ZONE',
  TIMETZ: 'TIME WITH TIME ZONE',
};

const POSTGRES_SYNONYMS: Readonly<Record<string, string>> = {
  TIMESTAMP: 'TIMESTAMP WITHOUT TIME ZONE',
  TIME: 'TIME WITHOUT TIME ZONE',
  SERIAL: 'INTEGER',
  SERIAL4: 'INTEGER',
  BIGSERIAL: 'BIGINT',
  SERIAL8: 'BIGINT',
  SMALLSERIAL: 'SMALLINT',
  // PostgreSQL's FLOAT without a precision is float8.
  FLOAT: 'DOUBLE PRECISION',
  BPCHAR: 'CHAR',
};

/**
 * SQLite keeps a column's declared type as written, and hand-written tables spell the types ambix
 * writes otherwise: TIMESTAMP for DATETIME, REAL for FLOAT. They store values the same way.
 */
const SQLITE_SYNONYMS: Readonly<Record<string, string>> = {
  TIMESTAMP: 'DATETIME',
  REAL: 'FLOAT',
  'DOUBLE PRECISION': 'DOUBLE',
};

const MYSQL_SYNONYMS: Readonly<Record<string, string>> = {
  REAL: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
};

const MYSQL_INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'MEDIUMINT', 'INTEGER', 'BIGINT']);

/** Canonical types by dialect and type: a schema repeats a handful of types thousands of times. */
const canonicalTypes = new Map<string, string>();

/** The type as the dialect's DDL writes it, with synonyms and implicit arguments made explicit. */
export function canonicalType(dialect: DialectName, type: ColumnType): string {
  const key = `${dialect}\u0000${JSON.stringify(type)}`;
  let canonical = canonicalTypes.get(key);
  if (canonical === undefined) {
    canonical = canonicalTypeOf(dialect, type);
    canonicalTypes.set(key, canonical);
  }
  return canonical;
}

function canonicalTypeOf(dialect: DialectName, type: ColumnType): string {
  // Upper case outside quotes only: ENUM('a') and ENUM('A') are different types.
  const rendered = splitStrings(renderColumnType(dialect, type))
    .map((part) => (part.literal ? part.text : part.text.toUpperCase().replace(/\s+/g, ' ')))
    .join('')
    .trim();
  const match = /^([A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)*)\s*(?:\(([^)]*)\))?\s*(.*)$/.exec(rendered);
  if (match === null) return rendered;
  const [, spelled = '', rawArgs, spelledTail = ''] = match;
  // `INT UNSIGNED`: attribute words are not part of the name.
  const attributes = /((?: (?:UNSIGNED|SIGNED|ZEROFILL))+)$/.exec(spelled);
  const rawName = attributes === null ? spelled : spelled.slice(0, attributes.index);
  const rawTail = attributes === null ? spelledTail : `${attributes[1]!.trim()} ${spelledTail}`;
  let name = TYPE_SYNONYMS[rawName] ?? rawName;
  if (dialect === 'postgresql') name = POSTGRES_SYNONYMS[name] ?? name;
  if (dialect === 'mysql') name = MYSQL_SYNONYMS[name] ?? name;
  if (dialect === 'sqlite') name = SQLITE_SYNONYMS[name] ?? name;
  let args = rawArgs === undefined ? [] : rawArgs.split(',').map((arg) => arg.trim());
  let tail = rawTail.trim();
  // PostgreSQL's `TIMESTAMP(3) WITHOUT TIME ZONE`: the argument sits before the zone words.
  if (dialect === 'postgresql' && (name === 'TIMESTAMP' || name === 'TIME') && tail !== '') {
    name = `${name} ${tail}`;
    tail = '';
  }
  if (dialect === 'mysql') {
    if (name === 'TINYINT' && args.length === 1 && args[0] === '1') return 'BOOLEAN';
    // Integer display widths (`INT(11)`) do not change what the column holds.
    if (MYSQL_INTEGER_TYPES.has(name)) args = [];
    if (name === 'NUMERIC') args = [args[0] ?? '10', args[1] ?? '0'];
    if (name === 'CHAR' && args.length === 0) args = ['1'];
  }
  if (dialect === 'postgresql') {
    if (name === 'NUMERIC' && args.length === 1) args = [args[0]!, '0'];
    if (name === 'CHAR' && args.length === 0) args = ['1'];
  }
  const withArgs = args.length === 0 ? name : `${name}(${args.join(',')})`;
  return tail === '' ? withArgs : `${withArgs} ${tail}`;
}

/** The neutral type a canonical type text stands for, to judge what a change does to stored values. */
export function neutralType(dialect: DialectName, type: ColumnType): ColumnType {
  const text = canonicalType(dialect, type);
  const match = /^([A-Z][A-Z ]*?)(?:\((\d+)(?:,(\d+))?\))?$/.exec(text);
  if (match === null) return { kind: 'raw', sql: text };
  const [, name, first, second] = match;
  const length = first === undefined ? undefined : Number(first);
  switch (name) {
    case 'VARCHAR':
      return length === undefined ? { kind: 'string' } : { kind: 'string', length };
    case 'TEXT':
    case 'MEDIUMTEXT':
    case 'LONGTEXT':
      return { kind: 'text' };
    case 'INTEGER':
      return { kind: 'integer' };
    case 'BIGINT':
      return { kind: 'bigint' };
    case 'SMALLINT':
      return { kind: 'smallint' };
    case 'BOOLEAN':
      return { kind: 'boolean' };
    case 'REAL':
    case 'FLOAT':
      return { kind: 'float' };
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
      return { kind: 'double' };
    case 'NUMERIC':
      return { kind: 'numeric', precision: length, scale: second === undefined ? undefined : Number(second) };
    case 'DATE':
      return { kind: 'date' };
    case 'TIME':
    case 'TIME WITHOUT TIME ZONE':
      return { kind: 'time' };
    case 'DATETIME':
    case 'TIMESTAMP WITHOUT TIME ZONE':
      return { kind: 'timestamp', withTimeZone: false };
    case 'TIMESTAMP WITH TIME ZONE':
      return { kind: 'timestamp', withTimeZone: true };
    case 'JSON':
      return { kind: 'json' };
    case 'JSONB':
      return { kind: 'jsonb' };
    case 'UUID':
      return { kind: 'uuid' };
    case 'BYTEA':
    case 'BLOB':
      return { kind: 'binary' };
    case 'VARBINARY':
      return length === undefined ? { kind: 'binary' } : { kind: 'binary', length };
    default:
      return { kind: 'raw', sql: text };
  }
}

/** Broad families of types, for "these two columns could be one column renamed" hints. */
export function typeFamily(dialect: DialectName, type: ColumnType): string {
  const neutral = neutralType(dialect, type);
  switch (neutral.kind) {
    case 'string':
    case 'text':
      return 'text';
    case 'integer':
    case 'bigint':
    case 'smallint':
      return 'integer';
    case 'float':
    case 'double':
    case 'numeric':
      return 'number';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'raw':
      return `raw:${neutral.sql}`;
    default:
      return neutral.kind;
  }
}

// ---- SQL fragments ----

/** Splits SQL text into string literals (kept whole, with their quotes) and the text between them. */
function splitStrings(text: string): { readonly literal: boolean; readonly text: string }[] {
  const parts: { literal: boolean; text: string }[] = [];
  let index = 0;
  let plain = '';
  while (index < text.length) {
    const char = text[index]!;
    if (char !== "'") {
      plain += char;
      index += 1;
      continue;
    }
    let end = index + 1;
    while (end < text.length) {
      if (text[end] === "'" && text[end + 1] === "'") end += 2;
      else if (text[end] === '\\' && end + 1 < text.length) end += 2;
      else if (text[end] === "'") break;
      else end += 1;
    }
    if (plain !== '') parts.push({ literal: false, text: plain });
    plain = '';
    parts.push({ literal: true, text: text.slice(index, end + 1) });
    index = end + 1;
  }
  if (plain !== '') parts.push({ literal: false, text: plain });
  return parts;
}

/** A PostgreSQL cast suffix: `::numeric`, `::character varying(20)`, `::text[]`, `::"my type"`. */
const CAST =
  /::\s*(?:"[^"]*"|[a-z_][a-z0-9_]*(?:\s+(?:varying|precision|with|without|time|zone))*)(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*/gi;

/** MySQL writes string literals in conditions with a character-set introducer: `_utf8mb4'x'`. */
const CHARSET_INTRODUCER = /_[a-z0-9]+\s*$/i;

/** An operand of BETWEEN: a literal, a number, or a name or call (one level of parentheses). */
const OPERAND = String.raw`(?:_[a-z0-9]+\s*)?'(?:[^']|'')*'|[-+]?\d+(?:\.\d+)?|[\w."\x60$]+(?:\s*\([^()]*\))?`;
const BETWEEN = new RegExp(
  String.raw`(${OPERAND})\s+(not\s+)?between\s+(${OPERAND})\s+and\s+(${OPERAND})`,
  'gi',
);

/**
 * PostgreSQL stores `x BETWEEN a AND b` as `x >= a AND x <= b` (and NOT BETWEEN as `x < a OR
 * x > b`); the other databases keep the text. Both sides are written the expanded way.
 */
function expandBetween(text: string): string {
  return text.replace(
    BETWEEN,
    (_match, operand: string, not: string | undefined, low: string, high: string) =>
      not === undefined
        ? `${operand} >= ${low} AND ${operand} <= ${high}`
        : `${operand} < ${low} OR ${operand} > ${high}`,
  );
}

/**
 * Canonical text of a condition or expression: casts, identifier quotes, parentheses and
 * whitespace removed, everything outside string literals lower-cased, and the rewrites the
 * databases make folded back (`= ANY (ARRAY[…])` is `IN (…)`, `~~` is LIKE and `~~*` ILIKE,
 * BETWEEN is two comparisons; MariaDB's `octet_length`, `lcase`, `ucase` are `length`, `lower`,
 * `upper`).
 */
export function canonicalSql(text: string): string {
  const parts = splitStrings(expandBetween(text.trim()));
  const folded = parts.map((part, index) => {
    if (part.literal) {
      // PostgreSQL prints a negative number as a cast string: `'-100'::integer`.
      const next = parts[index + 1];
      const number = canonicalNumber(part.text.slice(1, -1).trim());
      return number !== undefined && next !== undefined && /^\s*::/.test(next.text) ? number : part.text;
    }
    let plain = part.text.toLowerCase().replace(CAST, '');
    if (parts[index + 1]?.literal) plain = plain.replace(CHARSET_INTRODUCER, '');
    return plain
      .replace(/["`]/g, '')
      .replace(/\boctet_length\b/g, 'length')
      .replace(/\blcase\b/g, 'lower')
      .replace(/\bucase\b/g, 'upper')
      .replace(/!~~\*/g, ' not ilike ')
      .replace(/~~\*/g, ' ilike ')
      .replace(/!~~/g, ' not like ')
      .replace(/~~/g, ' like ')
      .replace(/[()\s]/g, '');
  });
  return folded
    .join('')
    .replace(/=any\s*array\[([^\]]*)\]/g, 'in$1')
    .replace(/<>all\s*array\[([^\]]*)\]/g, 'notin$1')
    .replace(/!=/g, '<>');
}

/** Canonical text of an index element: a column's name, or an expression's canonical SQL. */
export function canonicalIndexElement(element: IndexElement): string {
  return typeof element === 'string' ? element.toLowerCase() : canonicalSql(element.sql);
}

// ---- server defaults ----

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** `1`, `1.0`, `+1.00`, `01` are one number: written without sign noise or trailing zeros. */
function canonicalNumber(text: string): string | undefined {
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent] = match;
  if (whole === '' && fraction === '') return undefined;
  if (exponent !== undefined) return String(Number(text));
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  const body = decimals === '' ? integer : `${integer}.${decimals}`;
  return body === '0' || sign !== '-' ? body : `-${body}`;
}

const CURRENT_TIMESTAMP = /^(?:now|current_timestamp|localtimestamp|transaction_timestamp)(?:\(\s*\))?$/;
/** MariaDB prints CURRENT_DATE and CURRENT_TIME as `curdate()` and `curtime()`. */
const CURRENT_DATE = /^(?:current_date|curdate)(?:\(\s*\))?$/;
const CURRENT_TIME = /^(?:current_time|curtime)(?:\(\s*\))?$/;

/** Removes a pair of parentheses that encloses the whole text, if there is one. */
function unwrapParentheses(text: string): string | undefined {
  if (!text.startsWith('(') || !text.endsWith(')')) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === "'") inString = !inString;
    if (inString) continue;
    if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0 && index !== text.length - 1) return undefined;
    }
  }
  return text.slice(1, -1).trim();
}

/**
 * The canonical text of a server default, or null for none. `textual` says whether the column
 * holds text: only then is a quoted number (`'1'`) kept distinct from the number itself, which
 * SQLite and MariaDB report for numeric columns.
 */
export function canonicalDefault(
  dialect: DialectName,
  value: ServerDefault | null,
  textual: boolean,
): string | null {
  if (value === null) return null;
  let text = renderServerDefault(dialect, value).trim();
  for (;;) {
    const uncast = text.replace(
      /\s*::\s*[a-z_][a-z0-9_ ]*(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*\s*$/i,
      '',
    );
    const unwrapped = unwrapParentheses(uncast) ?? uncast;
    if (unwrapped === text) break;
    text = unwrapped;
  }
  if (/^null$/i.test(text)) return null;
  const literal = /^'((?:[^']|'')*)'$/s.exec(text);
  if (literal !== null) {
    const inner = literal[1]!.replaceAll("''", "'");
    if (!textual) {
      const number = canonicalNumber(inner.trim());
      if (number !== undefined) return number;
    }
    return `'${inner.replaceAll("'", "''")}'`;
  }
  const number = canonicalNumber(text);
  if (number !== undefined) return number;
  const lowered = text.toLowerCase();
  if (lowered === 'true') return '1';
  if (lowered === 'false') return '0';
  const compact = lowered.replace(/\s+/g, '');
  if (CURRENT_TIMESTAMP.test(compact)) return 'current_timestamp';
  if (CURRENT_DATE.test(compact)) return 'current_date';
  if (CURRENT_TIME.test(compact)) return 'current_time';
  return canonicalSql(text);
}

/** Whether a column of this type holds text, for `canonicalDefault`. */
export function isTextual(dialect: DialectName, type: ColumnType): boolean {
  const neutral = neutralType(dialect, type);
  if (neutral.kind === 'string' || neutral.kind === 'text' || neutral.kind === 'uuid') return true;
  return neutral.kind === 'raw' && /CHAR|TEXT|CLOB|ENUM|SET/.test(neutral.sql);
}

/** MySQL reports "no comment" as the empty string. */
export function canonicalComment(comment: string | null): string | null {
  return comment === null || comment === '' ? null : comment;
}
