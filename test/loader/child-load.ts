// Run in a child process by transpile-cache.test.ts: loads each file given, in order, in one fresh
// process, and prints what the module reports about itself as JSON lines.
import '../support/ambix-library.js';
import { loadModule } from '../../src/loader/index.js';

for (const file of process.argv.slice(2)) {
  const module = await loadModule(file);
  let site = '';
  try {
    (module.fail as () => never)();
  } catch (error) {
    site = /\bat (?:\S+\.)?fail \((.*)\)/.exec((error as Error).stack ?? '')?.[1] ?? '';
  }
  process.stdout.write(
    `${JSON.stringify({ url: module.url, file: module.file, site, value: module.value })}\n`,
  );
}
