/**
 * The Open WebUI example's schema module against the schema real Alembic produced at head, on
 * SQLite and PostgreSQL: the same tables and columns, nullability, types as each database spells
 * them, defaults, keys, constraints and indexes (by name wherever the database has one). A
 * structural check of `schemaModel`; `ambix check` on a live database is tested with the commands.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Generated } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Database, SqliteDatabase } from '../../examples/open-webui/schema.js';
import type { ForeignKeyModel, SchemaModel, TableModel } from '../../src/autogenerate/model.js';
import { isSchema, type Schema, schemaModel } from '../../src/autogenerate/schema/index.js';
import { loadModule } from '../../src/loader/index.js';
import { renderColumnType } from '../../src/operations/ddl/column-types.js';
import { SPEC_DIR } from '../open-webui/support/reflect.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/open-webui/schema.ts');

interface SnapshotColumn {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
}
interface SnapshotTable {
  columns: SnapshotColumn[];
  primary_key: { name: string | null; columns: string[] };
  unique_constraints: { name: string | null; columns: string[] }[];
  indexes: { name: string; columns: string[]; unique: boolean; duplicates_constraint?: string }[];
  foreign_keys: {
    name: string | null;
    columns: string[];
    referred_table: string;
    referred_columns: string[];
    options: { ondelete?: string; onupdate?: string };
  }[];
  check_constraints: { name: string | null; sqltext: string }[];
}
interface Snapshot {
  table_names: string[];
  tables: Record<string, SnapshotTable>;
  unreflected_indexes: { table: string; name: string; definition: string }[];
}

function snapshot(dialect: 'sqlite' | 'postgresql'): Snapshot {
  return JSON.parse(readFileSync(join(SPEC_DIR, dialect, 'head.json'), 'utf8')) as Snapshot;
}

async function exampleSchema(): Promise<Schema> {
  const exported = (await loadModule(EXAMPLE)).default;
  if (!isSchema(exported)) throw new Error('examples/open-webui/schema.ts does not default-export a schema');
  return exported;
}

function tableOf(model: SchemaModel, name: string): TableModel {
  const table = model.tables.find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`no table ${name} in the model`);
  return table;
}

/** Matched as the comparison does: by name when the database has one, else by content. */
function sameName(reflected: string | null, declared: string | null): boolean {
  return reflected === null || reflected === declared;
}

function describeForeignKey(key: ForeignKeyModel): string {
  const actions = `${key.onDelete ?? ''}/${key.onUpdate ?? ''}`;
  return `(${key.columns.join(',')}) -> ${key.referencedTable}(${key.referencedColumns.join(',')}) ${actions}`;
}

describe.each(['sqlite', 'postgresql'] as const)('the Open WebUI schema module [%s]', (dialect) => {
  const head = snapshot(dialect);

  it('lists exactly the tables of head', async () => {
    const model = schemaModel(await exampleSchema(), { dialect });
    expect(model.tables.map((table) => table.name)).toEqual([...head.table_names].sort());
  });

  it('gives each table the columns of head with their nullability, types and defaults', async () => {
    const model = schemaModel(await exampleSchema(), { dialect });
    for (const name of head.table_names) {
      const declared = tableOf(model, name).columns;
      const reflected = head.tables[name]?.columns ?? [];
      const describe = (column: { name: string; nullable: boolean }, type: string, hasDefault: boolean) =>
        `${name}.${column.name} ${type} ${column.nullable ? 'NULL' : 'NOT NULL'}${hasDefault ? ' DEFAULT' : ''}`;
      const fromHead = reflected.map((column) =>
        // A serial column's nextval() default is how PostgreSQL numbers it, not a declared default.
        describe(column, column.type, column.default !== null && !column.default.startsWith('nextval(')),
      );
      const fromModel = declared.map((column) =>
        describe(column, renderColumnType(dialect, column.type), column.default !== null),
      );
      expect(fromModel.sort()).toEqual(fromHead.sort());
    }
  });

  it('has the primary keys, unique constraints and foreign keys of head', async () => {
    const model = schemaModel(await exampleSchema(), { dialect });
    for (const name of head.table_names) {
      const declared = tableOf(model, name);
      const reflected = head.tables[name] as SnapshotTable;
      expect(declared.primaryKey?.columns, `${name} primary key`).toEqual(reflected.primary_key.columns);
      expect(declared.uniqueConstraints.length, `${name} unique constraints`).toBe(
        reflected.unique_constraints.length,
      );
      for (const unique of reflected.unique_constraints) {
        const match = declared.uniqueConstraints.find(
          (candidate) =>
            sameName(unique.name, candidate.name) && candidate.columns.join() === unique.columns.join(),
        );
        expect(match, `${name} unique ${unique.name} (${unique.columns})`).toBeDefined();
      }
      expect(declared.foreignKeys.length, `${name} foreign keys`).toBe(reflected.foreign_keys.length);
      for (const key of reflected.foreign_keys) {
        const wanted = describeForeignKey({
          name: key.name,
          columns: key.columns,
          referencedTable: key.referred_table,
          referencedColumns: key.referred_columns,
          onDelete: (key.options.ondelete as ForeignKeyModel['onDelete']) ?? null,
          onUpdate: (key.options.onupdate as ForeignKeyModel['onUpdate']) ?? null,
        });
        const match = declared.foreignKeys.find(
          (candidate) => sameName(key.name, candidate.name) && describeForeignKey(candidate) === wanted,
        );
        expect(match, `${name} foreign key ${key.name} ${wanted}`).toBeDefined();
      }
      expect(declared.checkConstraints).toEqual([]);
      expect(reflected.check_constraints).toEqual([]);
    }
  });

  it('has the indexes of head, by name, including the expression index reflection skips', async () => {
    const model = schemaModel(await exampleSchema(), { dialect });
    const describeIndex = (index: { name: string; columns: readonly unknown[]; unique: boolean }) =>
      `${index.name} ${index.unique ? 'UNIQUE ' : ''}(${index.columns.map((c) => (typeof c === 'string' ? c : 'expr')).join(',')})`;
    const fromHead = head.table_names.flatMap((name) =>
      (head.tables[name]?.indexes ?? [])
        // Indexes that back a unique constraint are the constraint, not indexes of their own.
        .filter((index) => index.duplicates_constraint === undefined)
        .map((index) => `${name}: ${describeIndex(index)}`),
    );
    const skipped = head.unreflected_indexes.map((index) => `${index.table}: ${index.name} UNIQUE (expr)`);
    const fromModel = model.tables.flatMap((table) =>
      table.indexes.map((index) => `${table.name}: ${describeIndex(index)}`),
    );
    expect(fromModel.sort()).toEqual([...fromHead, ...skipped].sort());
    const lower = tableOf(model, 'user').indexes.find((index) => index.name === 'uq_user_email_lower');
    expect(lower).toMatchObject({
      columns: [{ kind: 'sql', sql: 'lower(email)' }],
      where: 'email IS NOT NULL',
    });
  });
});

describe('the Open WebUI Database type', () => {
  it('types columns as Kysely sees them', () => {
    expectTypeOf<Database['user']['email']>().toEqualTypeOf<string | null>();
    expectTypeOf<Database['user']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Database['chat']['meta']>().toEqualTypeOf<Generated<unknown>>();
    expectTypeOf<Database['config_old']['id']>().toEqualTypeOf<Generated<number>>();
    expectTypeOf<Database['tag']['user_id']>().toEqualTypeOf<string>();
    expectTypeOf<SqliteDatabase['prompt']['is_active']>().toEqualTypeOf<Generated<number>>();
  });
});
