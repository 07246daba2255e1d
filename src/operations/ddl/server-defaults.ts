import type { DialectName } from '../../dialect.js';
import type { ServerDefault } from '../types.js';
import { quoteString } from './sql-text.js';

/** Text SQLite and MySQL accept after DEFAULT without parentheses: a literal or a current-time keyword. */
const BARE_DEFAULT =
  /^(?:'(?:[^']|'')*'|[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|\(.*\))$/is;

/** MySQL also takes its current-time functions bare (and only those, for DATETIME columns). */
const MYSQL_BARE_FUNCTION = /^(?:current_timestamp|now|localtimestamp|localtime)\s*\(\s*\d*\s*\)$/i;

/** The text after `DEFAULT` for a server default, per dialect. */
export function renderServerDefault(dialect: DialectName, value: ServerDefault): string {
  if (typeof value === 'string') return quoteString(dialect, value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') {
    // As SQLAlchemy writes `sa.true()`: parenthesised on SQLite, whose stored text shows it; MySQL's
    // `true` is its 1.
    if (dialect === 'sqlite') return value ? '(1)' : '(0)';
    return value ? 'true' : 'false';
  }
  if (value.kind === 'now') {
    if (dialect === 'postgresql') return 'now()';
    // SQLite stores a parenthesised default's inner text, so this reflects as CURRENT_TIMESTAMP.
    return dialect === 'sqlite' ? '(CURRENT_TIMESTAMP)' : 'CURRENT_TIMESTAMP';
  }
  const text = value.sql.trim();
  if (dialect === 'postgresql' || BARE_DEFAULT.test(text)) return value.sql;
  if (dialect === 'mysql' && MYSQL_BARE_FUNCTION.test(text)) return value.sql;
  // Any other expression must be parenthesised on SQLite and MySQL.
  return `(${value.sql})`;
}
