/** The `graph --format` values; apart from the drawing code so the CLI can list them without loading it. */
export const GRAPH_FORMATS = ['ascii', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}
