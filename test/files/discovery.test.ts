import { existsSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverRevisions } from '../../src/script/discovery.js';
import { HeaderSyntaxError, VersionLocationNotFoundError } from '../../src/script/file-errors.js';
import { createTempProject } from './temp-project.js';

function moduleRevision(id: string, parent: string | null, extra = ''): string {
  return `export const revision = '${id}';\nexport const downRevision = ${parent === null ? 'null' : `'${parent}'`};\n${extra}`;
}

describe('discovering revision files', () => {
  it('loads locations in the order given and files by name within each', async () => {
    const project = createTempProject({
      'first/b_two.ts': moduleRevision('b2', 'a1'),
      'first/a_one.ts': moduleRevision('a1', null),
      'first/B_upper.ts': moduleRevision('B3', 'b2'),
      'second/0_zero.ts': moduleRevision('z0', 'B3'),
    });
    const revisions = await discoverRevisions([project.path('first'), project.path('second')]);
    expect(revisions.map((revision) => revision.id)).toEqual(['B3', 'a1', 'b2', 'z0']);
  });

  it('gives each revision its absolute path and format', async () => {
    const project = createTempProject({
      'm/a.ts': moduleRevision('a', null),
      'm/b.mts': moduleRevision('b', 'a'),
      'm/c.js': moduleRevision('c', 'b'),
      'm/d.mjs': moduleRevision('d', 'c'),
      'm/e.sql': '-- revision: e\n-- downRevision: d\n-- upgrade\n-- downgrade\n',
    });
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.map(({ path, format }) => ({ path, format }))).toEqual([
      { path: project.path('m/a.ts'), format: 'typescript' },
      { path: project.path('m/b.mts'), format: 'typescript' },
      { path: project.path('m/c.js'), format: 'javascript' },
      { path: project.path('m/d.mjs'), format: 'javascript' },
      { path: project.path('m/e.sql'), format: 'sql' },
    ]);
  });

  it('skips sub-folders, dotfiles, declaration files and other extensions', async () => {
    const project = createTempProject({
      'm/a.ts': moduleRevision('a', null),
      'm/nested/b.ts': moduleRevision('b', 'a'),
      'm/.c.ts': moduleRevision('c', 'a'),
      'm/types.d.ts': 'export declare const revision: string;\n',
      'm/README.md': '# notes',
      'm/old.py': 'revision = "x"',
    });
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions.map((revision) => revision.id)).toEqual(['a']);
  });

  it('reads headers without executing the files', async () => {
    const project = createTempProject();
    const marker = project.path('executed');
    project.write(
      'm/a.ts',
      moduleRevision(
        'a',
        null,
        `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'x');\n`,
      ),
    );
    const [revision] = await discoverRevisions([project.path('m')]);
    expect(revision?.id).toBe('a');
    expect(existsSync(marker)).toBe(false);
  });

  it('returns nothing for an empty location', async () => {
    const project = createTempProject();
    mkdirSync(project.path('empty'));
    expect(await discoverRevisions([project.path('empty')])).toEqual([]);
  });

  it('rejects a missing location, naming it and suggesting ambix init', async () => {
    const project = createTempProject();
    const error = await discoverRevisions([project.path('absent')]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VersionLocationNotFoundError);
    expect((error as Error).message).toContain(project.path('absent'));
    expect((error as Error).message).toContain('ambix init');
  });

  it('names the file whose header cannot be read', async () => {
    const project = createTempProject({
      'm/a.ts': moduleRevision('a', null),
      'm/b.ts': "export const revision = 'b",
    });
    const error = await discoverRevisions([project.path('m')]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HeaderSyntaxError);
    expect(error).toMatchObject({ file: project.path('m/b.ts'), line: 1 });
  });

  it('reads two thousand revision headers', async () => {
    const project = createTempProject();
    const count = 2000;
    for (let index = 0; index < count; index++) {
      const id = `r${String(index).padStart(5, '0')}`;
      const parent = index === 0 ? null : `r${String(index - 1).padStart(5, '0')}`;
      project.write(
        `m/${id}_step.ts`,
        `${moduleRevision(id, parent, `export const message = 'step ${index}';\n`)}
export async function upgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {
  await op.execute(\`CREATE TABLE t${index} (id INTEGER PRIMARY KEY, name VARCHAR(50))\`);
}
export async function downgrade(op: { execute(sql: string): Promise<void> }): Promise<void> {
  await op.execute('DROP TABLE t${index}');
}
`,
      );
    }
    const revisions = await discoverRevisions([project.path('m')]);
    expect(revisions).toHaveLength(count);
    expect(revisions[count - 1]).toMatchObject({
      id: 'r01999',
      downRevisions: ['r01998'],
      message: 'step 1999',
    });
  });
});
