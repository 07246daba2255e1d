// Run in a child process by module-pack.test.ts: preloads the files given (as a plan's revisions
// are), loads each, and prints one JSON line per file: what it exports, where its `fail()` throws,
// the checksum the history would record, and whether it came from a pack.
import '../support/ambix-library.js';
import { loadModule, preloadModules, readSourceDigest, restorePackedStack } from '../../src/loader/index.js';
import { packedModule } from '../../src/loader/module-pack.js';

// `--later=<ms>`: run as if that much more time had passed (files look settled sooner).
const later = process.argv.find((arg) => arg.startsWith('--later='));
if (later !== undefined) {
  const offset = Number(later.slice('--later='.length));
  const now = Date.now;
  Date.now = () => now() + offset;
}
const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
await preloadModules(files);
for (const file of files) {
  const module = await loadModule(file);
  let site = '';
  try {
    (module.fail as () => never)();
  } catch (error) {
    // As the runtime does for errors from a revision's upgrade or downgrade.
    restorePackedStack(error);
    site = /\bat (?:\S+\.)?fail \((.*)\)/.exec((error as Error).stack ?? '')?.[1] ?? '';
  }
  const line = {
    value: module.value,
    url: module.url,
    site,
    checksum: readSourceDigest(file) ?? null,
    packed: packedModule(file) !== undefined,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
