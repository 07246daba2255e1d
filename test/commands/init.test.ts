import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { heads, init, revision } from '../../src/commands/index.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'ambix-init-'));
  roots.push(root);
  return root;
}

describe('init', () => {
  test('creates the folder, ambix.config.ts using defineConfig and an empty migrations folder', async () => {
    const root = scratch();
    const result = await init({ cwd: root, directory: 'app' });
    const config = readFileSync(join(root, 'app', 'ambix.config.ts'), 'utf8');
    expect(config).toContain("import { defineConfig } from 'ambix'");
    expect(config).toContain('migrations: "migrations"');
    expect(existsSync(join(root, 'app', 'migrations'))).toBe(true);
    expect(result.created).toContain(join(root, 'app', 'ambix.config.ts'));
  });

  test('the new project works: a revision can be written and read back', async () => {
    const root = scratch();
    await init({ cwd: root });
    const written = await revision({ cwd: root, revId: 'first', message: 'start' });
    expect(written.path).toBe(join(root, 'migrations', 'first_start.ts'));
    expect((await heads({ cwd: root })).heads.map((head) => head.revision)).toEqual(['first']);
  });

  test('a migrations folder that already holds files is refused, nothing written', async () => {
    const root = scratch();
    mkdirSync(join(root, 'migrations'));
    writeFileSync(join(root, 'migrations', 'old.ts'), '');
    await expect(init({ cwd: root })).rejects.toThrow(/already exists and is not empty/);
    expect(existsSync(join(root, 'ambix.config.ts'))).toBe(false);
  });

  test('an existing config file is kept and reported as skipped', async () => {
    const root = scratch();
    writeFileSync(join(root, 'ambix.config.json'), '{}');
    const result = await init({ cwd: root });
    expect(result.skipped).toEqual([join(root, 'ambix.config.json')]);
    expect(existsSync(join(root, 'ambix.config.ts'))).toBe(false);
  });
});
