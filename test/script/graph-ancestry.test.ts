import { describe, expect, it } from 'vitest';
import { AncestryIndex } from '../../src/script/ancestry.js';

// 0 → 1 → 3, 0 → 2 → 3 (diamond), 3 → 4, and 5 alone; given in a valid topological order.
const parents: number[][] = [[], [0], [0], [1, 2], [3], []];
const order = [0, 1, 2, 3, 4, 5];
const position = Int32Array.from(order.keys());

function reachable(ancestor: number, node: number): boolean {
  if (ancestor === node) return true;
  return parents[node]!.some((parent) => reachable(ancestor, parent));
}

describe('ancestry index', () => {
  it.each([
    ['the bitset table', Number.POSITIVE_INFINITY, 0],
    ['the graph walk used beyond the bitset limit', 0, Number.POSITIVE_INFINITY],
    [
      'the graph walk used before the table is worth building',
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ],
    ['a few walks, then the table', Number.POSITIVE_INFINITY, 3],
  ])('%s answers every ancestor question like a plain graph walk', (_, limit, walkBudget) => {
    const index = new AncestryIndex(order, position, (node) => parents[node]!, limit, walkBudget);
    const wrong: string[] = [];
    for (const a of order) {
      for (const b of order) {
        if (index.isAncestorOrSelf(a, b) !== reachable(a, b)) wrong.push(`${a}→${b}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('counts a node as its own ancestor', () => {
    expect(new AncestryIndex(order, position, (node) => parents[node]!).isAncestorOrSelf(4, 4)).toBe(true);
  });
});
