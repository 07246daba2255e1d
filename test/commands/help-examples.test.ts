import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { COMMAND_EXAMPLES } from '../../src/cli/examples.js';
import { cli } from './run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'ambix-help-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The command names `ambix --help` lists (the built-in `help` aside). */
async function commandNames(): Promise<string[]> {
  const { stdout } = await cli(['--help'], { cwd });
  const section = stdout.slice(stdout.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)]
    .map((match) => match[1]!)
    .filter((name) => name !== 'help');
}

describe('--help shows examples', () => {
  test('every command has examples, and every example names its command', async () => {
    const names = await commandNames();
    expect(names).toContain('baseline');
    expect(Object.keys(COMMAND_EXAMPLES).sort()).toEqual([...names].sort());
    for (const [name, examples] of Object.entries(COMMAND_EXAMPLES)) {
      for (const example of examples) expect(example.startsWith(`ambix ${name}`)).toBe(true);
    }
  });

  test('each command prints its examples after its options, and every option they use exists', async () => {
    for (const [name, examples] of Object.entries(COMMAND_EXAMPLES)) {
      const { code, stdout } = await cli([name, '--help'], { cwd });
      expect(code).toBe(0);
      const [options, shown] = stdout.split('\nExamples:\n');
      expect(shown, name).toBeDefined();
      for (const example of examples) {
        expect(shown).toContain(`$ ${example}`);
        for (const flag of example.match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []) {
          expect(options, `${name}: ${flag}`).toMatch(new RegExp(`(^|[ ,])${flag}[ ,<\\n]`, 'm'));
        }
      }
    }
  });
});
