import { type DrawNode, nodeCaption } from './node.js';
import { newestFirst } from './order.js';

/** Graphviz DOT: boxes captioned like the terminal drawing, parent → child, dependencies dashed. */
export function drawDot(nodes: readonly DrawNode[]): string {
  const ordered = newestFirst(nodes);
  const known = new Set(ordered.map((node) => node.revision));
  const lines = ['digraph revisions {', '  rankdir=BT;', '  node [shape=box];'];
  for (const node of ordered) {
    const style = node.isHead ? ', style=bold' : '';
    lines.push(`  ${dotString(node.revision)} [label=${dotString(nodeCaption(node))}${style}];`);
  }
  for (const node of ordered) {
    for (const parent of node.downRevisions) {
      if (known.has(parent)) lines.push(`  ${dotString(parent)} -> ${dotString(node.revision)};`);
    }
    for (const dependency of node.dependencies) {
      if (known.has(dependency)) {
        lines.push(`  ${dotString(dependency)} -> ${dotString(node.revision)} [style=dashed];`);
      }
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function dotString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
