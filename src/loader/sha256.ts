import * as crypto from 'node:crypto';

// `crypto.hash` (Node 20.12+) hashes in one call, several times cheaper than a Hash object for
// the small inputs hashed per revision file; older Node 20 releases use the object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array) => string }).hash;

/** sha256 of `data`, lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShot !== undefined) return oneShot('sha256', data);
  return crypto.createHash('sha256').update(data).digest('hex');
}
