import { readFileSync } from 'node:fs';
import type { Revision } from '../script/revision.js';

const CONTRACT_EXPORT = /^\s*export\s+const\s+contract\s*(?::\s*boolean\s*)?=\s*true\b/m;

/**
 * Whether a revision declares itself a contract step (`export const contract = true;`): the
 * revision that removes what the expand revisions replaced, meant to run once no server runs the
 * old code. Read statically, like the rest of the header. (SQL revisions cannot declare it yet.)
 */
export function declaresContract(revision: Revision): boolean {
  if (revision.format === 'sql') return false;
  return CONTRACT_EXPORT.test(readFileSync(revision.path, 'utf8'));
}
