import { describe, expect, it } from 'vitest';
import { ModuleSyntaxError } from '../../src/loader/errors.js';
import { MissingMigrationFunctionError, RevisionImportError } from '../../src/script/file-errors.js';
import type { RevisionFormat } from '../../src/script/revision.js';
import { loadRevisionCode, preloadRevisionCode } from '../../src/script/revision-code.js';
import { readRevisionFile } from '../../src/script/revision-file.js';
import { createTempProject } from './temp-project.js';

const HEADER = "export const revision = 'a1';\nexport const downRevision = null;\n";

async function load(name: string, source: string, format: RevisionFormat) {
  const project = createTempProject({ [name]: source });
  return loadRevisionCode(readRevisionFile(project.path(name), format), 'sqlite');
}

describe('loading a revision’s code', () => {
  it('passes the op object to a TypeScript revision’s upgrade and downgrade', async () => {
    const code = await load(
      'a1.ts',
      `${HEADER}
type Op = { calls: string[] };
export async function upgrade(op: Op): Promise<void> { op.calls.push('up'); }
export async function downgrade(op: Op): Promise<void> { op.calls.push('down'); }
`,
      'typescript',
    );
    const op = { calls: [] as string[] };
    if (code.kind !== 'module') throw new Error('expected a module revision');
    await code.upgrade(op);
    await code.downgrade(op);
    expect(op.calls).toEqual(['up', 'down']);
  });

  it('accepts plain functions and returns promises for them', async () => {
    const code = await load(
      'a1.mjs',
      `${HEADER}export function upgrade(op) { op.ran = true; }\nexport function downgrade() {}\n`,
      'javascript',
    );
    const op: { ran?: boolean } = {};
    if (code.kind !== 'module') throw new Error('expected a module revision');
    await expect(code.upgrade(op)).resolves.toBeUndefined();
    expect(op.ran).toBe(true);
  });

  it('rejects a module without downgrade, naming the file', async () => {
    const project = createTempProject({ 'a1.ts': `${HEADER}export async function upgrade() {}\n` });
    const error = await loadRevisionCode(
      readRevisionFile(project.path('a1.ts'), 'typescript'),
      'sqlite',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingMigrationFunctionError);
    expect((error as Error).message).toContain(project.path('a1.ts'));
    expect((error as Error).message).toContain("'downgrade(op)'");
  });

  it('wraps a syntax error with the file name and keeps the cause', async () => {
    const project = createTempProject({ 'a1.ts': `${HEADER}export async function upgrade( {\n` });
    const error = await loadRevisionCode(
      readRevisionFile(project.path('a1.ts'), 'typescript'),
      'sqlite',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionImportError);
    expect((error as Error).message).toContain(project.path('a1.ts'));
    expect((error as Error).cause).toBeInstanceOf(ModuleSyntaxError);
  });

  it('wraps an error thrown while the module initialises', async () => {
    const project = createTempProject({ 'a1.ts': `${HEADER}throw new Error('boom at import');\n` });
    const error = await loadRevisionCode(
      readRevisionFile(project.path('a1.ts'), 'typescript'),
      'sqlite',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionImportError);
    expect((error as Error).message).toContain('boom at import');
  });

  it('loads revisions prepared together by preloadRevisionCode', async () => {
    const project = createTempProject({
      'a1.ts': `${HEADER}export async function upgrade(op: string[]) { op.push('a1'); }\nexport async function downgrade() {}\n`,
      'b2.sql': '-- revision: b2\n-- downRevision: a1\n-- upgrade\nSELECT 1;\n-- downgrade\n',
    });
    const revisions = [
      readRevisionFile(project.path('a1.ts'), 'typescript'),
      readRevisionFile(project.path('b2.sql'), 'sql'),
    ];
    await preloadRevisionCode(revisions);
    const ran: string[] = [];
    const [first, second] = await Promise.all(
      revisions.map((revision) => loadRevisionCode(revision, 'sqlite')),
    );
    if (first?.kind !== 'module') throw new Error('expected a module revision');
    await first.upgrade(ran);
    expect(ran).toEqual(['a1']);
    expect(second).toEqual({ kind: 'sql', upgrade: ['SELECT 1'], downgrade: [] });
  });

  it('gives a .sql revision’s statements per direction', async () => {
    const code = await load(
      'a1.sql',
      '-- revision: a1\n-- downRevision: null\n-- upgrade\nCREATE TABLE t (id INT);\n-- downgrade\nDROP TABLE t;\n',
      'sql',
    );
    expect(code).toEqual({ kind: 'sql', upgrade: ['CREATE TABLE t (id INT)'], downgrade: ['DROP TABLE t'] });
  });
});
