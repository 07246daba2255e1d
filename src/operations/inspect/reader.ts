import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from './types.js';

/**
 * One database's catalog queries. The per-table methods may assume the table exists: the
 * inspector checks that first, so every dialect reports a missing table the same way.
 */
export interface CatalogReader {
  hasTable(table: string): Promise<boolean>;
  getTables(): Promise<string[]>;
  getColumns(table: string): Promise<ReflectedColumn[]>;
  getIndexes(table: string): Promise<ReflectedIndex[]>;
  getPrimaryKey(table: string): Promise<ReflectedPrimaryKey>;
  getUniqueConstraints(table: string): Promise<ReflectedUniqueConstraint[]>;
  getForeignKeys(table: string): Promise<ReflectedForeignKey[]>;
  getCheckConstraints(table: string): Promise<ReflectedCheckConstraint[]>;
}
