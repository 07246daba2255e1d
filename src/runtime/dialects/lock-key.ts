import { createHash } from 'node:crypto';
import type { VersionTableRef } from './adapter.js';

/** A stable name for "migrating the database that keeps this version table". */
export function lockName(table: VersionTableRef): string {
  return `ambix:${table.schema ?? ''}.${table.name}`;
}

/** A signed 64-bit integer derived from the lock name, for PostgreSQL advisory locks. */
export function lockKey64(table: VersionTableRef): bigint {
  const digest = createHash('sha256').update(lockName(table)).digest();
  return digest.readBigInt64BE(0);
}
