import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFIG_DEFAULTS,
  ConfigFileNotFoundError,
  InvalidConfigError,
  loadConfig,
  resolveDatabaseUrl,
} from '../../src/config/index.js';
import { createTempProject } from '../files/temp-project.js';

let savedDatabaseUrl: string | undefined;

beforeEach(() => {
  savedDatabaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
});

afterEach(() => {
  if (savedDatabaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedDatabaseUrl;
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('finding the config file', () => {
  it('runs on defaults with ./migrations under the working directory when there is no config', async () => {
    const project = createTempProject();
    const config = await loadConfig({ cwd: project.root });
    expect(config).toEqual({
      ...CONFIG_DEFAULTS,
      configPath: null,
      rootDir: project.root,
      url: null,
      migrations: [project.path('migrations')],
    });
  });

  it('finds ambix.config.json in a parent folder and resolves migrations against it', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"migrations": "db/versions"}' });
    mkdirSync(project.path('src/deep'), { recursive: true });
    const config = await loadConfig({ cwd: project.path('src/deep') });
    expect(config.configPath).toBe(project.path('ambix.config.json'));
    expect(config.rootDir).toBe(project.root);
    expect(config.migrations).toEqual([project.path('db/versions')]);
  });

  it('loads the default export of ambix.config.ts written with defineConfig', async () => {
    const project = createTempProject({
      'ambix.config.ts': `import { defineConfig } from 'ambix';
export default defineConfig({ versionTable: 'schema_history', migrations: ['a', 'b'], transactionMode: 'all' });
`,
    });
    const config = await loadConfig({ cwd: project.root });
    expect(config).toMatchObject({
      versionTable: 'schema_history',
      migrations: [project.path('a'), project.path('b')],
      transactionMode: 'all',
    });
  });

  it('loads an ESM ambix.config.mjs', async () => {
    const project = createTempProject({ 'ambix.config.mjs': 'export default { lockTimeout: 5000 };\n' });
    expect((await loadConfig({ cwd: project.root })).lockTimeout).toBe(5000);
  });

  it('uses --config instead of searching, relative to the working directory', async () => {
    const project = createTempProject({
      'ambix.config.json': '{"versionTable": "found_by_search"}',
      'conf/other.json': '{"versionTable": "given"}',
    });
    const config = await loadConfig({ cwd: project.root, configPath: 'conf/other.json' });
    expect(config.versionTable).toBe('given');
    expect(config.rootDir).toBe(project.path('conf'));
  });

  it('rejects a --config path that does not exist, naming it', async () => {
    const project = createTempProject();
    const error = await rejection(loadConfig({ cwd: project.root, configPath: 'missing.ts' }));
    expect(error).toBeInstanceOf(ConfigFileNotFoundError);
    expect((error as Error).message).toContain(project.path('missing.ts'));
  });

  it('rejects two config files in one folder', async () => {
    const project = createTempProject({
      'ambix.config.json': '{}',
      'ambix.config.mjs': 'export default {};',
    });
    expect(await rejection(loadConfig({ cwd: project.root }))).toBeInstanceOf(InvalidConfigError);
  });
});

describe('validating the config', () => {
  it('rejects an unknown key, naming the key and the file', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"migration": "db"}' });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      key: 'migration',
      file: project.path('ambix.config.json'),
    });
    expect((error as Error).message).toContain(project.path('ambix.config.json'));
  });

  it('rejects a value of the wrong type, naming the key', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"lockTimeout": "60s"}' });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({ key: 'lockTimeout' });
    expect((error as Error).message).toContain("'lockTimeout'");
  });

  it('turns the history table off with historyTable: false', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"historyTable": false}' });
    expect((await loadConfig({ cwd: project.root })).historyTable).toBeNull();
  });

  it('rejects historyTable: true, saying it takes a table name or false', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"historyTable": true}' });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({ key: 'historyTable' });
    expect((error as Error).message).toContain('a table name, or false');
  });

  it('rejects an unknown transaction mode', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"transactionMode": "sometimes"}' });
    expect(await rejection(loadConfig({ cwd: project.root }))).toMatchObject({ key: 'transactionMode' });
  });

  it('rejects an empty migrations list', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"migrations": []}' });
    expect(await rejection(loadConfig({ cwd: project.root }))).toMatchObject({ key: 'migrations' });
  });

  it('rejects a config module without a default export', async () => {
    const project = createTempProject({
      'ambix.config.ts': "export const config = { url: 'sqlite://x' };\n",
    });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toContain('default export');
  });

  it('rejects malformed JSON, naming the file', async () => {
    const project = createTempProject({ 'ambix.config.json': '{"url": ' });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', file: project.path('ambix.config.json') });
  });

  it('reports a syntax error in ambix.config.ts with the file and line', async () => {
    const project = createTempProject({ 'ambix.config.ts': "export default {\n  url: 'sqlite://x',,\n};\n" });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({ code: 'MODULE_SYNTAX', file: project.path('ambix.config.ts'), line: 2 });
  });

  it('validates the keys of a TypeScript config like those of JSON', async () => {
    const project = createTempProject({ 'ambix.config.ts': 'export default { revisionFormat: "yaml" };\n' });
    const error = await rejection(loadConfig({ cwd: project.root }));
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      key: 'revisionFormat',
      file: project.path('ambix.config.ts'),
    });
  });

  it('accepts a $schema key in JSON for editor support', async () => {
    const project = createTempProject({
      'ambix.config.json': '{"$schema": "./schema.json", "truncateSlugLength": 20}',
    });
    expect((await loadConfig({ cwd: project.root })).truncateSlugLength).toBe(20);
  });
});

describe('command-line overrides', () => {
  it('replaces the configured migrations with --migrations, resolved against the working directory', async () => {
    const project = createTempProject({ 'conf/ambix.config.json': '{"migrations": "configured"}' });
    const config = await loadConfig({
      cwd: project.root,
      configPath: 'conf/ambix.config.json',
      migrations: ['one', 'two'],
    });
    expect(config.migrations).toEqual([project.path('one'), project.path('two')]);
  });

  it('takes the url from --url over the config and DATABASE_URL', async () => {
    process.env.DATABASE_URL = 'sqlite://env.db';
    const project = createTempProject({ 'ambix.config.json': '{"url": "sqlite://config.db"}' });
    expect((await loadConfig({ cwd: project.root, url: 'sqlite://option.db' })).url).toBe(
      'sqlite://option.db',
    );
    expect((await loadConfig({ cwd: project.root })).url).toBe('sqlite://config.db');
  });

  it('falls back to DATABASE_URL when neither --url nor the config gives one', async () => {
    process.env.DATABASE_URL = 'sqlite://env.db';
    const project = createTempProject();
    expect((await loadConfig({ cwd: project.root })).url).toBe('sqlite://env.db');
  });

  it('treats empty url values as absent', () => {
    expect(resolveDatabaseUrl({ option: '', config: '', env: { DATABASE_URL: 'sqlite://e' } })).toBe(
      'sqlite://e',
    );
    expect(resolveDatabaseUrl({ env: {} })).toBeNull();
  });
});
