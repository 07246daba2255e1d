/**
 * Quoting and parameter handling in SQL text, per dialect. Identifiers are quoted only when they
 * must be, by SQLAlchemy's rule: SQLite keeps the DDL text as written, and SQLAlchemy 1.4's SQLite
 * reflection reads a quoted constraint name as no name, so a database ambix writes must read to
 * Alembic exactly as one Alembic wrote.
 */
import type { DialectName } from '../../dialect.js';
import { RESERVED_WORDS } from './reserved-words.js';

/**
 * Whether a name must be quoted to keep it as written: a reserved word, any upper-case letter (bare
 * names fold case), a character other than letters, digits, `_` and `$`, or a leading digit or `$`.
 */
export function requiresQuotes(dialect: DialectName, name: string): boolean {
  return !/^[a-z_][a-z0-9_$]*$/.test(name) || RESERVED_WORDS[dialect].has(name);
}

export function quoteIdentifier(dialect: DialectName, name: string): string {
  if (!requiresQuotes(dialect, name)) return name;
  if (dialect === 'mysql') return `\`${name.replaceAll('`', '``')}\``;
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteString(dialect: DialectName, value: string): string {
  // MySQL treats backslash as an escape inside string literals unless NO_BACKSLASH_ESCAPES is set.
  const escaped = dialect === 'mysql' ? value.replaceAll('\\', '\\\\') : value;
  return `'${escaped.replaceAll("'", "''")}'`;
}

/** A value written as an SQL literal, for offline scripts where nothing can be bound. */
export function renderLiteral(dialect: DialectName, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') {
    if (dialect === 'postgresql') return value ? 'true' : 'false';
    return value ? '1' : '0';
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return quoteString(dialect, formatTimestamp(value));
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString('hex');
    return dialect === 'postgresql' ? `'\\x${hex}'::bytea` : `X'${hex}'`;
  }
  if (typeof value === 'string') return quoteString(dialect, value);
  return quoteString(dialect, JSON.stringify(value));
}

/** A Date as SQL timestamp text in UTC (`2024-10-23 03:00:00.000`), the way SQLite stores them. */
export function formatTimestamp(value: Date): string {
  return value.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Visits SQL text outside string literals, quoted identifiers and comments, so placeholders are
 * found only where they are placeholders.
 */
function mapCode(text: string, mapPlain: (plain: string) => string): string {
  let out = '';
  let plainStart = 0;
  let index = 0;
  const flushPlain = (end: number) => {
    out += mapPlain(text.slice(plainStart, end));
  };
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    let end = -1;
    if (char === "'" || char === '"' || char === '`') {
      end = index + 1;
      while (end < text.length) {
        if (text[end] === char) {
          if (text[end + 1] === char) end += 2;
          else break;
        } else if (text[end] === '\\' && char === "'") end += 2;
        else end += 1;
      }
      end += 1;
    } else if (char === '-' && next === '-') {
      end = text.indexOf('\n', index);
      end = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      end = text.indexOf('*/', index + 2);
      end = end === -1 ? text.length : end + 2;
    }
    if (end === -1) {
      index += 1;
      continue;
    }
    flushPlain(index);
    out += text.slice(index, end);
    index = end;
    plainStart = end;
  }
  flushPlain(text.length);
  return out;
}

/**
 * Rewrites `:name` placeholders into the dialect's positional ones (`$1` on PostgreSQL, `?`
 * elsewhere) and returns the values in order. `::` casts are left alone.
 */
export function bindNamedParameters(
  dialect: DialectName,
  text: string,
  values: Readonly<Record<string, unknown>>,
): { sql: string; parameters: unknown[]; missing: string[] } {
  const parameters: unknown[] = [];
  const missing: string[] = [];
  const sql = mapCode(text, (plain) =>
    plain.replace(
      /(::)|(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g,
      (match, cast: string | undefined, name: string) => {
        if (cast !== undefined) return match;
        if (!Object.hasOwn(values, name)) missing.push(name);
        parameters.push(values[name]);
        return dialect === 'postgresql' ? `$${parameters.length}` : '?';
      },
    ),
  );
  return { sql, parameters, missing };
}

/** Replaces the dialect's positional placeholders with literals, for offline scripts. */
export function inlineParameters(dialect: DialectName, text: string, parameters: readonly unknown[]): string {
  let position = 0;
  return mapCode(text, (plain) => {
    if (dialect === 'postgresql') {
      return plain.replace(/\$(\d+)/g, (_match, digits: string) =>
        renderLiteral(dialect, parameters[Number(digits) - 1]),
      );
    }
    return plain.replace(/\?/g, () => renderLiteral(dialect, parameters[position++]));
  });
}
