import type { DialectName } from '../../dialect.js';
import type { DialectAdapter } from './adapter.js';
import { mysqlAdapter } from './mysql.js';
import { postgresqlAdapter } from './postgresql.js';
import { sqliteAdapter } from './sqlite.js';

const ADAPTERS: Record<DialectName, DialectAdapter> = {
  sqlite: sqliteAdapter,
  postgresql: postgresqlAdapter,
  mysql: mysqlAdapter,
};

export function adapterFor(dialect: DialectName): DialectAdapter {
  return ADAPTERS[dialect];
}

export type { DialectAdapter, MigrationLock, VersionTableRef } from './adapter.js';
