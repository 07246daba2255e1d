import type { Stats } from 'node:fs';

/**
 * Where a cache trusts a file by its stat instead of reading it (headers, module
 * pack members), it compares the file's full stat identity: size, mtime, ctime and inode. Tools
 * that restore an mtime (`touch -d`, `cp -p`, `tar x`, rsync) cannot restore the ctime, and a file
 * replaced by a rename gets another inode. A stat identity is recorded only for a file unchanged
 * for the settle window before it was read: on a file system with coarse timestamps (1 s, FAT's
 * 2 s) a file rewritten within the same tick keeps its times, and only the wait rules that out.
 */

/** Longer than any file system's timestamp resolution. */
export const SETTLE_MS = 5000;

export type FileIdentity = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** The parts of a stat the identity is made of (a `Stats` has them all). */
export interface StatIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

export function identityOf(stat: StatIdentity): FileIdentity {
  return [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino];
}

export function sameIdentity(stored: FileIdentity | undefined, stat: StatIdentity): boolean {
  return (
    stored !== undefined &&
    stored[0] === stat.size &&
    stored[1] === stat.mtimeMs &&
    stored[2] === stat.ctimeMs &&
    stored[3] === stat.ino
  );
}

/**
 * Whether a file whose stat was `stat` (taken before it was read, at `readAtMs` or later) had been
 * left alone for the settle window: only then may its identity stand for its content later.
 */
export function settled(stat: Pick<Stats, 'mtimeMs' | 'ctimeMs'>, readAtMs: number): boolean {
  return readAtMs - Math.max(stat.mtimeMs, stat.ctimeMs) > SETTLE_MS;
}
