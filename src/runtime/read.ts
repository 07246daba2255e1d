import { existsSync } from 'node:fs';
import type { VersionTableRef } from '../dialects/adapter.js';
import { connect, type Session } from './session.js';
import { parseDatabaseUrl } from './url.js';
import { readVersionRows, type VersionState, VersionTableSql } from './version-table.js';

export interface DatabaseTarget {
  readonly url: string;
  /** Base for relative SQLite paths (default: `process.cwd()`). */
  readonly cwd?: string;
  readonly versionTable: VersionTableRef;
}

async function withSession<T>(
  target: DatabaseTarget,
  work: (session: Session, sql: VersionTableSql) => Promise<T>,
) {
  const session = await connect(parseDatabaseUrl(target.url, target.cwd));
  try {
    return await work(session, new VersionTableSql(session.adapter, target.versionTable));
  } finally {
    await session.close();
  }
}

/**
 * The version rows, read with one SELECT; creates nothing, locks nothing. A SQLite file that does
 * not exist reads as an empty database instead of being created by opening it.
 */
export async function readVersionState(target: DatabaseTarget): Promise<VersionState> {
  const spec = parseDatabaseUrl(target.url, target.cwd);
  if (spec.dialect === 'sqlite' && spec.filename !== ':memory:' && !existsSync(spec.filename)) {
    return { exists: false, rows: [] };
  }
  return withSession(target, (session, sql) => readVersionRows(session, sql));
}

/** Creates the version table when it is absent (`ensure-version`); says whether it did. */
export function ensureVersionTable(target: DatabaseTarget): Promise<{ readonly created: boolean }> {
  return withSession(target, async (session, sql) => {
    const state = await readVersionRows(session, sql);
    if (state.exists) return { created: false };
    await session.execute(sql.create({ ifNotExists: true }));
    return { created: true };
  });
}
