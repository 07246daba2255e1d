import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { current, heads, init, revision, upgrade } from '../../src/commands/index.js';

const roots: string[] = [];
const savedDatabaseUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
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

  test('the new project runs at once: upgrade head with no DATABASE_URL uses app.db beside the config', async () => {
    const root = scratch();
    delete process.env.DATABASE_URL;
    await init({ cwd: root });
    await revision({ cwd: root, revId: 'first', message: 'start' });
    const result = await upgrade({ cwd: root, target: 'head' });
    expect(result.heads).toEqual(['first']);
    expect(existsSync(join(root, 'app.db'))).toBe(true);
  });

  test('DATABASE_URL, when set, is the database the new project uses', async () => {
    const root = scratch();
    const elsewhere = scratch();
    process.env.DATABASE_URL = `sqlite:///${join(elsewhere, 'from-env.db')}`;
    await init({ cwd: root });
    await revision({ cwd: root, revId: 'first', message: 'start' });
    await upgrade({ cwd: root, target: 'head' });
    expect(existsSync(join(elsewhere, 'from-env.db'))).toBe(true);
    expect(existsSync(join(root, 'app.db'))).toBe(false);
    expect((await current({ cwd: root })).rows).toEqual(['first']);
  });
});
