/**
 * Reflection of a whole live schema into the `SchemaModel` autogenerate compares: the current
 * schema on PostgreSQL, the current database on MySQL/MariaDB, the main database on SQLite. Each
 * dialect reads it in a fixed number of catalog queries, however many tables there are.
 */
import type { SchemaModel, TableModel } from '../model.js';
import type { CatalogConnection } from './connection.js';
import type { CatalogQuery, IntrospectionDialect } from './dialect.js';
import { IntrospectionFailedError } from './errors.js';
import { type TableFilterOptions, tableFilter } from './filter.js';
import { mysqlIntrospection } from './mysql.js';
import { postgresqlIntrospection } from './postgresql.js';
import { byName, compareNames, text } from './rows.js';
import { sqliteIntrospection } from './sqlite.js';

export { type CatalogConnection, type CatalogRow, type SessionLike, sessionCatalog } from './connection.js';
export { IntrospectionFailedError, UnreadableTableDefinitionError } from './errors.js';
export { globPattern, type TableFilterOptions } from './filter.js';

export type IntrospectOptions = TableFilterOptions;

/**
 * The schema of the database `connection` is on, as a `SchemaModel`: tables sorted by name,
 * columns in table order, every other list sorted by name (unnamed entries last). Tables the
 * options filter out, ambix's own tables and the database's internals are not in it.
 */
export async function introspect(
  connection: CatalogConnection,
  options: IntrospectOptions = {},
): Promise<SchemaModel> {
  const query = failingAsIntrospection(connection);
  const dialect = await dialectFor(connection, query);
  const tables = await dialect.readTables(query, tableFilter(options));
  return { tables: tables.map(sortedLists).sort((left, right) => compareNames(left.name, right.name)) };
}

async function dialectFor(connection: CatalogConnection, query: CatalogQuery): Promise<IntrospectionDialect> {
  switch (connection.dialect) {
    case 'sqlite':
      return sqliteIntrospection;
    case 'postgresql':
      return postgresqlIntrospection;
    case 'mysql':
      // MariaDB and MySQL 8 differ in a few catalog columns.
      return mysqlIntrospection(/mariadb/i.test(await serverVersion(connection, query)));
  }
}

async function serverVersion(connection: CatalogConnection, query: CatalogQuery): Promise<string> {
  if (connection.serverVersion !== undefined && connection.serverVersion !== null) {
    return connection.serverVersion;
  }
  const [row] = await query('select version() as version');
  return text(row?.version ?? '');
}

function failingAsIntrospection(connection: CatalogConnection): CatalogQuery {
  return async (sql, parameters = []) => {
    try {
      return await connection.query(sql, parameters);
    } catch (error) {
      throw new IntrospectionFailedError(connection.dialect, sql, error);
    }
  };
}

/** Every list by name (unnamed entries last), in byte order whatever the catalog's collation. */
function sortedLists(table: TableModel): TableModel {
  return {
    ...table,
    uniqueConstraints: byName(table.uniqueConstraints),
    foreignKeys: byName(table.foreignKeys),
    indexes: byName(table.indexes),
    checkConstraints: byName(table.checkConstraints),
  };
}
