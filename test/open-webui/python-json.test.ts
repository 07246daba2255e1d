/**
 * Re-encoded JSON is byte-identical to Python's `json.dumps` (what Alembic's runs store), checked
 * against the real Python on this machine.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonJson } from '../../examples/open-webui/migrations/lib/json.js';

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
