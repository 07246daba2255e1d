import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createInspector } from '../../src/operations/inspect/index.js';
import { parseCreateIndex, parseCreateTable } from '../../src/operations/inspect/sqlite-sql.js';
import { openOnlineContext } from './support/context.js';

describe('reading SQLite CREATE TABLE text', () => {
  it('finds table-level constraints with their names, whatever the quoting', () => {
    const parsed = parseCreateTable(
      `CREATE TABLE "my table" ("first col" INTEGER, [b] TEXT, \`c\` TEXT,
         CONSTRAINT "pk mine" PRIMARY KEY ("first col"),
         CONSTRAINT uq_bc UNIQUE ([b], \`c\`),
         CONSTRAINT 'ck quoted' CHECK (b <> 'x, (y)'),
         FOREIGN KEY (c) REFERENCES other)`,
    );
    expect(parsed.columns.map((column) => column.name)).toEqual(['first col', 'b', 'c']);
    expect(parsed.primaryKey).toEqual({ name: 'pk mine', columns: ['first col'] });
    expect(parsed.uniques).toEqual([{ name: 'uq_bc', columns: ['b', 'c'] }]);
    expect(parsed.checks).toEqual([{ name: 'ck quoted', sqltext: "b <> 'x, (y)'" }]);
    expect(parsed.foreignKeys).toEqual([
      { name: null, columns: ['c'], referencedTable: 'other', referencedColumns: [], actionsSql: '' },
    ]);
  });

  it('finds column-level constraints, each with the name written before it', () => {
    const parsed = parseCreateTable(
      `CREATE TABLE t (
         id INTEGER CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT,
         parent_id INTEGER CONSTRAINT fk_parent REFERENCES t (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT NULL,
         code VARCHAR(10) NOT NULL CONSTRAINT uq_code UNIQUE CONSTRAINT ck_code CHECK (length(code) > 2) COLLATE NOCASE,
         total NUMERIC(10, 2) DEFAULT (0) GENERATED ALWAYS AS (id * 2) STORED
       ) WITHOUT ROWID`,
    );
    expect(parsed.columns).toEqual([
      { name: 'id', type: 'INTEGER', collate: null, generatedSql: null, autoincrement: true },
      { name: 'parent_id', type: 'INTEGER', collate: null, generatedSql: null, autoincrement: false },
      {
        name: 'code',
        type: 'VARCHAR(10)',
        collate: 'COLLATE NOCASE',
        generatedSql: null,
        autoincrement: false,
      },
      {
        name: 'total',
        type: 'NUMERIC(10, 2)',
        collate: null,
        generatedSql: 'GENERATED ALWAYS AS (id * 2) STORED',
        autoincrement: false,
      },
    ]);
    expect(parsed.primaryKey).toEqual({ name: 'pk_t', columns: ['id'] });
    expect(parsed.foreignKeys).toEqual([
      {
        name: 'fk_parent',
        columns: ['parent_id'],
        referencedTable: 't',
        referencedColumns: ['id'],
        actionsSql: 'ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED',
      },
    ]);
    expect(parsed.uniques).toEqual([{ name: 'uq_code', columns: ['code'] }]);
    expect(parsed.checks).toEqual([{ name: 'ck_code', sqltext: 'length(code) > 2' }]);
    expect(parsed.optionsSql).toBe('WITHOUT ROWID');
  });

  it('skips comments, so commented-out constraints are not reported', () => {
    const parsed = parseCreateTable(
      `CREATE TABLE t (a INTEGER, -- CONSTRAINT ghost CHECK (a > 0),
         b INTEGER /* , CONSTRAINT ghost2 UNIQUE (b) */)`,
    );
    expect(parsed.columns.map((column) => column.name)).toEqual(['a', 'b']);
    expect(parsed.checks).toEqual([]);
    expect(parsed.uniques).toEqual([]);
  });
});

describe('reading SQLite CREATE INDEX text', () => {
  it('reads elements without their sort order, and the WHERE clause', () => {
    expect(
      parseCreateIndex(
        'CREATE UNIQUE INDEX IF NOT EXISTS "ix" ON t (lower(email) COLLATE NOCASE DESC, "b" ASC) WHERE a IS NOT NULL;',
      ),
    ).toEqual({ unique: true, elements: ['lower(email) COLLATE NOCASE', '"b"'], where: 'a IS NOT NULL' });
  });
});

describe('op.inspect on SQLite details', () => {
  it('resolves a foreign key that names no columns to the referenced primary key', async () => {
    const online = await openOnlineContext('sqlite');
    try {
      await online.db.executeQuery(
        CompiledQuery.raw('CREATE TABLE parent (a TEXT, b TEXT, PRIMARY KEY (a, b))'),
      );
      await online.db.executeQuery(
        CompiledQuery.raw(
          'CREATE TABLE child (x TEXT, y TEXT, FOREIGN KEY (x, y) REFERENCES parent ON UPDATE CASCADE)',
        ),
      );
      expect(await createInspector(online.context).getForeignKeys('child')).toEqual([
        {
          name: null,
          columns: ['x', 'y'],
          referencedTable: 'parent',
          referencedColumns: ['a', 'b'],
          onDelete: null,
          onUpdate: 'CASCADE',
        },
      ]);
    } finally {
      await online.close();
    }
  });
});
