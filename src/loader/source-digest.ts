import { closeSync, fstatSync, openSync, readFileSync, type Stats, statSync } from 'node:fs';
import { type FileIdentity, identityOf, sameIdentity, settled } from './file-identity.js';
import { sha256Hex } from './sha256.js';

/**
 * What this process knows of each source file it read to run: the sha256 of the bytes (the
 * transpile cache keys on it and the history records it as the checksum of what ran, so a file is
 * read and hashed once per run instead of once per consumer) and the file's stat identity then.
 * A later load asks `unchangedSince` whether the file on disk is still what ran: a long-lived
 * process (a watch-mode server, a test runner) runs every revision as it is at that call.
 */
interface SourceRecord {
  readonly sha256: string;
  readonly identity: FileIdentity;
  /** The file was settled when read, so its identity alone may vouch for its content. */
  readonly trusted: boolean;
}

const records = new Map<string, SourceRecord>();

export interface SourceBytes {
  readonly bytes: Buffer;
  /** sha256 of `bytes`, lowercase hex. */
  readonly sha256: string;
}

/** Reads `file` and remembers the digest of the bytes read (throws as readFileSync does). */
export function readSourceBytes(file: string): SourceBytes {
  const readAtMs = Date.now();
  const fd = openSync(file, 'r');
  let bytes: Buffer;
  let stat: Stats;
  try {
    stat = fstatSync(fd);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  const sha256 = sha256Hex(bytes);
  records.set(file, { sha256, identity: identityOf(stat), trusted: settled(stat, readAtMs) });
  return { bytes, sha256 };
}

/** Records a file known without reading it: a module pack vouched for it by its settled identity. */
export function rememberSourceDigest(file: string, sha256: string, stat: Stats): void {
  records.set(file, { sha256, identity: identityOf(stat), trusted: true });
}

/** The digest of `file` as last read by `readSourceBytes`, or undefined when it was not read. */
export function readSourceDigest(file: string): string | undefined {
  return records.get(file)?.sha256;
}

/** Forgets `file`: it will be read afresh when asked again. */
export function forgetSourceDigest(file: string): void {
  records.delete(file);
}

/**
 * Whether `file` still holds what this process last read of it: by its identity when that was
 * settled and is unchanged, else by reading and hashing it. False when it was never read.
 */
export function unchangedSince(file: string): boolean {
  const record = records.get(file);
  if (record === undefined) return false;
  const readAtMs = Date.now();
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  if (record.trusted && sameIdentity(record.identity, stat)) return true;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return false;
  }
  if (sha256Hex(bytes) !== record.sha256) return false;
  records.set(file, { sha256: record.sha256, identity: identityOf(stat), trusted: settled(stat, readAtMs) });
  return true;
}
