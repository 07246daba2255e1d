import { AncestryIndex } from './ancestry.js';
import {
  CycleError,
  DependencyCycleError,
  DependencySelfLoopError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  IllegalRevisionIdError,
  MissingDependencyError,
  MissingDownRevisionError,
  SelfLoopError,
} from './graph-errors.js';
import type { Revision } from './revision.js';

/** Sorted, as Alembic lists them in its message. */
const ILLEGAL_ID_CHARACTERS = ['+', '-', ':', '@'];
const ILLEGAL_ID_PATTERN = /[+\-:@]/;

const NO_NODES: readonly number[] = [];

/** Each revision's edges, by node: parallel lists rather than one object per revision. */
interface Edges {
  /** Versioned parents (downRevision). */
  readonly down: readonly (readonly number[])[];
  /** dependsOn resolved to revisions, duplicates removed, declared order. */
  readonly dependencies: readonly (readonly number[])[];
}

/**
 * The revision graph of spec §2: versioned edges (downRevision) and dependency edges (dependsOn),
 * heads, bases, branch labels. Built once and immutable; every answer is deterministic, ties broken
 * by load order (the order of the array given to `build`).
 *
 * Internally revisions are numbered by load order; the public API speaks revision ids.
 */
export class RevisionGraph {
  readonly revisions: readonly Revision[];
  readonly heads: readonly Revision[];
  readonly realHeads: readonly Revision[];
  readonly bases: readonly Revision[];
  readonly realBases: readonly Revision[];

  private readonly indexById: ReadonlyMap<string, number>;
  /** Ids and declared branch labels, each mapped to its revision (labels: the declaring one). */
  private readonly namespace: ReadonlyMap<string, number>;
  private readonly down: readonly (readonly number[])[];
  private readonly dependencies: readonly (readonly number[])[];
  private readonly normalizedDependencies: readonly (readonly number[])[];
  private readonly normalizedDown: readonly (readonly number[])[];
  private readonly children: readonly (readonly number[])[];
  private readonly dependents: readonly (readonly number[])[];
  private readonly allChildren: readonly (readonly number[])[];
  private readonly allParents: readonly (readonly number[])[];
  private readonly labels: readonly (readonly string[])[];
  private readonly versionedAncestry: AncestryIndex;
  private readonly fullAncestry: AncestryIndex;

  private constructor(
    revisions: readonly Revision[],
    indexById: ReadonlyMap<string, number>,
    namespace: ReadonlyMap<string, number>,
    { down, dependencies }: Edges,
  ) {
    // Plain loops rather than map/filter chains: every command builds the graph once, in a cold
    // process, over every revision, where each callback call still runs in the interpreter.
    const count = revisions.length;
    this.revisions = revisions;
    this.namespace = namespace;
    this.indexById = indexById;
    const allParents = new Array<readonly number[]>(count);
    // Most revisions have one child and no dependents: lists are created at their first entry.
    const children = new Array<readonly number[]>(count).fill(NO_NODES);
    const dependents = new Array<readonly number[]>(count).fill(NO_NODES);
    for (let index = 0; index < count; index++) {
      const parents = down[index]!;
      const declared = dependencies[index]!;
      allParents[index] = declared.length === 0 ? parents : unique([...parents, ...declared]);
      for (const parent of parents) children[parent] = append(children[parent]!, index);
      for (const dependency of declared) dependents[dependency] = append(dependents[dependency]!, index);
    }
    this.down = down;
    this.dependencies = dependencies;
    this.allParents = allParents;
    this.children = children;
    this.dependents = dependents;
    const allChildren = new Array<readonly number[]>(count);
    for (let index = 0; index < count; index++) {
      allChildren[index] =
        dependents[index]!.length === 0
          ? children[index]!
          : [...unique([...children[index]!, ...dependents[index]!])].sort(byNumber);
    }
    this.allChildren = allChildren;

    const order = orderOrDetectCycles(revisions, down, this.allParents, this.allChildren);
    const position = new Int32Array(count);
    for (let at = 0; at < count; at++) position[order[at]!] = at;
    this.versionedAncestry = new AncestryIndex(order, position, (node) => this.down[node]!);
    this.fullAncestry = new AncestryIndex(order, position, (node) => this.allParents[node]!);

    const heads: Revision[] = [];
    const realHeads: Revision[] = [];
    const bases: Revision[] = [];
    const realBases: Revision[] = [];
    for (let index = 0; index < count; index++) {
      const revision = revisions[index]!;
      if (children[index]!.length === 0) heads.push(revision);
      if (allChildren[index]!.length === 0) realHeads.push(revision);
      if (down[index]!.length === 0) bases.push(revision);
      if (allParents[index]!.length === 0) realBases.push(revision);
    }
    this.heads = heads;
    this.realHeads = realHeads;
    this.bases = bases;
    this.realBases = realBases;
    this.normalizedDependencies = this.normalizeDependencies();
    // The same array back means no revision depends on another: down revisions are the whole story.
    this.normalizedDown =
      this.normalizedDependencies === this.dependencies
        ? down
        : down.map((parents, node) => {
            const normalized = this.normalizedDependencies[node]!;
            return normalized.length === 0 ? parents : unique([...parents, ...normalized]);
          });
    this.labels = this.propagateLabels(position);
  }

