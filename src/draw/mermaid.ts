import { type DrawNode, nodeCaption } from './node.js';
import { newestFirst } from './order.js';

/**
 * A Mermaid flowchart: bottom to top, so the newest revisions sit at the top as in the terminal.
 * Solid arrows follow `downRevision` (parent → child), dashed ones `dependsOn`.
 */
export function drawMermaid(nodes: readonly DrawNode[]): string {
  const ordered = newestFirst(nodes);
  const keys = mermaidKeys(ordered);
  const lines = ['flowchart BT'];
  for (const node of ordered) lines.push(`  ${keys.get(node.revision)}["${mermaidText(nodeCaption(node))}"]`);
  for (const node of ordered) {
    const child = keys.get(node.revision);
    for (const parent of node.downRevisions) {
      if (keys.has(parent)) lines.push(`  ${keys.get(parent)} --> ${child}`);
    }
    for (const dependency of node.dependencies) {
      if (keys.has(dependency)) lines.push(`  ${keys.get(dependency)} -.-> ${child}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Revision ids may hold characters Mermaid reads as syntax, and bare words like `end` are keywords:
 * word-only ids get a prefix, anything else a numbered key.
 */
function mermaidKeys(nodes: readonly DrawNode[]): Map<string, string> {
  return new Map(
    nodes.map((node, index) => [
      node.revision,
      /^\w+$/.test(node.revision) ? `r_${node.revision}` : `n${index}`,
    ]),
  );
}

/** Mermaid's quoted labels take HTML entities for the characters that would end or break them. */
function mermaidText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '#quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
