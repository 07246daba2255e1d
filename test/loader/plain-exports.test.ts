import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainExports } from '../../src/loader/plain-exports.js';
import { readSourceBytes } from '../../src/loader/source-digest.js';
import { transpileTypeScript } from '../../src/loader/transpile.js';

const root = mkdtempSync(join(tmpdir(), 'ambix-plain-exports-'));
writeFileSync(join(root, 'package.json'), '{}');
mkdirSync(join(root, 'node_modules'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** esbuild's CommonJS code for a TypeScript source, as the loader gets it. */
function esbuildCode(source: string): string {
  const file = join(root, `m${++counter}.ts`);
  writeFileSync(file, source);
  return transpileTypeScript(file, readSourceBytes(file)).code;
}

/** Runs CommonJS code and returns its exports, as plain values. */
function run(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'require', 'module', code)(
    module.exports,
    createRequire(join(root, 'x.js')),
    module,
  );
  return module.exports;
}

const revision = `import type { Operations } from 'ambix';

export const revision = 'abc123';
export const downRevision: string | null = null;
export const message = 'create things';

export async function upgrade(op: Operations): Promise<void> {
  await op.execute('CREATE TABLE t (id INTEGER)');
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute('DROP TABLE t');
}
`;

describe("a revision's exports as plain properties", () => {
  it('rewrites a revision of consts and functions: the same exports, as data, on the same lines', () => {
    const code = esbuildCode(revision);
    const plain = plainExports(code);
    expect(plain).not.toBe(code);
    expect(plain).not.toContain('__export(');
    const before = run(code);
    const after = run(plain);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const key of Object.keys(before)) expect(typeof after[key]).toBe(typeof before[key]);
    expect([after.revision, after.downRevision, after.message]).toEqual(['abc123', null, 'create things']);
    expect(after.__esModule).toBe(true);
    expect(Object.getOwnPropertyDescriptor(after, 'upgrade')).toMatchObject({ writable: true });
    // Every line of esbuild's code keeps its number; the assignments come after the last one.
    const lineOf = (text: string, needle: string) =>
      text.split('\n').findIndex((line) => line.includes(needle));
    expect(lineOf(plain, 'DROP TABLE t')).toBe(lineOf(code, 'DROP TABLE t'));
    expect(plain.split('\n').length).toBe(code.split('\n').length + 1);
  });

  it('keeps renamed and default exports under their exported names', () => {
    const plain = plainExports(
      esbuildCode('const a = 1;\nexport { a as b };\nexport default async function upgrade() {}\n'),
    );
    expect(plain).not.toContain('__export(');
    expect(run(plain)).toMatchObject({ b: 1, default: expect.any(Function) });
  });

  const unchanged: [string, string][] = [
    ['a let, which may change after loading', 'export let count = 0;\nexport function bump() { count++; }\n'],
    ['a function assigned to', 'export function upgrade() {}\nif (Math.random() > 2) upgrade = () => {};\n'],
    ['a function passed around as a value', 'export function upgrade() {}\nexport const all = [upgrade];\n'],
    [
      'a module requiring a relative module (a cycle could see it half-loaded)',
      "import { x } from './helper';\nexport const y = x;\n",
    ],
    ['a module re-exporting another', "export * from 'node:path';\nexport const y = 1;\n"],
    ['a class, which may be reassigned', 'export class Thing {}\n'],
  ];
  it.each(unchanged)("leaves esbuild's getters in %s", (_, source) => {
    const code = esbuildCode(source);
    expect(plainExports(code)).toBe(code);
  });
});
