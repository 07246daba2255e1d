import { describe, expect, test } from 'vitest';
import { drawDot, drawGraph, drawMermaid, isGraphFormat } from '../../src/draw/index.js';
import { node } from './nodes.js';

const merged = [
  node('a', []),
  node('b1', ['a']),
  node('b2', ['a'], { dependencies: ['b1'] }),
  node('m', ['b1', 'b2'], { isHead: true }),
];

describe('Mermaid', () => {
  test('draws a bottom-to-top flowchart with one box per revision', () => {
    const text = drawMermaid(merged);
    expect(text.split('\n')[0]).toBe('flowchart BT');
    expect(text).toContain('r_m["m (head), msg m"]');
    expect(text).toContain('r_a["a, msg a"]');
  });

  test('draws parent to child edges solid and dependencies dashed', () => {
    const text = drawMermaid(merged);
    expect(text).toContain('r_b1 --> r_m');
    expect(text).toContain('r_b2 --> r_m');
    expect(text).toContain('r_a --> r_b1');
    expect(text).toContain('r_b1 -.-> r_b2');
  });

  test('escapes quotes in messages and gives ids with other characters a numbered key', () => {
    const text = drawMermaid([{ ...node('v1.0', []), message: 'say "hi"' }]);
    expect(text).toContain('n0["v1.0, say #quot;hi#quot;"]');
  });
});

describe('DOT', () => {
  test('draws a digraph with quoted ids, heads in bold', () => {
    const text = drawDot(merged);
    expect(text.startsWith('digraph revisions {\n  rankdir=BT;')).toBe(true);
    expect(text).toContain('"m" [label="m (head), msg m", style=bold];');
    expect(text).toContain('"a" [label="a, msg a"];');
    expect(text.trimEnd().endsWith('}')).toBe(true);
  });

  test('draws parent to child edges and dashed dependency edges', () => {
    const text = drawDot(merged);
    expect(text).toContain('"b1" -> "m";');
    expect(text).toContain('"b1" -> "b2" [style=dashed];');
  });

  test('escapes quotes and backslashes', () => {
    const text = drawDot([{ ...node('a', []), message: 'path C:\\x "q"' }]);
    expect(text).toContain('[label="a, path C:\\\\x \\"q\\""]');
  });
});

describe('format choice', () => {
  test('knows ascii, mermaid and dot, nothing else', () => {
    expect(['ascii', 'mermaid', 'dot'].every(isGraphFormat)).toBe(true);
    expect(isGraphFormat('svg')).toBe(false);
  });

  test('dispatches to the drawing of the chosen format', () => {
    expect(drawGraph(merged, 'dot')).toBe(drawDot(merged));
    expect(drawGraph(merged, 'mermaid')).toBe(drawMermaid(merged));
    expect(drawGraph(merged, 'ascii').startsWith('* m (head)')).toBe(true);
  });
});
