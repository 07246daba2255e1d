/**
 * The order a revision applies changes in, so each statement finds what it needs:
 *
 *  0 rename tables          (later changes use the new names)
 *  1 drop foreign keys      (before the columns and tables they use go)
 *  2 drop indexes, unique and check constraints
 *  3 rename columns
 *  4 create tables          (referenced tables first)
 *  5 add columns
 *  6 alter columns
 *  7 change primary keys    (new key columns exist and are altered)
 *  8 add indexes, unique and check constraints, table comments
 *  9 add foreign keys       (every table and column they name exists)
 * 10 drop columns
 * 11 drop tables            (referencing tables first)
 *
 * The inverse of a diff applied in this order, taken in reverse, applies too: that is how the
 * downgrade is written (`invert.ts`).
 */
import type { SchemaChange, SchemaChangeKind } from './types.js';

const PHASE: Readonly<Record<SchemaChangeKind, number>> = {
  renameTable: 0,
  dropForeignKey: 1,
  dropIndex: 2,
  dropUniqueConstraint: 2,
  dropCheckConstraint: 2,
  renameColumn: 3,
  addTable: 4,
  addColumn: 5,
  alterColumn: 6,
  alterPrimaryKey: 7,
  addIndex: 8,
  addUniqueConstraint: 8,
  addCheckConstraint: 8,
  alterTableComment: 8,
  addForeignKey: 9,
  dropColumn: 10,
  dropTable: 11,
};

/**
 * Sorts by phase; within a phase the incoming order is kept, so callers pass tables already in
 * dependency order (see `dependencyOrder`).
 */
export function orderChanges(changes: readonly SchemaChange[]): SchemaChange[] {
  return changes
    .map((change, position) => ({ change, position }))
    .sort((a, b) => PHASE[a.change.kind] - PHASE[b.change.kind] || a.position - b.position)
    .map(({ change }) => change);
}

/**
 * Names in an order where each comes after the names it depends on, ties broken by name (Kahn's
 * algorithm). `dependsOn` should be acyclic over `names` (cycles are broken beforehand by splitting
 * foreign keys off); a cycle left over is broken at its first name rather than looping.
 */
export function dependencyOrder(
  names: readonly string[],
  dependsOn: (name: string) => readonly string[],
): string[] {
  const known = new Set(names);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const name of names) {
    const needs = new Set(dependsOn(name).filter((other) => other !== name && known.has(other)));
    waitingOn.set(name, needs.size);
    for (const other of needs) dependents.set(other, [...(dependents.get(other) ?? []), name]);
  }
  const ready = names.filter((name) => waitingOn.get(name) === 0).sort(byText);
  const done = new Set<string>();
  const ordered: string[] = [];
  while (ordered.length < names.length) {
    const next = ready.shift() ?? [...known].filter((name) => !done.has(name)).sort(byText)[0]!;
    if (done.has(next)) continue;
    done.add(next);
    ordered.push(next);
    for (const dependent of dependents.get(next) ?? []) {
      const left = waitingOn.get(dependent)! - 1;
      waitingOn.set(dependent, left);
      if (left === 0 && !done.has(dependent)) insertSorted(ready, dependent);
    }
  }
  return ordered;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function insertSorted(list: string[], name: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (byText(list[middle]!, name) < 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, name);
}

/**
 * The edges that lie on a cycle of the graph `name → dependsOn(name)` (self-edges excluded), by
 * strongly connected components: an edge within a component of two or more nodes is on a cycle.
 */
export function cyclicEdges(
  names: readonly string[],
  dependsOn: (name: string) => readonly string[],
): Set<string> {
  const component = stronglyConnected(names, dependsOn);
  const sizes = new Map<number, number>();
  for (const id of component.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  const cyclic = new Set<string>();
  for (const name of names) {
    const id = component.get(name)!;
    if (sizes.get(id)! < 2) continue;
    for (const other of dependsOn(name)) {
      if (other !== name && component.get(other) === id) cyclic.add(`${name}\0${other}`);
    }
  }
  return cyclic;
}

function stronglyConnected(
  names: readonly string[],
  dependsOn: (name: string) => readonly string[],
): Map<string, number> {
  const known = new Set(names);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  const visit = (name: string): void => {
    index.set(name, counter);
    low.set(name, counter);
    counter += 1;
    stack.push(name);
    onStack.add(name);
    for (const other of dependsOn(name)) {
      if (!known.has(other)) continue;
      if (!index.has(other)) {
        visit(other);
        low.set(name, Math.min(low.get(name)!, low.get(other)!));
      } else if (onStack.has(other)) low.set(name, Math.min(low.get(name)!, index.get(other)!));
    }
    if (low.get(name) === index.get(name)) {
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
        if (member === name) break;
      }
      components += 1;
    }
  };
  for (const name of names) if (!index.has(name)) visit(name);
  return component;
}
