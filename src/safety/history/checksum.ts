import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** sha256 (hex) of a revision file's bytes as they are on disk now. */
export function revisionChecksum(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
