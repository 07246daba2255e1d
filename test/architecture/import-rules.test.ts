import { describe, expect, it } from 'vitest';
import { type ImportEdge, importCycles, importEdges, layerOf, sourceFiles } from './import-graph.js';
import { disallowedImports, loadingImports, MAY_IMPORT } from './layer-rules.js';

const edge = (from: string, to: string, kind: Partial<ImportEdge> = {}): ImportEdge => ({
  from,
  to,
  typeOnly: false,
  dynamic: false,
  ...kind,
});

describe('the import rules of src/ (docs/architecture.md, "Layers")', () => {
  const edges = importEdges();

  it('places every source file in a layer the rules name', () => {
    const unplaced = sourceFiles().filter((file) => !(layerOf(file) in MAY_IMPORT));
    expect(unplaced).toEqual([]);
  });

  it('lets every layer import only the layers below it that the rules name', () => {
    expect(disallowedImports(edges)).toEqual([]);
  });

  it('has no import cycle among the imports that load code (static or dynamic)', () => {
    expect(importCycles(loadingImports(edges))).toEqual([]);
  });

  it('reads every kind of import: static, re-export, type-only and dynamic', () => {
    const fromCliMain = edges.filter((found) => found.from === 'cli/main.ts');
    expect(fromCliMain.some((found) => found.to === 'commands/presentation.ts' && !found.typeOnly)).toBe(
      true,
    );
    const fromRead = edges.filter((found) => found.from === 'cli/commands/read.ts');
    expect(fromRead.some((found) => found.to === 'commands/graph.ts' && found.dynamic)).toBe(true);
    expect(edges.some((found) => found.from === 'api.ts' && found.typeOnly)).toBe(true);
  });
});

describe('the import rule checker', () => {
  it('rejects a CLI module that imports the runtime, even lazily', () => {
    expect(disallowedImports([edge('cli/io.ts', 'runtime/redact.ts', { dynamic: true })])).toEqual([
      'cli/io.ts → runtime/redact.ts (dynamic)',
    ]);
  });

  it('lets the CLI import types from below the command layer, but not values', () => {
    expect(disallowedImports([edge('cli/events.ts', 'runtime/events.ts', { typeOnly: true })])).toEqual([]);
    expect(disallowedImports([edge('cli/events.ts', 'runtime/events.ts')])).toHaveLength(1);
  });

  it('allows a single named file of another layer without allowing the layer', () => {
    expect(disallowedImports([edge('autogenerate/a.ts', 'safety/type-change.ts')])).toEqual([]);
    expect(disallowedImports([edge('autogenerate/a.ts', 'safety/classify.ts')])).toHaveLength(1);
  });

  it('finds a cycle through several files, and none in a chain', () => {
    const cycle = [edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts')];
    expect(importCycles(cycle)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(importCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts')])).toEqual([]);
  });
});
