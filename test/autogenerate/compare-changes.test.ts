import { describe, expect, it } from 'vitest';
import { type AlterColumn, compareSchemas, type SchemaChange } from '../../src/autogenerate/compare/index.js';
import type { ForeignKeyModel } from '../../src/autogenerate/model.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';
import { column, idColumn, kinds, schema, table } from './compare-support.js';

const sqlite = { dialect: 'sqlite' } as const;
const postgresql = { dialect: 'postgresql' } as const;
const mysql = { dialect: 'mysql' } as const;

function foreignKey(name: string | null, columns: string[], referencedTable: string): ForeignKeyModel {
  return { name, columns, referencedTable, referencedColumns: ['id'], onDelete: null, onUpdate: null };
}

function only<K extends SchemaChange['kind']>(changes: readonly SchemaChange[], kind: K) {
  const found = changes.filter(
    (change): change is Extract<SchemaChange, { kind: K }> => change.kind === kind,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('compareSchemas: tables', () => {
  it('finds nothing to do when both sides are the same', () => {
    const model = schema(table('a'), table('b', { columns: [idColumn(), column('x', t.string(10))] }));
    expect(compareSchemas(model, model, postgresql)).toEqual({
      dialect: 'postgresql',
      changes: [],
      warnings: [],
      hints: [],
    });
  });

  it('adds a table that is only in code', () => {
    const diff = compareSchemas(schema(table('a')), schema(), sqlite);
    expect(diff.changes).toEqual([{ kind: 'addTable', table: table('a'), destructive: false }]);
  });

  it('warns about a table only in the database and does not drop it unless dropTables is set', () => {
    const diff = compareSchemas(schema(), schema(table('legacy')), sqlite);
    expect(diff.changes).toEqual([]);
    expect(diff.warnings).toEqual([
      expect.objectContaining({ kind: 'tableNotDropped', table: 'legacy', option: 'dropTables' }),
    ]);
    expect(diff.warnings[0]?.message).toContain('legacy');
  });

  it('drops a table only in the database when dropTables is set, marked destructive', () => {
    const diff = compareSchemas(schema(), schema(table('legacy')), { ...sqlite, dropTables: true });
    expect(diff.changes).toEqual([
      {
        kind: 'dropTable',
        table: table('legacy'),
        destructive: true,
        reason: 'drops table legacy and all its rows',
      },
    ]);
    expect(diff.warnings).toEqual([]);
  });

  it('renames a table when told to, instead of a drop and an add', () => {
    const diff = compareSchemas(schema(table('topic')), schema(table('tag')), {
      ...postgresql,
      dropTables: true,
      renames: [{ kind: 'table', from: 'tag', to: 'topic' }],
    });
    expect(diff.changes).toEqual([{ kind: 'renameTable', from: 'tag', to: 'topic', destructive: false }]);
  });

  it('hints at a rename for a table only in the database and one only in code with the same columns', () => {
    const diff = compareSchemas(schema(table('topic')), schema(table('tag')), sqlite);
    expect(diff.hints).toEqual([
      expect.objectContaining({ kind: 'tableRename', from: 'tag', to: 'topic', rename: 'tag:topic' }),
    ]);
    expect(diff.hints[0]?.message).toContain('--rename tag:topic');
  });

  it('creates new tables after the tables they reference', () => {
    const code = schema(
      table('a_child', {
        columns: [idColumn(), column('p', t.integer())],
        foreignKeys: [foreignKey('fk_c', ['p'], 'z_parent')],
      }),
      table('z_parent'),
    );
    const diff = compareSchemas(code, schema(), postgresql);
    expect(diff.changes.map((change) => (change.kind === 'addTable' ? change.table.name : ''))).toEqual([
      'z_parent',
      'a_child',
    ]);
  });

  it('drops tables before the tables they reference', () => {
    const database = schema(
      table('a_parent'),
      table('z_child', {
        columns: [idColumn(), column('p', t.integer())],
        foreignKeys: [foreignKey('fk_c', ['p'], 'a_parent')],
      }),
    );
    const diff = compareSchemas(schema(), database, { ...postgresql, dropTables: true });
    expect(diff.changes.map((change) => (change.kind === 'dropTable' ? change.table.name : ''))).toEqual([
      'z_child',
      'a_parent',
    ]);
  });

  it('adds foreign keys that form a cycle between new tables as separate steps after both tables', () => {
    const code = schema(
      table('a', {
        columns: [idColumn(), column('b_id', t.integer())],
        foreignKeys: [foreignKey('fk_a_b', ['b_id'], 'b')],
      }),
      table('b', {
        columns: [idColumn(), column('a_id', t.integer())],
        foreignKeys: [foreignKey('fk_b_a', ['a_id'], 'a')],
      }),
    );
    const diff = compareSchemas(code, schema(), postgresql);
    expect(kinds(diff)).toEqual(['addTable', 'addTable', 'addForeignKey', 'addForeignKey']);
    for (const change of diff.changes)
      if (change.kind === 'addTable') expect(change.table.foreignKeys).toEqual([]);
  });

  it('keeps a foreign-key cycle inside CREATE TABLE on SQLite, which accepts references to later tables', () => {
    const code = schema(
      table('a', {
        columns: [idColumn(), column('b_id', t.integer())],
        foreignKeys: [foreignKey('fk_a_b', ['b_id'], 'b')],
      }),
      table('b', {
        columns: [idColumn(), column('a_id', t.integer())],
        foreignKeys: [foreignKey('fk_b_a', ['a_id'], 'a')],
      }),
    );
    expect(kinds(compareSchemas(code, schema(), sqlite))).toEqual(['addTable', 'addTable']);
  });

  it('drops the foreign keys of a cycle between dropped tables before the tables', () => {
    const database = schema(
      table('a', {
        columns: [idColumn(), column('b_id', t.integer())],
        foreignKeys: [foreignKey('fk_a_b', ['b_id'], 'b')],
      }),
      table('b', {
        columns: [idColumn(), column('a_id', t.integer())],
        foreignKeys: [foreignKey('fk_b_a', ['a_id'], 'a')],
      }),
    );
    const diff = compareSchemas(schema(), database, { ...mysql, dropTables: true });
    expect(kinds(diff)).toEqual(['dropForeignKey', 'dropForeignKey', 'dropTable', 'dropTable']);
  });

  it("changes a table's comment", () => {
    const diff = compareSchemas(
      schema(table('a', { comment: 'new' })),
      schema(table('a', { comment: 'old' })),
      mysql,
    );
    expect(diff.changes).toEqual([
      { kind: 'alterTableComment', table: 'a', from: 'old', to: 'new', destructive: false },
    ]);
  });
});

describe('compareSchemas: columns', () => {
  const withColumns = (...columns: ReturnType<typeof column>[]) =>
    schema(table('a', { columns: [idColumn(), ...columns] }));

  it('adds a column that is only in code', () => {
    const diff = compareSchemas(withColumns(column('x', t.text())), withColumns(), sqlite);
    expect(diff.changes).toEqual([
      { kind: 'addColumn', table: 'a', column: column('x', t.text()), destructive: false },
    ]);
  });

  it('warns about a column only in the database and drops it only with dropColumns, marked destructive', () => {
    const kept = compareSchemas(withColumns(), withColumns(column('x', t.text())), sqlite);
    expect(kept.changes).toEqual([]);
    expect(kept.warnings).toEqual([
      expect.objectContaining({ kind: 'columnNotDropped', table: 'a', column: 'x', option: 'dropColumns' }),
    ]);
    const dropped = compareSchemas(withColumns(), withColumns(column('x', t.text())), {
      ...sqlite,
      dropColumns: true,
    });
    expect(dropped.changes).toEqual([
      expect.objectContaining({
        kind: 'dropColumn',
        table: 'a',
        destructive: true,
        reason: 'drops column a.x and its values',
      }),
    ]);
  });

  it('renames a column when told to, and alters it under its new name', () => {
    const diff = compareSchemas(
      withColumns(column('full_name', t.string(100))),
      withColumns(column('name', t.string(50))),
      {
        ...postgresql,
        renames: [{ kind: 'column', table: 'a', from: 'name', to: 'full_name' }],
      },
    );
    expect(kinds(diff)).toEqual(['renameColumn', 'alterColumn']);
    expect(diff.changes[0]).toEqual({
      kind: 'renameColumn',
      table: 'a',
      from: 'name',
      to: 'full_name',
      destructive: false,
    });
    expect((diff.changes[1] as AlterColumn).column).toBe('full_name');
  });

  it('hints at a rename for a dropped and an added column of the same kind of type', () => {
    const diff = compareSchemas(
      withColumns(column('full_name', t.string(100))),
      withColumns(column('name', t.text())),
      sqlite,
    );
    expect(diff.hints).toEqual([
      expect.objectContaining({
        kind: 'columnRename',
        table: 'a',
        from: 'name',
        to: 'full_name',
        rename: 'a.name:a.full_name',
      }),
    ]);
  });

  it('gives no rename hint when the types are of different kinds', () => {
    const diff = compareSchemas(
      withColumns(column('count', t.integer())),
      withColumns(column('name', t.text())),
      sqlite,
    );
    expect(diff.hints).toEqual([]);
  });

  it('ignores column order', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.text()), column('y', t.text())),
      withColumns(column('y', t.text()), column('x', t.text())),
      mysql,
    );
    expect(diff.changes).toEqual([]);
  });

  it('alters the type, with old and new, and flags a narrowing change as destructive', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.string(20))),
      withColumns(column('x', t.string(50))),
      postgresql,
    );
    const change = only(diff.changes, 'alterColumn');
    expect(change.type).toEqual({ from: t.string(50), to: t.string(20) });
    expect(change.destructive).toBe(true);
    expect(change.reason).toContain('VARCHAR(50) to VARCHAR(20)');
  });

  it('does not flag a widening type change as destructive', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.bigint())),
      withColumns(column('x', t.integer())),
      postgresql,
    );
    expect(only(diff.changes, 'alterColumn')).toMatchObject({
      destructive: false,
      type: { from: t.integer(), to: t.bigint() },
    });
  });

  it('alters nullability; NOT NULL is destructive on MySQL only, where NULLs may become zero values', () => {
    const code = withColumns(column('x', t.integer(), { nullable: false }));
    const database = withColumns(column('x', t.integer()));
    expect(only(compareSchemas(code, database, postgresql).changes, 'alterColumn')).toMatchObject({
      nullable: { from: true, to: false },
      destructive: false,
    });
    expect(only(compareSchemas(code, database, mysql).changes, 'alterColumn').destructive).toBe(true);
  });

  it('alters the server default, with old and new', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.integer(), { default: 1 })),
      withColumns(column('x', t.integer())),
      sqlite,
    );
    expect(only(diff.changes, 'alterColumn').default).toEqual({ from: null, to: 1 });
  });

  it('alters the comment, except on SQLite which has none', () => {
    const code = withColumns(column('x', t.text(), { comment: 'about x' }));
    const database = withColumns(column('x', t.text()));
    expect(only(compareSchemas(code, database, postgresql).changes, 'alterColumn').comment).toEqual({
      from: null,
      to: 'about x',
    });
    expect(compareSchemas(code, database, sqlite).changes).toEqual([]);
  });

  it('does not compare the default of a generated key (its sequence)', () => {
    const database = schema(
      table('a', {
        columns: [
          column('id', t.integer(), {
            nullable: false,
            autoincrement: true,
            default: sqlExpression("nextval('a_id_seq'::regclass)"),
          }),
        ],
      }),
    );
    expect(compareSchemas(schema(table('a')), database, postgresql).changes).toEqual([]);
  });

  it('sees no change between spellings the database reports for the same default and type', () => {
    const code = withColumns(
      column('s', t.string(), { default: "it's" }),
      column('n', t.numeric(10, 2), { default: 0 }),
      column('at', t.datetime(), { default: now() }),
      column('flag', t.boolean(), { default: true }),
    );
    const database = withColumns(
      column('s', t.raw('VARCHAR(255)'), { default: sqlExpression("'it''s'") }),
      column('n', t.raw('DECIMAL(10, 2)'), { default: sqlExpression('0.00') }),
      column('at', t.raw('DATETIME'), { default: sqlExpression('current_timestamp()') }),
      column('flag', t.raw('TINYINT(1)'), { default: sqlExpression('1') }),
    );
    expect(compareSchemas(code, database, mysql).changes).toEqual([]);
  });
});

