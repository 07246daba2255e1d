import type { RevisionGraph } from './graph.js';
import { OverlapError, UnknownVersionRowError } from './graph-errors.js';
import type { VersionRowChange } from './plan.js';

/*
 * The version table holds one row per head (spec §4.2). This module checks rows read from the
 * database and computes, per executed step, the exact row changes of §4.3 by simulation.
 */

/** Every row must be a full known revision id: unknown ids and prefixes are never planned from. */
export function validateVersionRows(graph: RevisionGraph, rows: readonly string[]): void {
  for (const row of rows) {
    if (graph.get(row)) continue;
    const matches = graph.revisions
      .filter((revision) => revision.id.startsWith(row))
      .map((revision) => revision.id);
    throw new UnknownVersionRowError(
      row,
      matches.length > 0 && row.length > 0 ? 'prefix' : 'unknown',
      matches,
    );
  }
}

/** Rows where one is an ancestor of another cannot be planned from (Alembic: overlap error). */
export function assertRowsDoNotOverlap(graph: RevisionGraph, rows: readonly string[]): void {
  assertNoOverlap(
    graph,
    rows,
    'the version table holds a revision together with its ancestor; repair it with `ambix stamp --purge <revision>`',
  );
}

/** Alembic's overlap check: no requested revision may be an ancestor of another (dependencies count). */
export function assertNoOverlap(graph: RevisionGraph, ids: readonly string[], advice: string): void {
  const distinct = [...new Set(ids)];
  for (const id of distinct) {
    const overlaps = distinct.filter(
      (other) => other !== id && graph.isAncestor(other, id, { includeDependencies: true }),
    );
    if (overlaps.length > 0) throw new OverlapError(id, overlaps, advice);
  }
}

/** The rows as an ordered list that changes apply to, like the table would. */
export class VersionRows {
  private rows: string[];

  constructor(rows: readonly string[]) {
    this.rows = [...rows];
  }

  get current(): readonly string[] {
    return this.rows;
  }

  has(id: string): boolean {
    return this.rows.includes(id);
  }

  apply(changes: readonly VersionRowChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case 'insert':
          this.rows.push(change.revision);
          break;
        case 'update':
          this.rows = this.rows.map((row) => (row === change.from ? change.to : row));
          break;
        case 'delete':
          this.rows = this.rows.filter((row) => row !== change.revision);
          break;
        case 'delete-all':
          this.rows = [];
          break;
      }
    }
  }
}

/** §4.3, upgrade of `id`: insert a new branch, merge rows, or move one row up. */
export function upgradeRowChanges(
  graph: RevisionGraph,
  rows: readonly string[],
  id: string,
): VersionRowChange[] {
  const down = graph.normalizedDownRevisionsOf(id);
  const present = down.filter((parent) => rows.includes(parent));
  if (present.length === 0) return [{ kind: 'insert', revision: id }];
  if (present.length === 1) return [{ kind: 'update', from: present[0]!, to: id }];
  // A merge: rows implied by a head outside the merge stay untouched (Alembic's merge_branch_idents).
  const others = rows.filter((row) => !down.includes(row));
  const merged = present.filter((parent) => !impliedBy(graph, others, parent));
  const kept = merged.length > 0 ? merged : present;
  return [
    ...kept.slice(0, -1).map((revision): VersionRowChange => ({ kind: 'delete', revision })),
    { kind: 'update', from: kept[kept.length - 1]!, to: id },
  ];
}

/**
 * §4.3, downgrade of `id`: the parents that no other row already implies take its place. Parents
 * implied by another parent are dropped too (Alembic 1.13.1's fix for #1373), so the rows never
 * hold a revision together with its ancestor.
 */
export function downgradeRowChanges(
  graph: RevisionGraph,
  rows: readonly string[],
  id: string,
): VersionRowChange[] {
  if (!rows.includes(id)) throw new Error(`internal: downgrading ${id}, which is not a version row`);
  const down = graph.normalizedDownRevisionsOf(id);
  const others = rows.filter((row) => row !== id);
  const restored = down.filter(
    (parent) =>
      !impliedBy(graph, others, parent) &&
      !down.some(
        (other) => other !== parent && graph.isAncestor(parent, other, { includeDependencies: true }),
      ),
  );
  if (restored.length === 0) return [{ kind: 'delete', revision: id }];
  return [
    ...restored.slice(0, -1).map((revision): VersionRowChange => ({ kind: 'insert', revision })),
    { kind: 'update', from: id, to: restored[restored.length - 1]! },
  ];
}

/** True when `id` is one of `rows` or an ancestor of one of them (dependencies count). */
function impliedBy(graph: RevisionGraph, rows: readonly string[], id: string): boolean {
  return rows.some((row) => graph.isAncestorOrSelf(id, row, { includeDependencies: true }));
}