  /** Validates everything in §2's table and builds the graph; errors name the files involved. */
  static build(revisions: readonly Revision[]): RevisionGraph {
    const indexById = new Map<string, number>();
    for (let index = 0; index < revisions.length; index++) {
      const revision = revisions[index]!;
      if (ILLEGAL_ID_PATTERN.test(revision.id)) {
        const illegal = ILLEGAL_ID_CHARACTERS.filter((character) => revision.id.includes(character));
        throw new IllegalRevisionIdError(revision.id, revision.path, illegal);
      }
      const earlier = indexById.get(revision.id);
      if (earlier !== undefined) {
        throw new DuplicateRevisionError(revision.id, [revisions[earlier]!.path, revision.path]);
      }
      indexById.set(revision.id, index);
      if (revision.downRevisions.includes(revision.id)) throw new SelfLoopError(revision.id, revision.path);
      if (revision.dependsOn.includes(revision.id)) {
        throw new DependencySelfLoopError(revision.id, revision.path);
      }
    }

    // Without branch labels (the usual case) the namespace is the ids alone.
    const namespace = revisions.some((revision) => revision.branchLabels.length > 0)
      ? new Map(indexById)
      : indexById;
    for (const revision of revisions) {
      for (const label of revision.branchLabels) {
        const owner = namespace.get(label);
        if (owner !== undefined) {
          const usedBy = revisions[owner]!;
          throw new DuplicateBranchLabelError(label, revision.id, revision.path, usedBy.id, usedBy.path);
        }
        namespace.set(label, indexById.get(revision.id)!);
      }
    }

    const nodeOfParent = (parent: string, revision: Revision): number => {
      const found = indexById.get(parent);
      if (found === undefined) throw new MissingDownRevisionError(parent, revision.id, revision.path);
      return found;
    };
    const down = new Array<readonly number[]>(revisions.length);
    const dependencies = new Array<readonly number[]>(revisions.length).fill(NO_NODES);
    for (let index = 0; index < revisions.length; index++) {
      const revision = revisions[index]!;
      const parents = revision.downRevisions;
      down[index] =
        parents.length === 0
          ? NO_NODES
          : parents.length === 1
            ? [nodeOfParent(parents[0]!, revision)]
            : unique(parents.map((parent) => nodeOfParent(parent, revision)));
      if (revision.dependsOn.length === 0) continue;
      const resolved = unique(
        revision.dependsOn.map((name) => {
          const found = namespace.get(name);
          if (found === undefined) throw new MissingDependencyError(name, revision.id, revision.path);
          if (found === index) throw new DependencySelfLoopError(revision.id, revision.path);
          return found;
        }),
      );
      if (resolved.length > 0) dependencies[index] = resolved;
    }

    return new RevisionGraph(revisions, indexById, namespace, { down, dependencies });
  }