describe('compareSchemas: keys, constraints and indexes', () => {
  it('does not compare primary-key names', () => {
    const code = schema(table('a', { primaryKey: { name: null, columns: ['id'] } }));
    const database = schema(table('a', { primaryKey: { name: 'a_pkey', columns: ['id'] } }));
    expect(compareSchemas(code, database, postgresql).changes).toEqual([]);
  });

  it('changes the primary key when its columns differ', () => {
    const columns = [
      column('a', t.integer(), { nullable: false }),
      column('b', t.integer(), { nullable: false }),
    ];
    const code = schema(table('p', { columns, primaryKey: { name: null, columns: ['a', 'b'] } }));
    const database = schema(table('p', { columns, primaryKey: { name: 'p_pkey', columns: ['a'] } }));
    expect(compareSchemas(code, database, postgresql).changes).toEqual([
      {
        kind: 'alterPrimaryKey',
        table: 'p',
        from: { name: 'p_pkey', columns: ['a'] },
        // Named as it is created, so the downgrade can drop it by name.
        to: { name: 'p_pkey', columns: ['a', 'b'] },
        destructive: false,
      },
    ]);
  });

  it('matches an unnamed unique constraint in code with the named one the database made, by columns', () => {
    const columns = [idColumn(), column('x', t.text())];
    const code = schema(table('a', { columns, uniqueConstraints: [{ name: null, columns: ['x'] }] }));
    const database = schema(
      table('a', { columns, uniqueConstraints: [{ name: 'a_x_key', columns: ['x'] }] }),
    );
    expect(compareSchemas(code, database, postgresql).changes).toEqual([]);
  });

  it('drops and adds a named constraint whose content changed under the same name', () => {
    const columns = [idColumn(), column('x', t.integer())];
    const code = schema(table('a', { columns, checkConstraints: [{ name: 'ck_x', expression: 'x > 1' }] }));
    const database = schema(
      table('a', { columns, checkConstraints: [{ name: 'ck_x', expression: '(x > (0)::numeric)' }] }),
    );
    expect(kinds(compareSchemas(code, database, postgresql))).toEqual([
      'dropCheckConstraint',
      'addCheckConstraint',
    ]);
  });

  it('sees no change in a check the database rewrote', () => {
    const columns = [idColumn(), column('price', t.numeric(10, 2))];
    const code = schema(
      table('a', { columns, checkConstraints: [{ name: 'ck_price', expression: 'price >= 0' }] }),
    );
    const database = schema(
      table('a', {
        columns,
        checkConstraints: [{ name: 'ck_price', expression: '(price >= (0)::numeric)' }],
      }),
    );
    expect(compareSchemas(code, database, postgresql).changes).toEqual([]);
  });

  it('names an unnamed constraint it must add, so it can be dropped later', () => {
    const columns = [idColumn(), column('x', t.integer())];
    const code = schema(table('a', { columns, uniqueConstraints: [{ name: null, columns: ['x'] }] }));
    const diff = compareSchemas(code, schema(table('a', { columns })), sqlite);
    expect(only(diff.changes, 'addUniqueConstraint').constraint).toEqual({ name: 'uq_a_x', columns: ['x'] });
  });

  it('keeps an unnamed SQLite constraint that is not in code, with a warning, as it cannot be dropped by name', () => {
    const columns = [idColumn(), column('x', t.integer())];
    const database = schema(table('a', { columns, checkConstraints: [{ name: null, expression: 'x > 0' }] }));
    const diff = compareSchemas(schema(table('a', { columns })), database, sqlite);
    expect(diff.changes).toEqual([]);
    expect(diff.warnings).toEqual([expect.objectContaining({ kind: 'unnamedConstraintKept', table: 'a' })]);
  });

  it('treats a unique index and a unique constraint as the same thing on MySQL', () => {
    const columns = [idColumn(), column('x', t.integer())];
    const code = schema(
      table('a', { columns, indexes: [{ name: 'ux_x', columns: ['x'], unique: true, where: null }] }),
    );
    const database = schema(table('a', { columns, uniqueConstraints: [{ name: 'ux_x', columns: ['x'] }] }));
    expect(compareSchemas(code, database, mysql).changes).toEqual([]);
    expect(kinds(compareSchemas(code, database, postgresql))).toEqual(['dropUniqueConstraint', 'addIndex']);
  });

  it('adds and drops indexes, comparing expression and partial ones by their normalised text', () => {
    const columns = [idColumn(), column('email', t.string(100))];
    const code = schema(
      table('a', {
        columns,
        indexes: [
          {
            name: 'ix_lower',
            columns: [sqlExpression('lower(email)')],
            unique: true,
            where: 'email IS NOT NULL',
          },
          { name: 'ix_new', columns: ['email'], unique: false, where: null },
        ],
      }),
    );
    const database = schema(
      table('a', {
        columns,
        indexes: [
          {
            name: 'ix_lower',
            columns: [sqlExpression('lower((email)::text)')],
            unique: true,
            where: '(email IS NOT NULL)',
          },
          { name: 'ix_old', columns: ['id', 'email'], unique: false, where: null },
        ],
      }),
    );
    const diff = compareSchemas(code, database, postgresql);
    expect(diff.changes.map((change) => [change.kind, 'index' in change ? change.index.name : ''])).toEqual([
      ['dropIndex', 'ix_old'],
      ['addIndex', 'ix_new'],
    ]);
  });

  it('matches foreign keys by content, treating RESTRICT as the default action on MySQL', () => {
    const columns = [idColumn(), column('p', t.integer())];
    const code = schema(table('a', { columns, foreignKeys: [foreignKey(null, ['p'], 'a')] }));
    const database = schema(
      table('a', { columns, foreignKeys: [{ ...foreignKey('a_ibfk_1', ['p'], 'a'), onDelete: 'RESTRICT' }] }),
    );
    expect(compareSchemas(code, database, mysql).changes).toEqual([]);
  });

  it('on MySQL, ignores the index the server made for a foreign key, and drops it with the key', () => {
    const columns = [idColumn(), column('p', t.integer())];
    const database = schema(
      table('a', {
        columns,
        foreignKeys: [foreignKey('fk_p', ['p'], 'a')],
        indexes: [{ name: 'fk_p', columns: ['p'], unique: false, where: null }],
      }),
    );
    const diff = compareSchemas(schema(table('a', { columns })), database, mysql);
    expect(diff.changes).toEqual([
      expect.objectContaining({ kind: 'dropForeignKey', implicitIndex: 'fk_p' }),
    ]);
  });
});

