/**
 * Constant-time "is A an ancestor of B" for a fixed DAG. Each node gets a bitset of its ancestors
 * (itself included) over topological positions; a node's set only needs bits below its own
 * position, so the table is triangular and lives in one buffer. It is filled in topological order,
 * each row by OR-ing its parents' rows: for 10,000 revisions about 6 MB and several milliseconds,
 * instead of a graph walk per question.
 *
 * Most commands ask few questions, each answered by a short walk (a walk never goes below the
 * ancestor's position), so the table is only built once the walks have visited more nodes than
 * the graph holds a few times over: a few questions never pay for the table, many questions never
 * pay more than that budget in walks.
 */
/** Above this many revisions the triangular table would pass ~100 MB; walk the graph instead. */
const BITSET_LIMIT = 30_000;

/** How many graph nodes, per node of the graph, walks may visit before the table is built. */
const WALK_BUDGET_PER_NODE = 4;

export class AncestryIndex {
  private bits: Uint32Array | null = null;
  /** Where each topological position's row starts in `bits`; set with the table. */
  private rowStart = new Float64Array(0);
  /** Nodes walks may still visit before the table is built. */
  private walkBudget: number;

  constructor(
    /** Node indices, every parent before its children. */
    private readonly topologicalOrder: readonly number[],
    /** position[node] = index of node in `topologicalOrder`. */
    private readonly position: Int32Array,
    private readonly parentsOf: (node: number) => readonly number[],
    private readonly bitsetLimit = BITSET_LIMIT,
    walkBudget = topologicalOrder.length * WALK_BUDGET_PER_NODE,
  ) {
    this.walkBudget = walkBudget;
  }

  /** True when `ancestor` is `node` itself or reachable from it through parent edges. */
  isAncestorOrSelf(ancestor: number, node: number): boolean {
    const ancestorPosition = this.position[ancestor]!;
    const nodePosition = this.position[node]!;
    if (ancestorPosition > nodePosition) return false;
    if (ancestorPosition === nodePosition) return true;
    if (this.topologicalOrder.length > this.bitsetLimit) return this.search(ancestorPosition, node);
    if (this.bits === null && this.walkBudget > 0) return this.search(ancestorPosition, node);
    const bits = this.bits ?? this.fill();
    const word = bits[this.rowStart[nodePosition]! + (ancestorPosition >>> 5)]!;
    return (word & (1 << (ancestorPosition & 31))) !== 0;
  }

  /** A walk down from `node` that never goes below the ancestor's position. */
  private search(ancestorPosition: number, node: number): boolean {
    const seen = new Set<number>([node]);
    const todo = [node];
    while (todo.length > 0) {
      this.walkBudget--;
      for (const parent of this.parentsOf(todo.pop()!)) {
        const position = this.position[parent]!;
        if (position === ancestorPosition) return true;
        if (position > ancestorPosition && !seen.has(parent)) {
          seen.add(parent);
          todo.push(parent);
        }
      }
    }
    return false;
  }

  private fill(): Uint32Array {
    const count = this.topologicalOrder.length;
    this.rowStart = new Float64Array(count + 1);
    for (let at = 0; at < count; at++) this.rowStart[at + 1] = this.rowStart[at]! + (at >>> 5) + 1;
    const bits = new Uint32Array(this.rowStart[count]!);
    for (let at = 0; at < count; at++) {
      const start = this.rowStart[at]!;
      bits[start + (at >>> 5)] = 1 << (at & 31);
      for (const parent of this.parentsOf(this.topologicalOrder[at]!)) {
        const parentPosition = this.position[parent]!;
        const parentStart = this.rowStart[parentPosition]!;
        const words = (parentPosition >>> 5) + 1;
        for (let word = 0; word < words; word++)
          bits[start + word] = bits[start + word]! | bits[parentStart + word]!;
      }
    }
    this.bits = bits;
    return bits;
  }
}
