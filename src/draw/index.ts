import { drawDot } from './dot.js';
import type { GraphFormat } from './formats.js';
import { drawLanes } from './lanes.js';
import { drawMermaid } from './mermaid.js';
import type { DrawNode } from './node.js';

export { GRAPH_FORMATS, type GraphFormat, isGraphFormat } from './formats.js';
export type { DrawNode } from './node.js';
export { nodeCaption } from './node.js';
export { newestFirst } from './order.js';
export { drawDot, drawLanes, drawMermaid };

export function drawGraph(nodes: readonly DrawNode[], format: GraphFormat): string {
  if (format === 'mermaid') return drawMermaid(nodes);
  if (format === 'dot') return drawDot(nodes);
  return drawLanes(nodes);
}
