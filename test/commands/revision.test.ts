import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import { heads, history, merge, revision } from '../../src/commands/index.js';
import { BRANCHED, createProject, LINEAR } from './project-fixture.js';

describe('revision', () => {
  test('writes a child of the single head, named after the message, and returns its path', async () => {
    const project = createProject(LINEAR);
    const result = await revision({ cwd: project.root, message: 'Add users table', revId: 'eeee' });
    expect(result.revision).toBe('eeee');
    expect(result.downRevisions).toEqual(['cccc']);
    expect(basename(result.path)).toBe('eeee_add_users_table.ts');
    const after = await heads({ cwd: project.root });
    expect(after.heads.map((head) => head.revision)).toEqual(['eeee']);
  });

  test('an id is generated when none is given: 12 hex digits', async () => {
    const project = createProject(LINEAR);
    const result = await revision({ cwd: project.root });
    expect(result.revision).toMatch(/^[0-9a-f]{12}$/);
  });

  test('the first revision of an empty project is a base', async () => {
    const project = createProject([]);
    const result = await revision({ cwd: project.root, revId: 'first' });
    expect(result.downRevisions).toEqual([]);
    expect((await history({ cwd: project.root })).revisions.map((entry) => entry.revision)).toEqual([
      'first',
    ]);
  });

  test('several heads without --head is refused with the Multiple heads message, nothing written', async () => {
    const project = createProject(BRANCHED);
    const before = project.filesIn();
    await expect(revision({ cwd: project.root })).rejects.toThrow(/Multiple heads are present.*d1d1, d2d2/);
    expect(project.filesIn()).toEqual(before);
  });

  test('--head picks one of several heads', async () => {
    const project = createProject(BRANCHED);
    const result = await revision({ cwd: project.root, head: 'd2d2' });
    expect(result.downRevisions).toEqual(['d2d2']);
  });

  test('--head base starts a new root', async () => {
    const project = createProject(LINEAR);
    const result = await revision({ cwd: project.root, head: 'base' });
    expect(result.downRevisions).toEqual([]);
  });

  test('a parent that is not a head needs --splice', async () => {
    const project = createProject(LINEAR);
    const before = project.filesIn();
    await expect(revision({ cwd: project.root, head: 'bbbb' })).rejects.toThrow(
      /Revision bbbb is not a head revision; please specify --splice/,
    );
    expect(project.filesIn()).toEqual(before);
    const spliced = await revision({ cwd: project.root, head: 'bbbb', splice: true });
    expect(spliced.downRevisions).toEqual(['bbbb']);
  });

  test('an id already in use is refused, naming the revision that has it', async () => {
    const project = createProject(LINEAR);
    const before = project.filesIn();
    await expect(revision({ cwd: project.root, revId: 'bbbb' })).rejects.toThrow(
      /'bbbb' is already used by revision bbbb/,
    );
    expect(project.filesIn()).toEqual(before);
  });

  test('an id with a reserved character is refused', async () => {
    const project = createProject(LINEAR);
    await expect(revision({ cwd: project.root, revId: 'a-b' })).rejects.toThrow(/'-'/);
  });

  test('an id longer than the version column is refused', async () => {
    const project = createProject(LINEAR);
    await expect(revision({ cwd: project.root, revId: 'x'.repeat(33) })).rejects.toThrow(/32 characters/);
  });

  test('a branch label already declared elsewhere is refused before writing', async () => {
    const project = createProject(BRANCHED);
    const before = project.filesIn();
    await expect(revision({ cwd: project.root, head: 'd2d2', branchLabels: ['left'] })).rejects.toThrow(
      /branch label 'left' is already used by revision c1c1/,
    );
    expect(project.filesIn()).toEqual(before);
  });

  test('a branch label equal to an existing id is refused', async () => {
    const project = createProject(LINEAR);
    await expect(revision({ cwd: project.root, branchLabels: ['aaaa'] })).rejects.toThrow(/'aaaa'/);
  });

  test('a new branch label is written and labels the revision', async () => {
    const project = createProject(LINEAR);
    const result = await revision({ cwd: project.root, revId: 'dddd', branchLabels: ['feature'] });
    expect(result.branchLabels).toEqual(['feature']);
    const after = await heads({ cwd: project.root });
    expect(after.heads[0]!.branchLabels).toContain('feature');
  });

  test('--depends-on stores full ids for prefixes and keeps labels as given', async () => {
    const project = createProject(BRANCHED);
    const result = await revision({ cwd: project.root, head: 'd2d2', dependsOn: ['d1', 'left'] });
    expect(result.dependsOn).toEqual(['d1d1', 'left']);
    expect(readFileSync(result.path, 'utf8')).toContain("'d1d1', 'left'");
  });

  test('--depends-on with an unknown revision is refused naming it', async () => {
    const project = createProject(LINEAR);
    await expect(revision({ cwd: project.root, dependsOn: ['nosuch'] })).rejects.toThrow(/'nosuch'/);
  });

  test('with several version locations a new root needs --version-path', async () => {
    const project = createProject([], ['one', 'two']);
    await expect(revision({ cwd: project.root })).rejects.toThrow(
      /Multiple version locations present.*--version-path/,
    );
    const result = await revision({ cwd: project.root, versionPath: 'two' });
    expect(dirname(result.path)).toBe(project.locations[1]);
  });

  test('with several version locations a child goes next to its parent', async () => {
    const project = createProject([{ id: 'aaaa', down: null, location: 1 }], ['one', 'two']);
    const result = await revision({ cwd: project.root });
    expect(dirname(result.path)).toBe(project.locations[1]);
  });

  test('--version-path must be one of the configured locations', async () => {
    const project = createProject(LINEAR);
    await expect(revision({ cwd: project.root, versionPath: 'elsewhere' })).rejects.toThrow(
      /is not represented in current version locations/,
    );
  });
});

describe('merge', () => {
  test('heads joins every head into one merge revision', async () => {
    const project = createProject(BRANCHED);
    const result = await merge({ cwd: project.root, revisions: ['heads'], message: 'join', revId: 'mmmm' });
    expect(result.downRevisions).toEqual(['d1d1', 'd2d2']);
    const after = await heads({ cwd: project.root });
    expect(after.heads.map((head) => head.revision)).toEqual(['mmmm']);
    expect(after.heads[0]!.isMergePoint).toBe(true);
  });

  test('explicit revisions, given by prefix, become the parents in the order given', async () => {
    const project = createProject(BRANCHED);
    const result = await merge({ cwd: project.root, revisions: ['d2', 'd1'] });
    expect(result.downRevisions).toEqual(['d2d2', 'd1d1']);
  });

  test('a revision that is not a head cannot be merged', async () => {
    const project = createProject(BRANCHED);
    await expect(merge({ cwd: project.root, revisions: ['c1c1', 'd2d2'] })).rejects.toThrow(
      /c1c1 is not a head/,
    );
  });

  test('the same revision twice is refused', async () => {
    const project = createProject(BRANCHED);
    await expect(merge({ cwd: project.root, revisions: ['d1d1', 'd1'] })).rejects.toThrow(
      /Duplicate head revisions/,
    );
  });
});
