import type { DrawNode } from './node.js';

/**
 * Newest first, every revision after all of its children, and each line of descent kept together
 * (like `git log --topo-order`): a parent is emitted as soon as its last child has been, before
 * other pending tips. Ties follow the input order, so the picture is stable for a given load order.
 */
export function newestFirst(nodes: readonly DrawNode[]): DrawNode[] {
  const byId = new Map(nodes.map((node) => [node.revision, node]));
  const unseenChildren = new Map<string, number>(nodes.map((node) => [node.revision, 0]));
  for (const node of nodes) {
    for (const parent of node.downRevisions) {
      if (unseenChildren.has(parent)) unseenChildren.set(parent, unseenChildren.get(parent)! + 1);
    }
  }
  // A stack: the last pushed is drawn next, so push in reverse to keep input order.
  const ready = nodes.filter((node) => unseenChildren.get(node.revision) === 0).reverse();
  const ordered: DrawNode[] = [];
  while (ready.length > 0) {
    const node = ready.pop()!;
    ordered.push(node);
    const released: DrawNode[] = [];
    for (const parentId of node.downRevisions) {
      const remaining = unseenChildren.get(parentId);
      if (remaining === undefined) continue;
      unseenChildren.set(parentId, remaining - 1);
      if (remaining === 1) released.push(byId.get(parentId)!);
    }
    ready.push(...released.reverse());
  }
  return ordered;
}
