import type { Inspector } from './types.js';

/**
 * One database's catalog queries: the `Inspector` interface itself. The per-table methods may
 * assume the table exists: the inspector checks that first, so every dialect reports a missing
 * table the same way.
 */
export type CatalogReader = Inspector;
