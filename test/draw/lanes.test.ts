import { describe, expect, test } from 'vitest';
import { drawLanes } from '../../src/draw/index.js';
import { node } from './nodes.js';

describe('terminal lanes', () => {
  test('a linear history is one lane, newest first', () => {
    const drawing = drawLanes([node('a', []), node('b', ['a']), node('c', ['b'], { isHead: true })]);
    expect(drawing).toBe(['* c (head), msg c', '* b, msg b', '* a, msg a', ''].join('\n'));
  });

  test('a branch point joins the lanes of its children', () => {
    const drawing = drawLanes([
      node('a', []),
      node('b', ['a']),
      node('c1', ['b']),
      node('c2', ['b']),
      node('d1', ['c1'], { isHead: true }),
      node('d2', ['c2'], { isHead: true }),
    ]);
    expect(drawing).toBe(
      [
        '* d1 (head), msg d1',
        '* c1, msg c1',
        '| * d2 (head), msg d2',
        '| * c2, msg c2',
        '|/',
        '* b, msg b',
        '* a, msg a',
        '',
      ].join('\n'),
    );
  });

  test('a merge point splits into one lane per parent', () => {
    const drawing = drawLanes([
      node('a', []),
      node('b1', ['a']),
      node('b2', ['a']),
      node('m', ['b1', 'b2'], { isHead: true }),
    ]);
    expect(drawing).toBe(
      ['* m (head), msg m', '|\\', '* | b1, msg b1', '| * b2, msg b2', '|/', '* a, msg a', ''].join('\n'),
    );
  });

  test('a three-way merge fans out one column per row', () => {
    const drawing = drawLanes([
      node('a', []),
      node('b1', ['a']),
      node('b2', ['a']),
      node('b3', ['a']),
      node('m', ['b1', 'b2', 'b3'], { isHead: true }),
    ]);
    expect(drawing.split('\n').slice(0, 5)).toEqual([
      '* m (head), msg m',
      '|\\',
      '| |\\',
      '* | | b1, msg b1',
      '| * | b2, msg b2',
    ]);
  });

  test('unrelated histories with several bases are separated by a gap', () => {
    const drawing = drawLanes([
      node('a', []),
      node('x', []),
      node('b', ['a'], { isHead: true }),
      node('y', ['x'], { isHead: true }),
    ]);
    expect(drawing).toBe(
      ['* b (head), msg b', '* a, msg a', '', '* y (head), msg y', '* x, msg x', ''].join('\n'),
    );
  });

  test('a base that ends while other lanes continue lets them shift left', () => {
    // y merges its own base x with a, which c also descends from.
    const drawing = drawLanes([
      node('a', []),
      node('x', []),
      node('c', ['a'], { isHead: true }),
      node('y', ['x', 'a'], { isHead: true }),
    ]);
    expect(drawing).toBe(
      [
        '* c (head), msg c',
        '| * y (head), msg y',
        '| |\\',
        '| * | x, msg x',
        '|  /',
        '|/',
        '* a, msg a',
        '',
      ].join('\n'),
    );
  });

  test('branch labels appear beside the revision', () => {
    const drawing = drawLanes([node('a', [], { branchLabels: ['core'], isHead: true })]);
    expect(drawing).toBe('* a (core) (head), msg a\n');
  });

  test('an empty graph draws nothing', () => {
    expect(drawLanes([])).toBe('');
  });

  test('the input order does not need to be newest first', () => {
    const forwards = drawLanes([node('a', []), node('b', ['a']), node('c', ['b'], { isHead: true })]);
    const backwards = drawLanes([node('c', ['b'], { isHead: true }), node('b', ['a']), node('a', [])]);
    expect(backwards).toBe(forwards);
  });
});