  get(id: string): Revision | undefined {
    const index = this.indexById.get(id);
    return index === undefined ? undefined : this.revisions[index];
  }

  /** Exact lookup in the namespace of ids and declared branch labels (§3.3 step 1). */
  lookup(idOrLabel: string): Revision | undefined {
    const index = this.namespace.get(idOrLabel);
    return index === undefined ? undefined : this.revisions[index];
  }

  /** Ids in load order, then declared labels in declaration order: Alembic's map key order. */
  namespaceKeys(): IterableIterator<string> {
    return this.namespace.keys();
  }

  /** Load-order position; used to break ties deterministically. */
  loadIndex(id: string): number {
    return this.indexOf(id);
  }

  childrenOf(id: string): readonly Revision[] {
    return this.toRevisions(this.children[this.indexOf(id)]!);
  }

  dependentsOf(id: string): readonly Revision[] {
    return this.toRevisions(this.dependents[this.indexOf(id)]!);
  }

  /** Children through downRevision and dependsOn alike. */
  allChildrenOf(id: string): readonly Revision[] {
    return this.toRevisions(this.allChildren[this.indexOf(id)]!);
  }

  branchLabelsOf(id: string): readonly string[] {
    return this.labels[this.indexOf(id)]!;
  }

  /** dependsOn resolved to ids, minus those an ancestor already declares (§2). */
  dependenciesOf(id: string): readonly string[] {
    return this.normalizedDependencies[this.indexOf(id)]!.map((node) => this.revisions[node]!.id);
  }

  /** dependsOn resolved to ids, before normalisation. */
  resolvedDependenciesOf(id: string): readonly string[] {
    return this.dependencies[this.indexOf(id)]!.map((node) => this.revisions[node]!.id);
  }

  /** downRevisions followed by the normalised dependencies: what row maintenance and order use. */
  normalizedDownRevisionsOf(id: string): readonly string[] {
    return this.normalizedDown[this.indexOf(id)]!.map((node) => this.revisions[node]!.id);
  }

  /*
   * Node-number access for hot loops (ordering thousands of revisions): a node is a revision's
   * load-order index.
   */

  nodeOf(id: string): number {
    return this.indexOf(id);
  }

  idOf(node: number): string {
    return this.revisions[node]!.id;
  }

  allChildNodes(node: number): readonly number[] {
    return this.allChildren[node]!;
  }

  normalizedDownNodes(node: number): readonly number[] {
    return this.normalizedDown[node]!;
  }

  isAncestorOrSelfNode(ancestor: number, node: number, includeDependencies: boolean): boolean {
    const index = includeDependencies ? this.fullAncestry : this.versionedAncestry;
    return index.isAncestorOrSelf(ancestor, node);
  }

  isHead(id: string): boolean {
    return this.children[this.indexOf(id)]!.length === 0;
  }

  isRealHead(id: string): boolean {
    return this.allChildren[this.indexOf(id)]!.length === 0;
  }

  /** A versioned head that other revisions depend on: `(effective head)` in listings. */
  isEffectiveHead(id: string): boolean {
    return this.isHead(id) && !this.isRealHead(id);
  }

  isBase(id: string): boolean {
    return this.down[this.indexOf(id)]!.length === 0;
  }

  isBranchPoint(id: string): boolean {
    return this.children[this.indexOf(id)]!.length > 1;
  }

  isMergePoint(id: string): boolean {
    return this.down[this.indexOf(id)]!.length > 1;
  }

  /** Strict: a revision is not its own ancestor. */
  isAncestor(ancestor: string, descendant: string, options: { includeDependencies?: boolean } = {}): boolean {
    return ancestor !== descendant && this.isAncestorOrSelf(ancestor, descendant, options);
  }

