import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

/**
 * ambix's own version, from the nearest package.json named `ambix` above this module: the same
 * answer from src/ (tests), from dist/ and from the bundle's chunks, wherever the file ended up.
 */
export function ambixVersion(): string {
  version ??= findVersion();
  return version;
}

function findVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'ambix') return manifest.version ?? 'unknown';
    } catch {
      // No package.json here (or not readable): keep walking up.
    }
    const parent = dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}
