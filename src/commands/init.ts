import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/index.js';
import { DirectoryNotEmptyError } from './errors.js';

export interface InitOptions {
  /** The project folder (default: `cwd`); created when missing. */
  readonly directory?: string;
  readonly cwd?: string;
  /** The version location inside it (default `migrations`). */
  readonly migrations?: string;
}

export interface InitResult {
  readonly directory: string;
  readonly migrations: string;
  /** Absolute paths of the files and folders written. */
  readonly created: readonly string[];
  /** Files left alone because they already existed (an existing config is never overwritten). */
  readonly skipped: readonly string[];
}

/**
 * A new project skeleton: `ambix.config.ts` (DATABASE_URL, else SQLite in `app.db` beside it, so
 * `upgrade head` works at once), an empty version location and a README in it. Refuses
 * a version location that already holds files (§8 `init`), before writing anything.
 */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd();
  const directory = resolve(cwd, options.directory ?? '.');
  const migrations = resolve(directory, options.migrations ?? 'migrations');
  if (existsSync(migrations) && readdirSync(migrations).length > 0)
    throw new DirectoryNotEmptyError(migrations);

  const created: string[] = [];
  const skipped: string[] = [];
  for (const folder of [directory, migrations]) {
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true });
      created.push(folder);
    }
  }
  const existingConfig = CONFIG_FILE_NAMES.map((name) => join(directory, name)).find((path) =>
    existsSync(path),
  );
  if (existingConfig === undefined) {
    const configPath = join(directory, 'ambix.config.ts');
    writeFileSync(configPath, configSource(relative(directory, migrations) || '.'), { flag: 'wx' });
    created.push(configPath);
  } else {
    skipped.push(existingConfig);
  }
  const readme = join(migrations, 'README.md');
  writeFileSync(readme, README, { flag: 'wx' });
  created.push(readme);
  return { directory, migrations, created, skipped };
}

function configSource(migrations: string): string {
  return `import { defineConfig } from 'ambix';

export default defineConfig({
  // The database to migrate: DATABASE_URL when set, else a SQLite file next to this config
  // (found the same way from any working directory). \`--url\` on the command line wins.
  url: process.env.DATABASE_URL ?? \`sqlite:///\${import.meta.dirname}/app.db\`,
  // Version locations: folders holding one file per revision.
  migrations: ${JSON.stringify(migrations.split('\\').join('/'))},
});
`;
}

const README = `# Revisions

One file per revision, created with \`ambix revision -m "what it does"\`. Each exports its id
(\`revision\`), its parent (\`downRevision\`, \`null\` for the first one) and \`upgrade\` / \`downgrade\`
functions that receive \`op\`.

- \`ambix history\` lists them, \`ambix graph\` draws them.
- \`ambix upgrade head\` applies them, \`ambix downgrade -1\` reverts the last one.
`;
