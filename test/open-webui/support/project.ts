/** The Open WebUI example project and ways to drive it through ambix's command API. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downgrade, type RunEventListener, upgrade } from '../../../src/index.js';

export const EXAMPLE_DIR = resolve(import.meta.dirname, '../../../examples/open-webui');
export const MIGRATIONS_DIR = join(EXAMPLE_DIR, 'migrations');

/** Revision ids that have a file in the example, by id. */
export function exampleRevisions(): Set<string> {
  if (!existsSync(MIGRATIONS_DIR)) return new Set();
  return new Set(
    readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^[0-9a-f]{12}_.*\.ts$/.test(name))
      .map((name) => name.slice(0, 12)),
  );
}

// Progress lines of the data migrations are noise in test output.
process.env.AMBIX_OPENWEBUI_QUIET = '1';

export async function upgradeTo(url: string, target: string, onEvent?: RunEventListener): Promise<void> {
  await upgrade({ cwd: EXAMPLE_DIR, url, target, ...(onEvent === undefined ? {} : { onEvent }) });
}

export async function downgradeTo(url: string, target: string): Promise<void> {
  await downgrade({ cwd: EXAMPLE_DIR, url, target });
}