  isAncestorOrSelf(
    ancestor: string,
    descendant: string,
    options: { includeDependencies?: boolean } = {},
  ): boolean {
    const index = options.includeDependencies ? this.fullAncestry : this.versionedAncestry;
    return index.isAncestorOrSelf(this.indexOf(ancestor), this.indexOf(descendant));
  }

  /** Alembic's `_shares_lineage`: `id` is an ancestor or descendant of (or equal to) any of `others`. */
  sharesLineage(
    id: string,
    others: readonly string[],
    options: { includeDependencies?: boolean } = {},
  ): boolean {
    if (others.length === 0) return true;
    return others.some(
      (other) => this.isAncestorOrSelf(id, other, options) || this.isAncestorOrSelf(other, id, options),
    );
  }

  /** The given revisions and all their ancestors (dependencies too unless told otherwise). */
  ancestorsOf(ids: Iterable<string>, options: { includeDependencies?: boolean } = {}): Set<string> {
    const parents = options.includeDependencies === false ? this.down : this.allParents;
    return this.closure(ids, parents);
  }

  /** The given revisions and all their descendants (dependents too unless told otherwise). */
  descendantsOf(ids: Iterable<string>, options: { includeDependencies?: boolean } = {}): Set<string> {
    const next = options.includeDependencies === false ? this.children : this.allChildren;
    return this.closure(ids, next);
  }

  private closure(ids: Iterable<string>, step: readonly (readonly number[])[]): Set<string> {
    const seen = new Uint8Array(this.revisions.length);
    const todo: number[] = [];
    for (const id of ids) todo.push(this.indexOf(id));
    const result = new Set<string>();
    while (todo.length > 0) {
      const node = todo.pop()!;
      if (seen[node]) continue;
      seen[node] = 1;
      result.add(this.revisions[node]!.id);
      for (const next of step[node]!) if (!seen[next]) todo.push(next);
    }
    return result;
  }

  private indexOf(id: string): number {
    const index = this.indexById.get(id);
    if (index === undefined) throw new Error(`internal: revision '${id}' is not in the graph`);
    return index;
  }

  private toRevisions(nodes: readonly number[]): readonly Revision[] {
    return nodes.map((node) => this.revisions[node]!);
  }

  /** A dependency is dropped when a versioned ancestor already declares it (§2). */
  private normalizeDependencies(): readonly (readonly number[])[] {
    if (this.dependencies.every((dependencies) => dependencies.length === 0)) return this.dependencies;
    const declarers = new Map<number, number[]>();
    this.dependencies.forEach((dependencies, node) => {
      for (const dependency of dependencies) {
        const list = declarers.get(dependency);
        if (list) list.push(node);
        else declarers.set(dependency, [node]);
      }
    });
    return this.dependencies.map((dependencies, node) => {
      if (dependencies.length === 0) return NO_NODES;
      const kept = dependencies.filter(
        (dependency) =>
          !declarers
            .get(dependency)!
            .some((other) => other !== node && this.versionedAncestry.isAncestorOrSelf(other, node)),
      );
      return kept.length === 0 ? NO_NODES : kept;
    });
  }

