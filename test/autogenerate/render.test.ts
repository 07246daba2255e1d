import { describe, expect, it } from 'vitest';
import { compareSchemas, type SchemaChange } from '../../src/autogenerate/compare/index.js';
import {
  changeToJson,
  describeChange,
  diffToJson,
  renderRevision,
} from '../../src/autogenerate/render/index.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';
import { column, idColumn, schema, table } from './compare-support.js';

const withColumns = (...columns: ReturnType<typeof column>[]) =>
  schema(table('a', { columns: [idColumn(), ...columns] }));

describe('renderRevision', () => {
  it('writes an added column as op.addColumn with the t builders, and its inverse as op.dropColumn', () => {
    const diff = compareSchemas(
      withColumns(column('full_name', t.string(100), { nullable: false, default: 'x' })),
      withColumns(),
      { dialect: 'postgresql' },
    );
    const revision = renderRevision(diff, { dialect: 'postgresql' });
    expect(revision.upgrade).toBe(
      "await op.addColumn('a', { name: 'full_name', type: t.string(100), nullable: false, default: 'x' });",
    );
    expect(revision.downgrade).toBe(
      "// DESTRUCTIVE: drops column a.full_name and its values\nawait op.dropColumn('a', 'full_name');",
    );
    expect(revision.imports).toEqual(['t']);
  });

  it('precedes each destructive operation with a DESTRUCTIVE comment saying why', () => {
    const diff = compareSchemas(withColumns(column('x', t.string(10))), withColumns(column('x', t.text())), {
      dialect: 'postgresql',
    });
    const lines = renderRevision(diff, { dialect: 'postgresql' }).upgrade.split('\n');
    expect(lines[0]).toBe(
      '// DESTRUCTIVE: changes a.x from TEXT to VARCHAR(10), which may not hold every existing value',
    );
    expect(lines[1]).toContain("await op.alterColumn('a', 'x', { type: t.string(10)");
  });

  it('writes a dropped table back in the downgrade as a full createTable from the database model', () => {
    const legacy = table('legacy', {
      columns: [
        idColumn(),
        column('note', t.string(20), { nullable: false, default: sqlExpression("lower('X')") }),
      ],
      indexes: [{ name: 'ix_note', columns: ['note'], unique: false, where: null }],
    });
    const diff = compareSchemas(schema(), schema(legacy), { dialect: 'postgresql', dropTables: true });
    const revision = renderRevision(diff, { dialect: 'postgresql' });
    expect(revision.upgrade).toBe(
      "// DESTRUCTIVE: drops table legacy and all its rows\nawait op.dropTable('legacy');",
    );
    expect(revision.downgrade).toBe(
      [
        "await op.createTable('legacy', {",
        '  columns: [',
        "    { name: 'id', type: t.integer(), nullable: false, autoincrement: true },",
        "    { name: 'note', type: t.string(20), nullable: false, default: sqlExpression('lower(\\'X\\')') },",
        '  ],',
        "  primaryKey: { columns: ['id'] },",
        '  indexes: [',
        "    { name: 'ix_note', columns: ['note'] },",
        '  ],',
        '});',
      ].join('\n'),
    );
    expect(revision.imports).toEqual(['sqlExpression', 't']);
  });

  it('groups the changes SQLite cannot ALTER into one batchAlterTable per table', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.integer(), { nullable: false }), column('y', t.text())),
      withColumns(column('x', t.integer())),
      { dialect: 'sqlite' },
    );
    expect(renderRevision(diff, { dialect: 'sqlite' }).upgrade).toBe(
      [
        "await op.batchAlterTable('a', (batch) => {",
        "  batch.addColumn({ name: 'y', type: t.text() });",
        "  batch.alterColumn('x', { nullable: false });",
        '});',
      ].join('\n'),
    );
  });

  it('keeps changes SQLite makes in place as plain op calls', () => {
    const diff = compareSchemas(
      schema(
        table('a', {
          columns: [idColumn(), column('y', t.text())],
          indexes: [{ name: 'ix_y', columns: ['y'], unique: false, where: null }],
        }),
      ),
      schema(table('a', { columns: [idColumn()] })),
      { dialect: 'sqlite' },
    );
    expect(renderRevision(diff, { dialect: 'sqlite' }).upgrade).toBe(
      [
        "await op.addColumn('a', { name: 'y', type: t.text() });",
        "await op.createIndex('ix_y', 'a', ['y']);",
      ].join('\n'),
    );
  });

  it('states the unchanged parts of a column MySQL must restate, so the revision also renders offline', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.integer(), { nullable: false, default: 3, comment: 'c' })),
      withColumns(column('x', t.integer(), { default: 3, comment: 'c' })),
      { dialect: 'mysql' },
    );
    expect(renderRevision(diff, { dialect: 'mysql' }).upgrade).toContain(
      "await op.alterColumn('a', 'x', { nullable: false, existingType: t.integer(), existingDefault: 3, existingComment: 'c' });",
    );
  });

  it('casts with USING when PostgreSQL changes a column to another kind of type', () => {
    const diff = compareSchemas(withColumns(column('x', t.integer())), withColumns(column('x', t.text())), {
      dialect: 'postgresql',
    });
    expect(renderRevision(diff, { dialect: 'postgresql' }).upgrade).toContain(
      `{ type: t.integer(), using: 'x::INTEGER' }`,
    );
  });

  it('writes defaults with now() and keeps foreign-key actions', () => {
    const code = schema(
      table('a', {
        columns: [idColumn(), column('at', t.datetime(), { default: now() }), column('p', t.integer())],
        foreignKeys: [
          {
            name: 'fk_p',
            columns: ['p'],
            referencedTable: 'a',
            referencedColumns: ['id'],
            onDelete: 'CASCADE',
            onUpdate: null,
          },
        ],
      }),
    );
    const revision = renderRevision(
      compareSchemas(code, withColumns(column('at', t.datetime())), { dialect: 'postgresql' }),
      {
        dialect: 'postgresql',
      },
    );
    expect(revision.upgrade).toContain("await op.alterColumn('a', 'at', { default: now() });");
    expect(revision.upgrade).toContain(
      "await op.createForeignKey('fk_p', 'a', 'a', ['p'], ['id'], { onDelete: 'CASCADE' });",
    );
    expect(revision.imports).toEqual(['now', 't']);
  });

  it('writes the drop of an unnamed SQLite constraint as a note beside the column drop that takes it along', () => {
    const database = schema(
      table('a', {
        columns: [idColumn(), column('x', t.integer())],
        uniqueConstraints: [{ name: null, columns: ['x'] }],
      }),
    );
    const diff = compareSchemas(schema(table('a')), database, { dialect: 'sqlite', dropColumns: true });
    const revision = renderRevision(diff, { dialect: 'sqlite' });
    expect(revision.upgrade).toBe(
      [
        "await op.batchAlterTable('a', (batch) => {",
        '  // The unnamed constraint goes with the column dropped below.',
        '  // DESTRUCTIVE: drops column a.x and its values',
        "  batch.dropColumn('x');",
        '});',
      ].join('\n'),
    );
    expect(revision.downgrade).toContain("batch.createUniqueConstraint('uq_a_x', ['x']);");
  });

  it('renders nothing for an empty diff', () => {
    expect(
      renderRevision(compareSchemas(schema(), schema(), { dialect: 'sqlite' }), { dialect: 'sqlite' }),
    ).toEqual({
      upgrade: '',
      downgrade: '',
      imports: [],
    });
  });
});

