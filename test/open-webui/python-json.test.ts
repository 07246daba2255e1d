/**
 * Re-encoded JSON is byte-identical to Python's `json.dumps` (what Alembic's runs store), checked
 * against the real Python on this machine; stored JSON text decoded and re-encoded gives back what
 * Python's json.loads / json.dumps give.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeText, pythonJson } from '../../examples/open-webui/migrations/lib/json.js';

const SAMPLES: readonly unknown[] = [
  { title: 'Trip', tags: ['a', 'b'], nested: { n: 1, f: 1.5, t: true, z: null } },
  'café ☕ — "quoted" \\ back\nslash\ttab\u0001\u007f',
  '😀 astral',
  [],
  {},
  -12.25,
  1e21,
  1e-7,
  0.0001,
  0.1,
  123.456,
  -2.5e-5,
  1.7e308,
  123456789012,
  1717000005000,
];

function pythonDumps(values: readonly unknown[]): string[] | null {
  const script = 'import json,sys\nfor v in json.loads(sys.stdin.read()): print(json.dumps(v))';
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trimEnd().split('\n') : null;
}

const python = pythonDumps(SAMPLES);

describe.skipIf(python === null)('pythonJson', () => {
  it.each(SAMPLES.map((value, index) => ({ value, index })))(
    'encodes sample $index as json.dumps does',
    ({ value, index }) => {
      expect(pythonJson(value)).toBe(python?.[index]);
    },
  );
});

/** Stored texts whose round trip through JavaScript must not change a thing, and texts Python refuses. */
const TEXTS: readonly string[] = [
  '{"b": 9007199254740993, "a": 123456789012345678901234567890, "f": 1.0, "2": 1, "1": -0}',
  '[NaN, Infinity, -Infinity, 1e400, -1e400, 1E5, 1e-7, 0.1, -0.0, 1.5e16, 100.0, 2.50]',
  '{"a": 1, "a": 2, "b": {"a": [], "__proto__": {"x": null}}}',
  ' \t\n\r[true, false, null]\r\n',
  '"caf\\u00e9 \\ud83d\\ude00 \\ud800 \\/ \\"q\\""',
  '{"10": "ten", "9": "nine", "-1": "minus", "x": {"3": 3, "1": 1}}',
  '[0.1, 2.5, -12.25, 1e-7, 1.5e300, 123456789012345, -0, {"k": "\\"12\\": 1.0"}]',
  '{"a": "\\"1\\": 2", "b": [1e5, 2.0]}',
  '{"n": 1234567890123456, "m": -1234567890123456, "z": 1e-400}',
  '{"a":1,}',
  '[1,]',
  '01',
  '1.',
  '.5',
  '+1',
  '0x10',
  '{"a" 1}',
  '[1] x',
  '\u00a0[1]',
  '// c\n1',
  '/* c */ 1',
  'nan',
  '-NaN',
  '- Infinity',
  'Infinityx',
  '"a\tb"',
  "'a'",
  '',
  '   ',
  '[',
  '{"a": 1',
  'true false',
  'TRUE',
  '{a: 1}',
];

function pythonRoundTrips(texts: readonly string[]): string[] | null {
  const script = [
    'import json, sys',
    'for text in json.loads(sys.stdin.read()):',
    '    try:',
    '        print(json.dumps(json.loads(text)))',
    '    except ValueError:',
    "        print('refused')",
  ].join('\n');
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trimEnd().split('\n') : null;
}

const pythonTexts = pythonRoundTrips(TEXTS);

describe.skipIf(pythonTexts === null)('decodeText then pythonJson', () => {
  it.each(TEXTS.map((text, index) => ({ text, index })))(
    'gives back text $index as json.dumps(json.loads(text)) does, or refuses it as Python does',
    ({ text, index }) => {
      const decoded = decodeText(text);
      expect(decoded.ok ? pythonJson(decoded.value) : 'refused').toBe(pythonTexts?.[index]);
    },
  );
});
