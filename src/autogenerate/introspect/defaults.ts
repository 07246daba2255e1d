/**
 * Server defaults as catalogs print them → the neutral `ServerDefault`: plain literals become
 * strings, numbers and booleans (PostgreSQL's casts stripped), the current-timestamp spellings
 * become `now()`, and anything else is kept as an SQL expression.
 */
import { type ColumnType, type ServerDefault, sqlExpression } from '../../operations/types.js';
import { isNumberType } from './column-types.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const CURRENT_TIMESTAMP = /^(?:current_timestamp(?:\s*\(\s*\))?|now\s*\(\s*\))$/i;
/** One `::type` cast, as PostgreSQL prints it: `::character varying`, `::numeric(10,2)`, `::text[]`. */
const CAST = /^::(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_ ]*)(?:\(\d+(?:,\s*\d+)*\))?(?:\[\])*/i;

/** `'it''s'` → `it's` when the whole text is one quoted literal; null otherwise. */
function quotedLiteral(sql: string): { value: string; rest: string } | null {
  if (!sql.startsWith("'")) return null;
  let position = 1;
  let value = '';
  while (position < sql.length) {
    const char = sql[position]!;
    if (char === "'") {
      if (sql[position + 1] === "'") {
        value += "'";
        position += 2;
        continue;
      }
      return { value, rest: sql.slice(position + 1) };
    }
    value += char;
    position += 1;
  }
  return null;
}

/** Strips trailing `::type` casts; null when something other than casts follows. */
function withoutCasts(rest: string): string | null {
  let remaining = rest;
  while (remaining !== '') {
    const cast = CAST.exec(remaining);
    if (cast === null) return null;
    remaining = remaining.slice(cast[0].length);
  }
  return remaining;
}

/** A literal's value typed by its column: numbers for number columns, booleans for boolean ones. */
function typedLiteral(value: string, type: ColumnType): ServerDefault {
  if (isNumberType(type) && NUMBER.test(value)) return Number(value);
  if (type.kind === 'boolean' && (value === '0' || value === '1')) return value === '1';
  return value;
}

function bareValue(sql: string, type: ColumnType): ServerDefault | null | undefined {
  if (NUMBER.test(sql)) {
    if (type.kind === 'boolean' && (sql === '0' || sql === '1')) return sql === '1';
    return Number(sql);
  }
  if (/^true$/i.test(sql)) return true;
  if (/^false$/i.test(sql)) return false;
  if (/^null$/i.test(sql)) return null;
  if (CURRENT_TIMESTAMP.test(sql)) return { kind: 'now' };
  return undefined;
}

/** SQLite's `dflt_value`: the default's text as written (outer parentheses removed). */
export function sqliteDefault(reported: string | null, type: ColumnType): ServerDefault | null {
  if (reported === null) return null;
  const sql = reported.trim();
  const quoted = quotedLiteral(sql);
  if (quoted !== null && quoted.rest.trim() === '') return quoted.value;
  const bare = bareValue(sql, type);
  return bare === undefined ? sqlExpression(sql) : bare;
}

/** PostgreSQL's `pg_get_expr(adbin, adrelid)`: literals carry casts (`'x'::character varying`). */
export function postgresqlDefault(reported: string | null, type: ColumnType): ServerDefault | null {
  if (reported === null) return null;
  const sql = reported.trim();
  const quoted = quotedLiteral(sql);
  if (quoted !== null && withoutCasts(quoted.rest) === '') return typedLiteral(quoted.value, type);
  const castAt = sql.indexOf('::');
  if (castAt > 0 && withoutCasts(sql.slice(castAt)) === '') {
    const bare = bareValue(sql.slice(0, castAt), type);
    if (bare !== undefined) return bare;
  }
  const bare = bareValue(sql, type);
  return bare === undefined ? sqlExpression(sql) : bare;
}

/** MariaDB's escapes in a printed literal (`\\`, `\n`, `\r`, `\0`, `\Z`); quotes come doubled. */
const MARIADB_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', '0': '\0', Z: '\x1a' };

function mariadbUnescaped(value: string): string {
  return value.replace(/\\(.)/gs, (_match, char: string) => MARIADB_ESCAPES[char] ?? char);
}

/**
 * MySQL/MariaDB's `COLUMN_DEFAULT`. MariaDB quotes literal strings (`'x'`) and prints expressions
 * bare, with `NULL` for no default; MySQL 8 prints literals unquoted and marks expressions with
 * `DEFAULT_GENERATED` in EXTRA.
 */
export function mysqlDefault(
  reported: string | null,
  extra: string,
  type: ColumnType,
  mariadb: boolean,
): ServerDefault | null {
  if (reported === null) return null;
  const sql = reported.trim();
  if (mariadb) {
    if (sql === 'NULL') return null;
    const quoted = quotedLiteral(sql);
    if (quoted !== null && quoted.rest === '') return typedLiteral(mariadbUnescaped(quoted.value), type);
    const bare = bareValue(sql, type);
    return bare === undefined ? sqlExpression(sql) : bare;
  }
  if (/DEFAULT_GENERATED/i.test(extra)) {
    return CURRENT_TIMESTAMP.test(sql) ? { kind: 'now' } : sqlExpression(sql);
  }
  return typedLiteral(reported, type);
}
