import type { Inspector } from '../operations/inspect/types.js';

/**
 * The schema a simulation without a database shows: nothing exists yet. Guards such as "add the
 * column unless it is there" then take the path that changes the most, which is the one worth
 * classifying.
 */
export const emptyInspector: Inspector = {
  hasTable: async () => false,
  getTables: async () => [],
  getColumns: async () => [],
  getIndexes: async () => [],
  getPrimaryKey: async () => ({ name: null, columns: [] }),
  getUniqueConstraints: async () => [],
  getForeignKeys: async () => [],
  getCheckConstraints: async () => [],
};
