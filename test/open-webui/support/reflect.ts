/**
 * Reflects a live database into the shape of the reference snapshots in
 * /work/shared/spec/openwebui/{sqlite,postgresql}/upgrade/*.json, through ambix's own inspector,
 * and normalises both sides the same way so they can be compared with `toEqual`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DialectName } from '../../../src/dialect.js';
import type { MigrationContext, Statement, StatementResult } from '../../../src/operations/context.js';
import { createInspector } from '../../../src/operations/inspect/index.js';
import type { TestDatabase } from '../../support/databases.js';

// The spec folder sits beside the repository (`../shared/spec`), as on the developers' machines and CI.
/**
 * ambix's own tables, left out as the reference leaves out Alembic's version table: the version
 * table and the record of executed steps (`historyTable`, default `ambix_history`).
 */
const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set(['alembic_version', 'ambix_history']);

export const SPEC_DIR =
  process.env.AMBIX_OPENWEBUI_SPEC ??
  fileURLToPath(new URL('../../../../shared/spec/openwebui', import.meta.url));

export interface ColumnShape {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly default: string | null;
}

export interface TableShape {
  readonly columns: ColumnShape[];
  readonly primary_key: { name: string | null; columns: string[] };
  readonly unique_constraints: { name: string | null; columns: string[] }[];
  readonly indexes: { name: string; columns: (string | null)[]; unique: boolean }[];
  readonly foreign_keys: {
    name: string | null;
    columns: string[];
    referred_table: string;
    referred_columns: string[];
    ondelete: string | null;
  }[];
}

export interface SchemaShape {
  readonly table_names: string[];
  readonly tables: Record<string, TableShape>;
  /** Expression indexes, which SQLAlchemy does not reflect: `table.name`. */
  readonly unreflected_indexes: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: reflection reads arbitrary schemas.
export type AnyKysely = Kysely<any>;

export function connect(database: TestDatabase): AnyKysely {
  if (database.dialect === 'sqlite') {
    return new Kysely({ dialect: new SqliteDialect({ database: new Database(database.name) }) });
  }
  return new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }),
  });
}

function readOnlyContext(db: AnyKysely, dialect: DialectName): MigrationContext {
  return {
    dialect,
    serverVersion: null,
    offline: false,
    revision: 'reflection',
    revisionPath: 'test/open-webui/support/reflect.ts',
    db,
    async run(statement: Statement): Promise<StatementResult> {
      const result = await db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(statement.sql, [...statement.parameters]),
      );
      return { rows: result.rows };
    },
    outsideTransaction: (work) => work(),
  };
}

const byName = <T extends { name: string | null }>(items: T[]): T[] =>
  [...items].sort((a, b) => {
    const left = `${a.name ?? ''}\u0000${JSON.stringify(a)}`;
    const right = `${b.name ?? ''}\u0000${JSON.stringify(b)}`;
    return left < right ? -1 : left > right ? 1 : 0;
  });

/** The live schema, minus the version table. */
export async function reflectSchema(db: AnyKysely, dialect: DialectName): Promise<SchemaShape> {
  const inspect = createInspector(readOnlyContext(db, dialect));
  const names = (await inspect.getTables()).filter((name) => !BOOKKEEPING_TABLES.has(name)).sort();
  const tables: Record<string, TableShape> = {};
  const unreflected: string[] = [];
  for (const name of names) {
    const indexes = await inspect.getIndexes(name);
    for (const index of indexes)
      if (index.expressions !== undefined) unreflected.push(`${name}.${index.name}`);
    const primaryKey = await inspect.getPrimaryKey(name);
    tables[name] = {
      columns: (await inspect.getColumns(name)).map((column) => ({
        name: column.name,
        type: column.type,
        nullable: column.nullable,
        default: column.default,
      })),
      primary_key: { name: primaryKey.name, columns: [...primaryKey.columns] },
      unique_constraints: byName(
        (await inspect.getUniqueConstraints(name)).map((unique) => ({
          name: unique.name,
          columns: [...unique.columns],
        })),
      ),
      indexes: byName(
        indexes
          .filter((index) => index.expressions === undefined)
          .map((index) => ({ name: index.name, columns: [...index.columns], unique: index.unique })),
      ),
      foreign_keys: byName(
        (await inspect.getForeignKeys(name)).map((key) => ({
          name: key.name,
          columns: [...key.columns],
          referred_table: key.referencedTable,
          referred_columns: [...key.referencedColumns],
          ondelete: key.onDelete,
        })),
      ),
    };
  }
  return { table_names: names, tables, unreflected_indexes: unreflected.sort() };
}

interface ReferenceFile {
  table_names: string[];
  tables: Record<
    string,
    {
      columns: ColumnShape[];
      primary_key: { name: string | null; columns: string[] } | null;
      unique_constraints: { name: string | null; columns: string[] }[];
      indexes: { name: string; columns: (string | null)[]; unique: boolean }[];
      foreign_keys: {
        name: string | null;
        columns: string[];
        referred_table: string;
        referred_columns: string[];
        options: { ondelete?: string };
      }[];
    }
  >;
  unreflected_indexes?: { table: string; name: string }[];
  alembic_version?: string[] | null;
}

/** One reference snapshot, normalised like `reflectSchema`. */
export function referenceSchema(file: string): SchemaShape {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as ReferenceFile;
  const tables: Record<string, TableShape> = {};
  for (const [name, table] of Object.entries(raw.tables)) {
    tables[name] = {
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        nullable: column.nullable,
        default: column.default,
      })),
      primary_key: {
        name: table.primary_key?.name ?? null,
        columns: [...(table.primary_key?.columns ?? [])],
      },
      unique_constraints: byName(table.unique_constraints.map((u) => ({ name: u.name, columns: u.columns }))),
      indexes: byName(
        table.indexes.map((index) => ({ name: index.name, columns: index.columns, unique: index.unique })),
      ),
      foreign_keys: byName(
        table.foreign_keys.map((key) => ({
          name: key.name,
          columns: key.columns,
          referred_table: key.referred_table,
          referred_columns: key.referred_columns,
          ondelete: key.options.ondelete ?? null,
        })),
      ),
    };
  }
  return {
    table_names: [...raw.table_names].sort(),
    tables,
    unreflected_indexes: (raw.unreflected_indexes ?? [])
      .map((index) => `${index.table}.${index.name}`)
      .sort(),
  };
}

export interface ReferenceStep {
  readonly number: number;
  readonly revision: string;
  readonly file: string;
}

/** The reference snapshots after each revision, in chain order (001 … 055). */
export function referenceSteps(dialect: DialectName): ReferenceStep[] {
  const folder = join(SPEC_DIR, dialect, 'upgrade');
  return readdirSync(folder)
    .filter((name) => /^\d{3}_[0-9a-f]{12}\.json$/.test(name))
    .sort()
    .map((name) => ({
      number: Number(name.slice(0, 3)),
      revision: name.slice(4, 16),
      file: join(folder, name),
    }));
}

/** The version rows the reference run's Alembic left after that revision. */
export function referenceVersionRows(file: string): string[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as ReferenceFile;
  return [...(raw.alembic_version ?? [])].sort();
}

/** The rows of the live version table, which ambix shares with Alembic. */
export async function versionRows(db: AnyKysely): Promise<string[]> {
  const result = await db.executeQuery<{ version_num: string }>(
    CompiledQuery.raw('SELECT version_num FROM alembic_version'),
  );
  return result.rows.map((row) => row.version_num).sort();
}

export function referenceHead(dialect: DialectName): SchemaShape {
  return referenceSchema(join(SPEC_DIR, dialect, 'head.json'));
}
