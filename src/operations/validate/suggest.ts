import { distance } from 'fastest-levenshtein';

/** Keys compared without case, `_` or `-`: `primary_key` is `primaryKey` in another style. */
function folded(key: string): string {
  return key.replace(/[-_]/g, '').toLowerCase();
}

/**
 * The known key a misspelt one most likely meant: same letters in another style, within two
 * edits, or one containing the other (`name` for `newName`); null when none is close.
 */
export function suggestKey(key: string, known: readonly string[]): string | null {
  const target = folded(key);
  let best: { key: string; score: number } | null = null;
  for (const candidate of known) {
    const other = folded(candidate);
    const edits = distance(target, other);
    const contained = target.length >= 3 && (other.includes(target) || target.includes(other));
    const score = edits <= 2 ? edits : contained ? 3 : Number.POSITIVE_INFINITY;
    if (score < (best?.score ?? Number.POSITIVE_INFINITY)) best = { key: candidate, score };
  }
  return best?.key ?? null;
}
