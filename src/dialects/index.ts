import type { DialectName } from '../dialect.js';
import type { DialectAdapter } from './adapter.js';
import { mysqlAdapter } from './mysql/adapter.js';
import { postgresqlAdapter } from './postgresql/adapter.js';
import { sqliteAdapter } from './sqlite/adapter.js';

const ADAPTERS: Record<DialectName, DialectAdapter> = {
  sqlite: sqliteAdapter,
  postgresql: postgresqlAdapter,
  mysql: mysqlAdapter,
};

export function adapterFor(dialect: DialectName): DialectAdapter {
  return ADAPTERS[dialect];
}

export type { DialectAdapter, MigrationLock, VersionTableRef } from './adapter.js';
