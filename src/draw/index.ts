import { drawDot } from './dot.js';
import { drawLanes } from './lanes.js';
import { drawMermaid } from './mermaid.js';
import type { DrawNode } from './node.js';

export type { DrawNode } from './node.js';
export { nodeCaption } from './node.js';
export { newestFirst } from './order.js';
export { drawDot, drawLanes, drawMermaid };

export const GRAPH_FORMATS = ['ascii', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}

export function drawGraph(nodes: readonly DrawNode[], format: GraphFormat): string {
  if (format === 'mermaid') return drawMermaid(nodes);
  if (format === 'dot') return drawDot(nodes);
  return drawLanes(nodes);
}
