import type { ColumnType } from '../operations/types.js';

/** How a type change treats the values already stored. */
export type TypeChange = 'widening' | 'narrowing' | 'unknown';

const INTEGER_WIDTH: Partial<Record<ColumnType['kind'], number>> = { smallint: 2, integer: 4, bigint: 8 };
const TEXTUAL = new Set<ColumnType['kind']>(['text', 'string']);

/**
 * Whether every value of `from` fits `to`. Only the changes known to keep every value are
 * widening; a change ambix cannot judge (no `existingType`, a raw type) is `unknown`, which the
 * classifier treats as possibly narrowing.
 */
export function compareTypes(from: ColumnType | undefined, to: ColumnType): TypeChange {
  if (from === undefined || from.kind === 'raw' || to.kind === 'raw') return 'unknown';
  const fromWidth = INTEGER_WIDTH[from.kind];
  const toWidth = INTEGER_WIDTH[to.kind];
  if (fromWidth !== undefined && toWidth !== undefined)
    return toWidth >= fromWidth ? 'widening' : 'narrowing';
  if (TEXTUAL.has(from.kind) && TEXTUAL.has(to.kind)) {
    const fromLength = from.kind === 'string' ? from.length : undefined;
    const toLength = to.kind === 'string' ? to.length : undefined;
    if (toLength === undefined) return 'widening';
    if (fromLength === undefined) return 'narrowing';
    return toLength >= fromLength ? 'widening' : 'narrowing';
  }
  if (from.kind === to.kind) {
    if (from.kind === 'numeric' && to.kind === 'numeric') {
      if (to.precision === undefined) return 'widening';
      if (from.precision === undefined) return 'narrowing';
      const fromInteger = from.precision - (from.scale ?? 0);
      const toInteger = to.precision - (to.scale ?? 0);
      return toInteger >= fromInteger && (to.scale ?? 0) >= (from.scale ?? 0) ? 'widening' : 'narrowing';
    }
    return 'widening';
  }
  if (fromWidth !== undefined && TEXTUAL.has(to.kind)) return to.kind === 'text' ? 'widening' : 'unknown';
  if (from.kind === 'float' && to.kind === 'double') return 'widening';
  if (from.kind === 'json' && to.kind === 'jsonb') return 'widening';
  return 'narrowing';
}

/**
 * PostgreSQL changes it makes without rewriting the table: raising or removing a VARCHAR limit,
 * VARCHAR to TEXT. Every other type change rewrites it under an ACCESS EXCLUSIVE lock.
 */
export function postgresChangeIsCatalogOnly(from: ColumnType | undefined, to: ColumnType): boolean {
  if (from === undefined) return false;
  return TEXTUAL.has(from.kind) && TEXTUAL.has(to.kind) && compareTypes(from, to) === 'widening';
}
