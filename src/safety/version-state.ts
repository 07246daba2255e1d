import type { VersionTableRef } from '../dialects/adapter.js';
import type { Session } from '../runtime/session.js';
import { describeConnection } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import type { VersionRowsState } from '../script/version-diagnosis.js';

const USER_TABLES: Record<Session['spec']['dialect'], string> = {
  sqlite:
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
  postgresql:
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
  mysql:
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
};

/**
 * The version table as `diagnoseVersionRows` needs it: its rows, whether it exists and, only when
 * it does not, the database's other tables (a schema without a version table is not an empty
 * database). Reads only.
 */
export async function readVersionRowsState(
  session: Session,
  versionTable: VersionTableRef,
  ambixTables: readonly (string | null)[],
): Promise<VersionRowsState> {
  const state = await readVersionRows(session, new VersionTableSql(session.adapter, versionTable));
  const own = new Set(
    [versionTable.name, ...ambixTables]
      .filter((name): name is string => name !== null)
      .map((name) => name.toLowerCase()),
  );
  const otherTables = state.exists
    ? []
    : (await session.execute(USER_TABLES[session.spec.dialect])).rows
        .map((row) => String(row.name))
        .filter((name) => !own.has(name.toLowerCase()));
  return {
    database: describeConnection(session.spec),
    databaseExists: true,
    tableExists: state.exists,
    rows: state.rows,
    otherTables,
  };
}
