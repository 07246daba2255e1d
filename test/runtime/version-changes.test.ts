import { describe, expect, it } from 'vitest';
import { foldVersionChanges } from '../../src/runtime/version-changes.js';
import type { VersionRowChange } from '../../src/script/plan.js';

/** Applies changes as the database would with §4.3's checks: a missing or duplicate row throws. */
function apply(start: readonly string[], changes: readonly VersionRowChange[]): string[] {
  const rows = new Set(start);
  for (const change of changes) {
    if (change.kind === 'delete-all') rows.clear();
    else if (change.kind === 'insert') {
      if (rows.has(change.revision)) throw new Error(`duplicate ${change.revision}`);
      rows.add(change.revision);
    } else {
      const target = change.kind === 'update' ? change.from : change.revision;
      if (!rows.delete(target)) throw new Error(`no row ${target}`);
      if (change.kind === 'update') {
        if (rows.has(change.to)) throw new Error(`duplicate ${change.to}`);
        rows.add(change.to);
      }
    }
  }
  return [...rows].sort();
}

const up = (from: string, to: string): VersionRowChange => ({ kind: 'update', from, to });

describe('folding the version-row changes of steps written together', () => {
  it('turns a chain of upgrades into one update from the row the database holds', () => {
    expect(foldVersionChanges([up('a', 'b'), up('b', 'c'), up('c', 'd')])).toEqual([up('a', 'd')]);
  });

  it('turns a first insert and the updates after it into one insert of the last revision', () => {
    expect(foldVersionChanges([{ kind: 'insert', revision: 'a' }, up('a', 'b'), up('b', 'c')])).toEqual([
      { kind: 'insert', revision: 'c' },
    ]);
  });

  it('drops a row made and deleted within the batch, and deletes a start row updated then deleted', () => {
    expect(
      foldVersionChanges([
        { kind: 'insert', revision: 'x' },
        up('a', 'b'),
        { kind: 'delete', revision: 'x' },
        { kind: 'delete', revision: 'b' },
      ]),
    ).toEqual([{ kind: 'delete', revision: 'a' }]);
  });

  it('keeps a merge: two branch rows become one', () => {
    const changes: VersionRowChange[] = [up('a2', 'a3'), { kind: 'delete', revision: 'b2' }, up('a3', 'm1')];
    expect(foldVersionChanges(changes)).toEqual([up('a2', 'm1'), { kind: 'delete', revision: 'b2' }]);
  });

  it('folds nothing across a purge', () => {
    const changes: VersionRowChange[] = [
      up('a', 'b'),
      { kind: 'delete-all' },
      { kind: 'insert', revision: 'c' },
    ];
    expect(foldVersionChanges(changes)).toEqual(changes);
  });

  it('has the effect of the changes it folds, on 2,000 random valid sequences', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n;
    };
    for (let trial = 0; trial < 2000; trial++) {
      const start = Array.from({ length: random(3) }, (_, i) => `s${i}`);
      const rows = new Set(start);
      const changes: VersionRowChange[] = [];
      let fresh = 0;
      for (let i = 0; i < 1 + random(8); i++) {
        const existing = [...rows];
        const pick = random(existing.length > 0 ? 4 : 1);
        if (pick === 0) {
          const revision = `n${fresh++}`;
          changes.push({ kind: 'insert', revision });
          rows.add(revision);
        } else if (pick === 1 || pick === 2) {
          const from = existing[random(existing.length)]!;
          const to = `n${fresh++}`;
          changes.push(up(from, to));
          rows.delete(from);
          rows.add(to);
        } else {
          const revision = existing[random(existing.length)]!;
          changes.push({ kind: 'delete', revision });
          rows.delete(revision);
        }
      }
      const folded = foldVersionChanges(changes);
      expect(apply(start, folded)).toEqual(apply(start, changes));
      expect(folded.length).toBeLessThanOrEqual(changes.length);
    }
  });
});
