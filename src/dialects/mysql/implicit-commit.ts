/**
 * Which statements make MySQL/MariaDB commit the open transaction, as their manuals list them
 * ("Statements That Cause an Implicit Commit"). Such a statement commits everything before it
 * as it starts, and itself once it ends; the runtime opens a new transaction after each one that
 * succeeds, and the failure report counts what they committed.
 */
const IMPLICIT_COMMIT_STATEMENTS: readonly RegExp[] = [
  // Data definition, except on temporary tables, which commit nothing.
  /^(CREATE|DROP)\s+(?!TEMPORARY\b)/,
  /^(ALTER|RENAME|TRUNCATE)\b/,
  // Accounts and privileges.
  /^(GRANT|REVOKE)\b/,
  /^SET\s+PASSWORD\b/,
  // Table maintenance and caches.
  /^(ANALYZE|CHECK|OPTIMIZE|REPAIR)\s+(NO_WRITE_TO_BINLOG\s+|LOCAL\s+)?TABLES?\b/,
  /^(CACHE\s+INDEX|LOAD\s+INDEX\s+INTO\s+CACHE|FLUSH|RESET)\b/,
  // Locking, and switching autocommit back on. (A revision's own START TRANSACTION commits too,
  // but the runtime issues that one itself and never lets a revision's be confused with it.)
  /^(LOCK\s+TABLES?|UNLOCK\s+TABLES?)\b/,
  /^SET\s+(@@(SESSION\.)?|SESSION\s+)?AUTOCOMMIT\s*=\s*(1|ON|TRUE)\b/,
];

/** Leading comments and blank space, which a revision's statement may start with. */
const LEADING_NOISE = /^(\s+|--[^\n]*\n?|#[^\n]*\n?|\/\*(?!!)[\s\S]*?\*\/)*/;

/** True when `sql` makes MySQL/MariaDB commit the open transaction before it runs. */
export function causesImplicitCommit(sql: string): boolean {
  const statement = sql.replace(LEADING_NOISE, '').toUpperCase();
  return IMPLICIT_COMMIT_STATEMENTS.some((pattern) => pattern.test(statement));
}

/**
 * Whether the runtime may open a new transaction right after `sql` committed: not after LOCK
 * TABLES, whose locks a START TRANSACTION would release.
 */
export function mayReopenAfter(sql: string): boolean {
  return !/^LOCK\b/.test(sql.replace(LEADING_NOISE, '').toUpperCase());
}

/** MySQL's "You have an error in your SQL syntax": raised before execution, so nothing commits. */
export const MYSQL_PARSE_ERROR = '1064';
