import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InvalidRevisionIdError,
  RevisionFileExistsError,
  VersionLocationNotFoundError,
} from '../../src/script/file-errors.js';
import { FileTemplateError, slugify } from '../../src/script/file-name.js';
import { loadRevisionCode } from '../../src/script/revision-code.js';
import { readRevisionFile } from '../../src/script/revision-file.js';
import { generateRevisionId, validateRevisionId, writeRevisionFile } from '../../src/script/writer.js';
import { createTempProject } from './temp-project.js';

const CREATED = new Date('2026-03-04T05:06:07.890Z');

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('naming a new revision file', () => {
  it('joins the message words with underscores in lower case', () => {
    expect(slugify('Add users: email & Name!', 40)).toBe('add_users_email_name');
  });

  it('cuts a long slug at the limit, drops the partial word and ends with an underscore', () => {
    expect(slugify('this is a very long message that should be truncated', 40)).toBe(
      'this_is_a_very_long_message_that_should_',
    );
  });

  it('writes the rev and slug with the default template', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 'lng',
      downRevisions: [],
      message: 'this is a very long message that should be truncated',
      createDate: CREATED,
    });
    expect(basename(path)).toBe('lng_this_is_a_very_long_message_that_should_.ts');
  });

  it('leaves the slug empty when there is no message', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({ directory: project.path('m'), id: 'e', downRevisions: [] });
    expect(basename(path)).toBe('e_.ts');
    expect(readRevisionFile(path, 'typescript').message).toBe('empty message');
  });

  it('fills date tokens with zero padding from the creation date', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 'abc',
      downRevisions: [],
      message: 'x',
      createDate: CREATED,
      fileTemplate:
        '%(year)d_%(month).2d_%(day)02d_%(hour).2d%(minute).2d%(second).2d-%(epoch)s-%(rev)s_%(slug)s%%',
    });
    expect(basename(path)).toBe(`2026_03_04_050607-${Math.floor(CREATED.getTime() / 1000)}-abc_x%.ts`);
  });

  it('rejects a template with an unknown token', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const error = await rejection(
      writeRevisionFile({
        directory: project.path('m'),
        id: 'a',
        downRevisions: [],
        fileTemplate: '%(revision)s',
      }),
    );
    expect(error).toBeInstanceOf(FileTemplateError);
  });
});

describe('writing a new revision file', () => {
  it('writes a TypeScript revision whose header reads back unchanged', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 'ae1027a6acf3',
      downRevisions: ['p1', 'p2'],
      branchLabels: ['billing'],
      dependsOn: ['core'],
      message: "it's a \\ merge\nof two heads",
      createDate: CREATED,
    });
    expect(readRevisionFile(path, 'typescript')).toEqual({
      id: 'ae1027a6acf3',
      downRevisions: ['p1', 'p2'],
      branchLabels: ['billing'],
      dependsOn: ['core'],
      message: "it's a \\ merge\nof two heads",
      createDate: CREATED.toISOString(),
      path,
      format: 'typescript',
    });
  });

  it('writes a TypeScript template that imports Operations and loads with both functions', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 'a1',
      downRevisions: [],
      message: 'm',
    });
    expect(readFileSync(path, 'utf8')).toContain("import type { Operations } from 'ambix';");
    const code = await loadRevisionCode(readRevisionFile(path, 'typescript'), 'sqlite');
    expect(code.kind).toBe('module');
    if (code.kind === 'module') await expect(code.upgrade({})).resolves.toBeUndefined();
  });

  it('writes a JavaScript revision as an ES module that reads back and loads', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 'j1',
      downRevisions: ['p0'],
      message: 'js',
      format: 'js',
      createDate: CREATED,
    });
    expect(basename(path)).toBe('j1_js.mjs');
    const revision = readRevisionFile(path, 'javascript');
    expect(revision).toMatchObject({ id: 'j1', downRevisions: ['p0'], message: 'js' });
    expect((await loadRevisionCode(revision, 'sqlite')).kind).toBe('module');
  });

  it('writes a SQL revision with a header and empty sections', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      id: 's1',
      downRevisions: ['p1', 'p2'],
      branchLabels: ['reports'],
      message: 'multi\nline',
      format: 'sql',
      createDate: CREATED,
    });
    expect(readRevisionFile(path, 'sql')).toMatchObject({
      id: 's1',
      downRevisions: ['p1', 'p2'],
      branchLabels: ['reports'],
      dependsOn: [],
      message: 'multi line',
    });
    expect(await loadRevisionCode(readRevisionFile(path, 'sql'), 'sqlite')).toEqual({
      kind: 'sql',
      upgrade: [],
      downgrade: [],
    });
  });

  it('generates a 12-digit hex id when none is given', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const path = await writeRevisionFile({
      directory: project.path('m'),
      downRevisions: [],
      message: 'auto',
    });
    expect(basename(path)).toMatch(/^[0-9a-f]{12}_auto\.ts$/);
    expect(generateRevisionId()).not.toBe(generateRevisionId());
  });

  it('refuses to overwrite an existing file', async () => {
    const project = createTempProject({ 'm/dup_same.ts': 'original' });
    const error = await rejection(
      writeRevisionFile({ directory: project.path('m'), id: 'dup', downRevisions: [], message: 'same' }),
    );
    expect(error).toBeInstanceOf(RevisionFileExistsError);
    expect(readFileSync(project.path('m/dup_same.ts'), 'utf8')).toBe('original');
  });

  it('rejects a missing directory without writing anything', async () => {
    const project = createTempProject();
    const error = await rejection(
      writeRevisionFile({ directory: project.path('m'), id: 'a', downRevisions: [] }),
    );
    expect(error).toBeInstanceOf(VersionLocationNotFoundError);
    expect(readdirSync(project.root)).toEqual([]);
  });

  it('rejects ids with characters Alembic forbids, listing them sorted', () => {
    expect(() => validateRevisionId('a@b-c:d+')).toThrow(
      new InvalidRevisionIdError(
        'a@b-c:d+',
        "Character(s) '+, -, :, @' not allowed in revision identifier 'a@b-c:d+'",
      ),
    );
  });

  it('rejects an empty id', () => {
    expect(() => validateRevisionId('')).toThrow(InvalidRevisionIdError);
  });

  it('rejects an id holding a path separator', async () => {
    const project = createTempProject({ 'm/.keep': '' });
    const error = await rejection(
      writeRevisionFile({ directory: project.path('m'), id: '../x', downRevisions: [] }),
    );
    expect(error).toBeInstanceOf(InvalidRevisionIdError);
  });
});