describe('describeChange', () => {
  it('describes an added column with its type and nullability', () => {
    const change: SchemaChange = {
      kind: 'addColumn',
      table: 'user',
      column: column('full_name', t.string(100)),
      destructive: false,
    };
    expect(describeChange(change, { dialect: 'postgresql' })).toBe(
      'add column user.full_name VARCHAR(100) NULL',
    );
  });

  it('describes an altered column with each old and new value', () => {
    const diff = compareSchemas(
      withColumns(column('x', t.bigint(), { nullable: false, default: 1 })),
      withColumns(column('x', t.integer())),
      { dialect: 'mysql' },
    );
    expect(describeChange(diff.changes[0]!, { dialect: 'mysql' })).toBe(
      'alter column a.x: type INTEGER → BIGINT, NULL → NOT NULL, default none → 1',
    );
  });

  it('gives a JSON form that keeps every fact through JSON.stringify', () => {
    const diff = compareSchemas(withColumns(), withColumns(column('x', t.text())), {
      dialect: 'sqlite',
      dropColumns: true,
    });
    const json = JSON.parse(JSON.stringify(diffToJson(diff)));
    expect(json.changes[0]).toEqual(
      JSON.parse(JSON.stringify(changeToJson(diff.changes[0]!, { dialect: 'sqlite' }))),
    );
    expect(json.changes[0]).toMatchObject({
      kind: 'dropColumn',
      description: 'drop column a.x',
      destructive: true,
      reason: 'drops column a.x and its values',
    });
  });
});
