import type { TableModel } from '../model.js';
import type { CatalogRow } from './connection.js';
import type { TableFilter } from './filter.js';

/** Runs one catalog query; failures come back as `IntrospectionFailedError`. */
export type CatalogQuery = (sql: string, parameters?: readonly unknown[]) => Promise<readonly CatalogRow[]>;

/**
 * One database's reflection of a whole schema. Implementations send the same number of catalog
 * queries whatever the number of tables (one per kind of object, over every table at once), so
 * a schema of thousands of tables costs a handful of round trips.
 */
export interface IntrospectionDialect {
  /** Every table `keep` accepts, sorted by name, with its lists sorted by name. */
  readTables(query: CatalogQuery, keep: TableFilter): Promise<TableModel[]>;
}
