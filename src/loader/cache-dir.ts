import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const cacheDirByFolder = new Map<string, string>();

/**
 * Where ambix keeps its caches for files in `folder`: `<nearest package root>/node_modules/.cache/ambix`
 * when that package has node_modules (where build tools conventionally keep caches), else a folder in
 * the OS temp directory. Caches are an optimisation only: losing the folder costs time, never results.
 */
export function cacheDirFor(folder: string): string {
  const known = cacheDirByFolder.get(folder);
  if (known !== undefined) return known;
  let current = folder;
  let found = join(tmpdir(), 'ambix-cache');
  for (;;) {
    if (existsSync(join(current, 'package.json'))) {
      // Never create node_modules in a project that has none (ambix installed globally).
      if (existsSync(join(current, 'node_modules'))) found = join(current, 'node_modules', '.cache', 'ambix');
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  cacheDirByFolder.set(folder, found);
  return found;
}
