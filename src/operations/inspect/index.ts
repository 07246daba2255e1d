import type { MigrationContext } from '../context.js';
import { OfflineNotSupportedError } from '../errors.js';
import { TableNotFoundError } from './errors.js';
import { mysqlReader } from './mysql.js';
import { postgresqlReader } from './postgresql.js';
import { catalogQuery, naming } from './query.js';
import type { CatalogReader } from './reader.js';
import { sqliteReader } from './sqlite.js';
import type { Inspector } from './types.js';

export { TableNotFoundError } from './errors.js';
export type * from './types.js';

/**
 * `op.inspect` for one migration. It reads the live catalog on every call, so it cannot work
 * offline: each method then fails naming the revision.
 */
export function createInspector(context: MigrationContext): Inspector {
  const location = { revision: context.revision, revisionPath: context.revisionPath };
  let reader: CatalogReader | undefined;

  /** Runs one reflection call with its checks: online only, and (per table) the table exists. */
  function call<T>(
    method: string,
    table: string | undefined,
    work: (live: CatalogReader) => Promise<T>,
    options: { mustExist: boolean } = { mustExist: true },
  ): Promise<T> {
    const operation = `op.inspect.${method}(${table ?? ''})`;
    return naming(context, operation, async () => {
      if (context.offline) throw new OfflineNotSupportedError(location, operation);
      reader ??= readerFor(context);
      if (table !== undefined && options.mustExist && !(await reader.hasTable(table))) {
        throw new TableNotFoundError(location, operation, table);
      }
      return work(reader);
    });
  }

  return {
    hasTable: (table) => call('hasTable', table, (live) => live.hasTable(table), { mustExist: false }),
    getTables: () => call('getTables', undefined, (live) => live.getTables()),
    getColumns: (table) => call('getColumns', table, (live) => live.getColumns(table)),
    getIndexes: (table) => call('getIndexes', table, (live) => live.getIndexes(table)),
    getPrimaryKey: (table) => call('getPrimaryKey', table, (live) => live.getPrimaryKey(table)),
    getUniqueConstraints: (table) =>
      call('getUniqueConstraints', table, (live) => live.getUniqueConstraints(table)),
    getForeignKeys: (table) => call('getForeignKeys', table, (live) => live.getForeignKeys(table)),
    getCheckConstraints: (table) =>
      call('getCheckConstraints', table, (live) => live.getCheckConstraints(table)),
  };
}

function readerFor(context: MigrationContext): CatalogReader {
  const query = catalogQuery(context);
  switch (context.dialect) {
    case 'sqlite':
      return sqliteReader(query);
    case 'postgresql':
      return postgresqlReader(query);
    case 'mysql':
      return mysqlReader(query, /mariadb/i.test(context.serverVersion ?? ''));
  }
}