  /**
   * A label reaches every descendant of the revision declaring it, and runs down from the branch
   * tip through the declaring revision to its ancestors until a branch point (dependents count)
   * or a merge point (§2).
   */
  private propagateLabels(position: Int32Array): readonly (readonly string[])[] {
    const none: readonly string[] = [];
    if (this.revisions.every((revision) => revision.branchLabels.length === 0)) {
      return new Array<readonly string[]>(this.revisions.length).fill(none);
    }
    const labelled = new Map<number, Set<string>>();
    const add = (node: number, labels: readonly string[]) => {
      const set = labelled.get(node);
      if (set) for (const label of labels) set.add(label);
      else labelled.set(node, new Set(labels));
    };
    this.revisions.forEach((revision, declaring) => {
      if (revision.branchLabels.length === 0) return;
      let tip = declaring;
      for (const id of this.closure([revision.id], this.children)) {
        const node = this.indexById.get(id)!;
        add(node, revision.branchLabels);
        if (position[node]! > position[tip]!) tip = node;
      }
      let node: number | undefined = tip;
      while (node !== undefined && this.allChildren[node]!.length <= 1 && this.down[node]!.length <= 1) {
        add(node, revision.branchLabels);
        node = this.down[node]![0];
      }
    });
    return this.revisions.map((_, node) => {
      const set = labelled.get(node);
      return set ? [...set].sort() : none;
    });
  }
}

/** `list` with `node` added: a new array when `list` is the shared empty one. */
function append(list: readonly number[], node: number): readonly number[] {
  if (list === NO_NODES) return [node];
  (list as number[]).push(node);
  return list;
}

function unique(values: readonly number[]): readonly number[] {
  return values.length <= 1 ? values : [...new Set(values)];
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** Kahn's algorithm seeded in load order: deterministic. Assumes the graph has no cycle. */
function topologicalOrder(
  revisions: readonly Revision[],
  parents: readonly (readonly number[])[],
  children: readonly (readonly number[])[],
): readonly number[] {
  const waiting = parents.map((list) => list.length);
  const order: number[] = [];
  revisions.forEach((_, node) => {
    if (waiting[node] === 0) order.push(node);
  });
  for (let at = 0; at < order.length; at++) {
    for (const child of children[order[at]!]!) {
      waiting[child]!--;
      if (waiting[child] === 0) order.push(child);
    }
  }
  return order;
}

/**
 * No head or no base means everything is on a cycle (Alembic reports all ids in load order);
 * otherwise the revisions Kahn's algorithm cannot order are on or above a cycle (sorted ids).
 * Versioned edges are judged first (CycleError), then dependencies too (DependencyCycleError).
 * Returns the topological order over all edges, which the graph keeps.
 */
function orderOrDetectCycles(
  revisions: readonly Revision[],
  down: readonly (readonly number[])[],
  allParents: readonly (readonly number[])[],
  allChildren: readonly (readonly number[])[],
): readonly number[] {
  const ids = (nodes: readonly number[]) => nodes.map((node) => revisions[node]!.id);
  const paths = (nodes: readonly number[]) => nodes.map((node) => revisions[node]!.path);
  const unordered = (parents: readonly (readonly number[])[], children: readonly (readonly number[])[]) => {
    if (revisions.length === 0) return { order: [] as readonly number[], stuck: [] as number[] };
    if (!children.some((list) => list.length === 0) || !parents.some((list) => list.length === 0)) {
      return { order: [] as readonly number[], stuck: revisions.map((_, node) => node) };
    }
    const order = topologicalOrder(revisions, parents, children);
    if (order.length === revisions.length) return { order, stuck: [] as number[] };
    const placed = new Uint8Array(revisions.length);
    for (const node of order) placed[node] = 1;
    const stuck = revisions
      .map((_, node) => node)
      .filter((node) => !placed[node])
      .sort((a, b) => compareText(revisions[a]!.id, revisions[b]!.id));
    return { order, stuck };
  };

  const all = unordered(allParents, allChildren);
  if (all.stuck.length === 0) return all.order;
  const downChildren: number[][] = revisions.map(() => []);
  down.forEach((parents, node) => {
    for (const parent of parents) downChildren[parent]!.push(node);
  });
  const versioned = unordered(down, downChildren);
  if (versioned.stuck.length > 0) {
    const stuck = versioned.order.length === 0 ? revisions.map((_, node) => node) : versioned.stuck;
    throw new CycleError(ids(stuck), paths(stuck));
  }
  throw new DependencyCycleError(ids(all.stuck), paths(all.stuck));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
