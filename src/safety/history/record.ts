import { hostname, userInfo } from 'node:os';
import { ambixVersion } from '../../package-info.js';
import { RecordingFailedError, TableShapeError } from '../../runtime/errors.js';
import type { Session } from '../../runtime/session.js';
import { loadedRevisionChecksum } from '../../script/revision-code.js';
import { revisionChecksum } from './checksum.js';
import {
  DEFAULT_HISTORY_TABLE,
  type HistoryDirection,
  type HistoryRow,
  HistoryTableSql,
  rowFromDatabase,
} from './table.js';

/** What the history needs from a connection: a Session, or anything shaped like one. */
export type HistoryConnection = Pick<Session, 'execute' | 'adapter'>;

let cachedUser: string | undefined;

/** Asked once per process: `userInfo()` reads the passwd database, too slow to repeat per step. */
function currentUser(): string {
  if (cachedUser !== undefined) return cachedUser;
  try {
    cachedUser = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the next best witness.
    cachedUser = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return cachedUser;
}

let cachedHost: string | undefined;

function currentHost(): string {
  cachedHost ??= hostname();
  return cachedHost;
}

export interface StepFacts {
  readonly revision: string;
  readonly direction: HistoryDirection;
  readonly started: Date;
  readonly durationMs: number;
  /**
   * The revision file; its checksum is that of the bytes the loader read to run it, or of the
   * file as it is now when this process did not load it. Null for stamps without one.
   */
  readonly path: string | null;
}

/** A history row for a step this process ran: host, user and version filled in. */
export function historyRow(facts: StepFacts): HistoryRow {
  return {
    revision: facts.revision,
    direction: facts.direction,
    startedAt: facts.started.toISOString(),
    durationMs: Math.round(facts.durationMs),
    host: currentHost(),
    user: currentUser(),
    ambixVersion: ambixVersion(),
    checksum:
      facts.path === null ? null : (loadedRevisionChecksum(facts.path) ?? revisionChecksum(facts.path)),
  };
}

/** Creates the history table when missing. Only commands that write call it. */
export async function ensureHistoryTable(connection: HistoryConnection, table?: string): Promise<void> {
  await connection.execute(new HistoryTableSql(connection.adapter, table).create());
}

/**
 * Writes one row, creating the table first if needed. Meant to run on the migration's own
 * connection right after the step's version-row change, so it commits (or rolls back) with it.
 */
export async function recordStep(
  connection: HistoryConnection,
  row: HistoryRow,
  table?: string,
  options: { readonly ensureTable?: boolean } = {},
): Promise<void> {
  await recordRows(connection, [row], table, options);
}

/** Rows per INSERT: far below every dialect's limit on bound parameters (8 per row). */
const ROWS_PER_INSERT = 100;

/** Writes `rows` in order, a hundred per statement, creating the table first if needed. */
export async function recordRows(
  connection: HistoryConnection,
  rows: readonly HistoryRow[],
  table?: string,
  options: { readonly ensureTable?: boolean } = {},
): Promise<void> {
  // A run creates the table once: on MySQL/MariaDB every CREATE TABLE commits implicitly.
  if (options.ensureTable !== false) await ensureHistoryTable(connection, table);
  const sql = new HistoryTableSql(connection.adapter, table);
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const batch = rows.slice(start, start + ROWS_PER_INSERT);
    const insert = sql.insert(batch);
    try {
      await connection.execute(insert.sql, insert.parameters);
    } catch (error) {
      // A history row is part of what a step leaves behind: failing to write it fails the step.
      throw new RecordingFailedError({
        table: sql.name,
        what: batch.length === 1 ? 'history row' : 'history rows',
        revisions: [...new Set(batch.map((row) => row.revision))],
        statement: insert.sql,
        databaseError: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
  }
}

/** What the history table must look like, for `TableShapeError`. */
export const HISTORY_TABLE_SHAPE =
  'the columns id, revision, direction, started_at, duration_ms, host, user_name, ambix_version, checksum, ' +
  'as ambix creates them';

/** The rows, newest first; null when the table does not exist (no command has written it yet). */
export async function readHistory(
  connection: HistoryConnection,
  options: { table?: string; limit?: number | null } = {},
): Promise<HistoryRow[] | null> {
  const sql = new HistoryTableSql(connection.adapter, options.table).select(options.limit ?? null);
  try {
    return (await connection.execute(sql)).rows.map(rowFromDatabase);
  } catch (error) {
    if (connection.adapter.isMissingTable(error)) return null;
    // Another tool's table of that name, or an older shape: say so instead of a driver error.
    const found = await connection.adapter
      .tableColumns(connection.execute, { name: options.table ?? DEFAULT_HISTORY_TABLE, schema: null })
      .catch(() => []);
    throw new TableShapeError({
      table: options.table ?? DEFAULT_HISTORY_TABLE,
      purpose: "ambix's history of what ran",
      expected: HISTORY_TABLE_SHAPE,
      found,
      databaseError: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
}
