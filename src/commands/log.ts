import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readHistory } from '../safety/history/record.js';
import type { HistoryRow } from '../safety/history/table.js';
import { connectIfExists } from '../safety/live-database.js';
import { requireUrl } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';

export interface LogOptions extends ProjectOptions {
  /** At most this many rows, newest first (default: all). */
  readonly limit?: number;
  /** The history table's name (default: the config's `historyTable`, `ambix_history`). */
  readonly historyTable?: string;
}

export interface LogResult {
  readonly url: string;
  /** Null when the config turned the history off (`historyTable: false`). */
  readonly table: string | null;
  /** False when no command has written history to this database yet (e.g. an Alembic-managed one). */
  readonly exists: boolean;
  readonly rows: readonly HistoryRow[];
}

/** `ambix log`: what ran on this database, newest first, from the history table. Reads only. */
export async function log(options: LogOptions): Promise<LogResult> {
  const { config } = await loadProject(options);
  const url = requireUrl(config);
  const table = options.historyTable ?? config.historyTable;
  if (table === null) return { url: redactUrl(url), table, exists: false, rows: [] };
  const session = await connectIfExists(parseDatabaseUrl(url, options.cwd));
  try {
    const rows =
      session === null ? null : await readHistory(session, { table, limit: options.limit ?? null });
    return { url: redactUrl(url), table, exists: rows !== null, rows: rows ?? [] };
  } finally {
    await session?.close();
  }
}
