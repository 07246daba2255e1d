import type { DrawNode } from '../../src/draw/index.js';

/** A node for drawing tests: `node('b', ['a'])`, message `msg b`, head when flagged. */
export function node(
  revision: string,
  downRevisions: readonly string[],
  extra: { isHead?: boolean; branchLabels?: readonly string[]; dependencies?: readonly string[] } = {},
): DrawNode {
  return {
    revision,
    downRevisions,
    dependencies: extra.dependencies ?? [],
    branchLabels: extra.branchLabels ?? [],
    isHead: extra.isHead ?? false,
    message: `msg ${revision}`,
  };
}
