import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { VersionTableRef } from './adapter.js';

/**
 * node:crypto, loaded when a lock is first named: loading it costs more than the rest of a
 * no-op `upgrade head`, which takes no lock.
 */
export function sha256(text: string): Hash {
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text);
}

/** A stable name for "migrating the database that keeps this version table". */
export function lockName(table: VersionTableRef): string {
  return `ambix:${table.schema ?? ''}.${table.name}`;
}

/** A signed 64-bit integer derived from the lock name, for PostgreSQL advisory locks. */
export function lockKey64(table: VersionTableRef): bigint {
  const digest = sha256(lockName(table)).digest();
  return digest.readBigInt64BE(0);
}
