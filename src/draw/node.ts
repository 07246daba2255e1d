/** One revision as the drawings see it: only the facts a picture shows. */
export interface DrawNode {
  readonly revision: string;
  /** Versioned parents (`downRevision`), drawn as solid edges. */
  readonly downRevisions: readonly string[];
  /** `dependsOn` entries resolved to revision ids, drawn as dashed edges where the format allows. */
  readonly dependencies: readonly string[];
  readonly branchLabels: readonly string[];
  readonly isHead: boolean;
  readonly message: string | null;
}

/** `<id> (labels) (head), message` — the caption every format prints beside a node. */
export function nodeCaption(node: DrawNode): string {
  let caption = node.revision;
  if (node.branchLabels.length > 0) caption += ` (${node.branchLabels.join(', ')})`;
  if (node.isHead) caption += ' (head)';
  if (node.message) caption += `, ${node.message}`;
  return caption;
}