describe('compareSchemas: order', () => {
  it('drops foreign keys first, adds them after new tables and columns, and drops columns and tables last', () => {
    const database = schema(
      table('old', { columns: [idColumn()] }),
      table('t', {
        columns: [idColumn(), column('old_id', t.integer()), column('gone', t.text())],
        foreignKeys: [foreignKey('fk_t_old', ['old_id'], 'old')],
        indexes: [{ name: 'ix_gone', columns: ['gone'], unique: false, where: null }],
      }),
    );
    const code = schema(
      table('fresh'),
      table('t', {
        columns: [idColumn(), column('old_id', t.integer()), column('fresh_id', t.integer())],
        foreignKeys: [foreignKey('fk_t_fresh', ['fresh_id'], 'fresh')],
      }),
    );
    const diff = compareSchemas(code, database, { ...postgresql, dropTables: true, dropColumns: true });
    expect(kinds(diff)).toEqual([
      'dropForeignKey',
      'dropIndex',
      'addTable',
      'addColumn',
      'addForeignKey',
      'dropColumn',
      'dropTable',
    ]);
  });
});

describe('compareSchemas: drops that follow from other changes', () => {
  it('lists an unnamed SQLite constraint on a dropped column as dropped with it, so the downgrade restores it', () => {
    const database = schema(
      table('a', {
        columns: [idColumn(), column('x', t.integer())],
        uniqueConstraints: [{ name: null, columns: ['x'] }],
      }),
    );
    const diff = compareSchemas(schema(table('a')), database, { ...sqlite, dropColumns: true });
    expect(kinds(diff)).toEqual(['dropUniqueConstraint', 'dropColumn']);
    expect(diff.warnings).toEqual([]);
  });

  it('names the referenced table by its new name in keys of a renamed table’s neighbours', () => {
    const child = (parent: string, key: string | null) =>
      table('child', {
        columns: [idColumn(), column('p', t.integer())],
        foreignKeys: key === null ? [] : [foreignKey(key, ['p'], parent)],
      });
    const database = schema(table('old_parent'), child('old_parent', 'fk_child_parent'));
    const code = schema(table('new_parent'), child('new_parent', null));
    const diff = compareSchemas(code, database, {
      ...postgresql,
      renames: [{ kind: 'table', from: 'old_parent', to: 'new_parent' }],
    });
    expect(only(diff.changes, 'dropForeignKey').foreignKey.referencedTable).toBe('new_parent');
  });
});
