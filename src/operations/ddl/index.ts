import type { DialectName } from '../../dialect.js';
import { MysqlDdl } from './mysql.js';
import { PostgresDdl } from './postgresql.js';
import type { DdlRenderer } from './renderer.js';
import { SqliteDdl } from './sqlite.js';

export function ddlFor(dialect: DialectName, serverVersion: string | null): DdlRenderer {
  if (dialect === 'sqlite') return new SqliteDdl(serverVersion);
  if (dialect === 'postgresql') return new PostgresDdl(serverVersion);
  return new MysqlDdl(serverVersion);
}

export type { AlterColumnChanges, CatalogColumn, DdlRenderer } from './renderer.js';
