import { readFileSync } from 'node:fs';
import { sha256Hex } from './sha256.js';

/**
 * The sha256 of each source file's bytes as this process last read them to run them. The
 * transpile cache keys on it and the history records it as the checksum of what ran, so a
 * revision file is read and hashed once per run instead of once per consumer.
 */
const digestByFile = new Map<string, string>();

export interface SourceBytes {
  readonly bytes: Buffer;
  /** sha256 of `bytes`, lowercase hex. */
  readonly sha256: string;
}

/** Reads `file` and remembers the digest of the bytes read (throws as readFileSync does). */
export function readSourceBytes(file: string): SourceBytes {
  const bytes = readFileSync(file);
  const sha256 = sha256Hex(bytes);
  digestByFile.set(file, sha256);
  return { bytes, sha256 };
}

/** Records the digest of `file` known without reading it (a module pack checked it by its stat). */
export function rememberSourceDigest(file: string, sha256: string): void {
  digestByFile.set(file, sha256);
}

/** The digest of `file` as last read by `readSourceBytes`, or undefined when it was not read. */
export function readSourceDigest(file: string): string | undefined {
  return digestByFile.get(file);
}

/** Forgets `file`, for a module that failed to load and will be read afresh when asked again. */
export function forgetSourceDigest(file: string): void {
  digestByFile.delete(file);
}
