import { describe, expect, it } from 'vitest';
import {
  ConflictingRenamesError,
  compareSchemas,
  formatRename,
  InvalidRenameError,
  parseRename,
  UnmatchedRenameError,
} from '../../src/autogenerate/compare/index.js';
import { t } from '../../src/operations/types.js';
import { column, idColumn, schema, table } from './compare-support.js';

describe('parseRename', () => {
  it('reads old:new as a table rename', () => {
    expect(parseRename('tag:topic')).toEqual({ kind: 'table', from: 'tag', to: 'topic' });
  });

  it('reads table.old:table.new as a column rename', () => {
    expect(parseRename('user.name:user.full_name')).toEqual({
      kind: 'column',
      table: 'user',
      from: 'name',
      to: 'full_name',
    });
  });

  it('writes a rename back in the form it reads', () => {
    for (const text of ['tag:topic', 'user.name:user.full_name'])
      expect(formatRename(parseRename(text))).toBe(text);
  });

  it.each([
    ['user.name', 'exactly one ":"'],
    ['a:b:c', 'exactly one ":"'],
    [':topic', 'missing'],
    ['user.name:full_name', 'both sides'],
    ['user.name:account.name2', 'stays in one table'],
    ['a.b.c:a.b.d', 'one "."'],
    ['tag:tag', 'the same'],
  ])('refuses %s with a typed error naming the value', (text, problem) => {
    expect(() => parseRename(text)).toThrow(InvalidRenameError);
    expect(() => parseRename(text)).toThrow(text);
    expect(() => parseRename(text)).toThrow(problem);
  });

  it('refuses two renames of the same column', () => {
    const model = schema(table('a', { columns: [idColumn(), column('x', t.text())] }));
    const renames = [parseRename('a.x:a.y'), parseRename('a.x:a.z')];
    expect(() => compareSchemas(model, model, { dialect: 'sqlite', renames })).toThrow(
      ConflictingRenamesError,
    );
  });

  it("accepts a column rename written with the table's new name when the table is renamed too", () => {
    const database = schema(table('tag', { columns: [idColumn(), column('name', t.text())] }));
    const code = schema(table('topic', { columns: [idColumn(), column('label', t.text())] }));
    const diff = compareSchemas(code, database, {
      dialect: 'postgresql',
      renames: [parseRename('tag:topic'), parseRename('topic.name:topic.label')],
    });
    expect(diff.changes.map((change) => change.kind)).toEqual(['renameTable', 'renameColumn']);
  });
});

describe('a stated rename that matches nothing', () => {
  const database = schema(table('account', { columns: [idColumn(), column('name', t.text())] }));
  const code = schema(table('account', { columns: [idColumn(), column('full_name', t.text())] }));
  const compare = (rename: string) =>
    compareSchemas(code, database, { dialect: 'postgresql', renames: [parseRename(rename)] });

  it('is an error naming the misspelt old column', () => {
    expect(() => compare('account.nmae:account.full_name')).toThrow(UnmatchedRenameError);
    expect(() => compare('account.nmae:account.full_name')).toThrow(
      /database's table account has no column nmae/,
    );
  });

  it('is an error naming the misspelt new column', () => {
    expect(() => compare('account.name:account.fullname')).toThrow(
      /schema's table account has no column fullname/,
    );
  });

  it('is an error naming a table neither side has', () => {
    expect(() => compare('acount:users')).toThrow(/database has no table acount/);
  });

  it('is not an error once carried out, so a rename kept in the config is harmless', () => {
    const diff = compareSchemas(code, code, {
      dialect: 'postgresql',
      renames: [parseRename('account.name:account.full_name')],
    });
    expect(diff.changes).toEqual([]);
  });
});
