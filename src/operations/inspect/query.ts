import { kyselyLibrary } from '../../kysely.js';
import type { MigrationContext } from '../context.js';
import { OperationFailedError } from '../errors.js';

/** The operation name catalog failures carry until the caller names the real operation. */
export const CATALOG_READ = 'catalog read';

export type Row = Record<string, unknown>;

/** Runs one catalog query on the migration's connection. */
export type CatalogQuery = (sql: string, parameters?: readonly unknown[]) => Promise<Row[]>;

/**
 * Reads go through `context.db` rather than `context.run`: `run` is the channel for the
 * migration's own statements (recorded, reported on failure), and catalog reads are not those.
 */
export function catalogQuery(context: MigrationContext): CatalogQuery {
  return async (sql, parameters = []) => {
    try {
      const result = await context.db.executeQuery<Row>(
        kyselyLibrary().CompiledQuery.raw(sql, [...parameters]),
      );
      return [...result.rows];
    } catch (error) {
      throw new OperationFailedError(context, CATALOG_READ, sql, error);
    }
  };
}

/** Runs `work`, naming `operation` in a catalog read's failure. */
export async function naming<T>(
  context: MigrationContext,
  operation: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OperationFailedError && error.operation === CATALOG_READ) {
      throw new OperationFailedError(context, operation, error.sql, error.cause);
    }
    throw error;
  }
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}

export function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** Sorts named entries by name, unnamed ones last in their original order. */
export function byName<T extends { readonly name: string | null }>(entries: readonly T[]): T[] {
  const named = entries.filter((entry) => entry.name !== null);
  const unnamed = entries.filter((entry) => entry.name === null);
  named.sort((left, right) => (left.name! < right.name! ? -1 : left.name! > right.name! ? 1 : 0));
  return [...named, ...unnamed];
}

/**
 * A type name in the canonical spelling: upper case and `, ` between arguments, except inside
 * quoted literals (MySQL `enum('a,b')` values keep their case and commas).
 */
export function canonicalTypeName(type: string): string {
  return type
    .split(/('(?:[^']|'')*')/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/,(?! )/g, ', ').toUpperCase()))
    .join('');
}
