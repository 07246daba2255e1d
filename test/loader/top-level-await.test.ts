import { describe, expect, it } from 'vitest';
import * as ambix from '../../src/index.js';
import { loadModule, ModuleSyntaxError } from '../../src/loader/index.js';
import { createTempProject } from '../files/temp-project.js';
import { childLoader } from './child-process.js';

describe('TypeScript modules with top-level await', () => {
  it('loads a module that awaits at its top level, with its relative and package imports', async () => {
    const project = createTempProject(
      {
        'rev.ts':
          "import { sql } from 'kysely';\nimport { describeStep } from 'ambix';\nimport { tableName } from './names.js';\n" +
          "const name: string = await Promise.resolve(tableName('users'));\n" +
          'export const table = name;\nexport const isSql = typeof sql.raw === "function";\n' +
          'export const library = describeStep;\nexport const url = import.meta.url;\n',
        'names.ts': "export function tableName(base: string): string { return 'app_' + base; }\n",
      },
      { linkNodeModules: true },
    );
    const exports = await loadModule(project.path('rev.ts'));
    expect(exports.table).toBe('app_users');
    expect(exports.isSql).toBe(true);
    expect(typeof exports.library).toBe('function');
    expect(exports.library).toBe(ambix.describeStep);
    expect(exports.url).toBe(`file://${project.path('rev.ts')}`);
  });

  it('reads the module again after it is edited', async () => {
    const project = createTempProject({ 'rev.ts': 'export const value = await Promise.resolve(1);\n' });
    expect((await loadModule(project.path('rev.ts'))).value).toBe(1);
    project.write('rev.ts', 'export const value = await Promise.resolve(2);\n');
    expect((await loadModule(project.path('rev.ts'))).value).toBe(2);
  });

  it('loads an .mts module that awaits at its top level', async () => {
    const project = createTempProject({
      'rev.mts': 'export const value: number = await Promise.resolve(3);\n',
    });
    expect((await loadModule(project.path('rev.mts'))).value).toBe(3);
  });

  it('reports an import it cannot resolve as a syntax error naming the file and line', async () => {
    const project = createTempProject({
      'rev.ts':
        "import { missing } from './missing.js';\nexport const value = await Promise.resolve(missing);\n",
    });
    const error = await loadModule(project.path('rev.ts')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleSyntaxError);
    expect((error as Error).message).toContain(`${project.path('rev.ts')}:1:`);
    expect((error as Error).message).toContain('./missing.js');
  });

  it('names the module’s file in the stack of an error it throws (in a plain Node process)', async () => {
    const project = createTempProject({
      'rev.ts':
        "await Promise.resolve();\nexport const value = 5;\nexport function fail(): never {\n  throw new Error('boom');\n}\n",
    });
    // Vitest imports `data:` modules itself; what users see is Node's own stack.
    const load = await childLoader();
    const { loaded } = await load([project.path('rev.ts')]);
    expect(loaded[0]!.value).toBe(5);
    expect(loaded[0]!.site).toMatch(new RegExp(`^file://${project.path('rev.ts')}:\\d+:\\d+$`));
  });
});
