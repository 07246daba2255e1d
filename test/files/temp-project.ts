import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const REPO_NODE_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules');

export interface TempProject {
  readonly root: string;
  /** Absolute path of a file inside the project. */
  path(relative: string): string;
  write(relative: string, content: string): string;
}

const created: string[] = [];

afterEach(() => {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A throw-away project folder, removed after the test. With `linkNodeModules`, bare imports
 * (`kysely`) resolve from it as from a real project that installed them.
 */
export function createTempProject(
  files: Record<string, string> = {},
  options: { linkNodeModules?: boolean } = {},
) {
  const root = mkdtempSync(join(tmpdir(), 'ambix-test-'));
  created.push(root);
  if (options.linkNodeModules === true) symlinkSync(REPO_NODE_MODULES, join(root, 'node_modules'), 'dir');
  const project: TempProject = {
    root,
    path: (relative) => join(root, relative),
    write: (relative, content) => {
      const file = join(root, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
  };
  for (const [relative, content] of Object.entries(files)) project.write(relative, content);
  return project;
}
