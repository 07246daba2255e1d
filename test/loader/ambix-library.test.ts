import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as ambix from '../../src/index.js';
import { loadModule } from '../../src/loader/index.js';
import { ambixLibraryLoader } from '../../src/loader/library.js';

const folder = mkdtempSync(join(tmpdir(), 'ambix-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function revision(name: string, code: string): string {
  const file = join(folder, name);
  writeFileSync(file, code);
  return file;
}

describe("'ambix' inside a module the loader runs", () => {
  it('is the library the entry handed in: the same objects the package exports', async () => {
    const file = revision(
      'uses-errors.ts',
      [
        "import { AmbixError, ModuleNotFoundError, t } from 'ambix';",
        "export const thrown = new ModuleNotFoundError('/nowhere.ts');",
        'export const isAmbixError = thrown instanceof AmbixError;',
        'export { AmbixError, t };',
      ].join('\n'),
    );
    const module = await loadModule(file);
    expect(module.AmbixError).toBe(ambix.AmbixError);
    expect(module.t).toBe(ambix.t);
    expect(module.isAmbixError).toBe(true);
    expect(module.thrown).toBeInstanceOf(ambix.ModuleNotFoundError);
  });

  it('is registered by the library entry itself when the entry is imported', async () => {
    const load = ambixLibraryLoader();
    expect(load).toBeDefined();
    const library = (await load?.()) as typeof ambix;
    expect(library.AmbixError).toBe(ambix.AmbixError);
    expect(library.upgrade).toBe(ambix.upgrade);
  });
});
