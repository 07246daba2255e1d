/**
 * Names for constraints the code left unnamed, when autogenerate must add them on their own: a
 * later revision (or this one's downgrade) can only drop a constraint by name, and SQLite keeps
 * no name at all for an unnamed one. The names follow the usual `uq_` / `fk_` / `ck_` convention
 * and stay within the 63 characters PostgreSQL keeps.
 */
import { createHash } from 'node:crypto';

const MAX_NAME = 63;

function bounded(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const digest = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME - 9)}_${digest}`;
}

export function uniqueConstraintName(table: string, columns: readonly string[]): string {
  return bounded(`uq_${table}_${columns.join('_')}`);
}

export function foreignKeyName(table: string, columns: readonly string[], referencedTable: string): string {
  return bounded(`fk_${table}_${columns.join('_')}_${referencedTable}`);
}

/** Check conditions have no columns to name them after, so a digest of the condition tells them apart. */
export function checkConstraintName(table: string, canonicalCondition: string): string {
  const digest = createHash('sha1').update(canonicalCondition).digest('hex').slice(0, 8);
  return bounded(`ck_${table}_${digest}`);
}

/** The name each database gives a primary key when asked for one: ambix writes PostgreSQL's. */
export function primaryKeyName(table: string): string {
  return bounded(`${table}_pkey`);
}
