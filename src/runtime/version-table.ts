import type { DialectAdapter, VersionTableRef } from '../dialects/adapter.js';
import { AmbixError } from '../errors.js';
import type { Plan, VersionRowChange } from '../script/plan.js';
import {
  RevisionIdTooLongError,
  TableShapeError,
  VERSION_TABLE_SHAPE,
  VersionRowMismatchError,
} from './errors.js';
import type { Session } from './session.js';

/** `alembic_version` in the connection's default schema: Alembic's default, so databases move freely. */
export const DEFAULT_VERSION_TABLE: VersionTableRef = { name: 'alembic_version', schema: null };

/** Alembic's `version_num VARCHAR(32)` (§4.1). */
export const VERSION_COLUMN_WIDTH = 32;

/** A version-table statement, with its values bound (online) or inline (offline). */
export interface VersionStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** For UPDATE / DELETE: §4.3's "must hit exactly one row" check, phrased for its message. */
  readonly expectOneRow: string | null;
}

/** Renders the version table's statements for one dialect, shaped as Alembic's (§4.1, §7). */
export class VersionTableSql {
  readonly table: VersionTableRef;
  readonly #adapter: DialectAdapter;

  constructor(adapter: DialectAdapter, table: VersionTableRef) {
    this.#adapter = adapter;
    this.table = table;
  }

  /** The table as written in SQL: `alembic_version` or `schema.alembic_version`. */
  get qualifiedName(): string {
    const name = this.#adapter.quoteIdentifier(this.table.name);
    return this.table.schema === null ? name : `${this.#adapter.quoteIdentifier(this.table.schema)}.${name}`;
  }

  /** Alembic's exact DDL (§4.1), laid out the way SQLAlchemy prints it offline. */
  create(options: { ifNotExists: boolean }): string {
    const constraint = this.#adapter.quoteIdentifier(`${this.table.name}_pkc`);
    return (
      `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.qualifiedName} (\n` +
      `\tversion_num VARCHAR(${VERSION_COLUMN_WIDTH}) NOT NULL, \n` +
      `\tCONSTRAINT ${constraint} PRIMARY KEY (version_num)\n)`
    );
  }

  drop(): string {
    return `DROP TABLE ${this.qualifiedName}`;
  }

  /** A plain SELECT without ORDER BY, as Alembic reads the rows. */
  select(): string {
    return `SELECT version_num FROM ${this.qualifiedName}`;
  }

  /** The statement for one row change; `inline` renders values as literals (offline scripts). */
  change(change: VersionRowChange, mode: 'bound' | 'inline'): VersionStatement {
    const values: unknown[] = [];
    const value = (v: string): string => {
      if (mode === 'inline') return this.#adapter.renderLiteral(v);
      values.push(v);
      return this.#adapter.placeholderStyle === 'dollar' ? `$${values.length}` : '?';
    };
    const table = this.qualifiedName;
    const column = `${table}.version_num`;
    switch (change.kind) {
      case 'insert':
        return {
          sql:
            `INSERT INTO ${table} (version_num) VALUES (${value(change.revision)})` +
            (mode === 'inline' ? this.#adapter.offlineInsertSuffix(table) : ''),
          parameters: values,
          expectOneRow: null,
        };
      case 'update':
        return {
          sql: `UPDATE ${table} SET version_num=${value(change.to)} WHERE ${column} = ${value(change.from)}`,
          parameters: values,
          expectOneRow: `updating '${change.from}' to '${change.to}'`,
        };
      case 'delete':
        return {
          sql: `DELETE FROM ${table} WHERE ${column} = ${value(change.revision)}`,
          parameters: values,
          expectOneRow: `deleting '${change.revision}'`,
        };
      case 'delete-all':
        return { sql: `DELETE FROM ${table}`, parameters: values, expectOneRow: null };
    }
  }
}

/** What the version table holds; `exists: false` when there is no table at all. */
export interface VersionState {
  readonly exists: boolean;
  readonly rows: readonly string[];
}

/**
 * Reads the rows with one SELECT; a missing table reads as no rows and creates nothing. A table
 * that cannot be read as a version table is a `TableShapeError` listing the columns it has.
 */
export async function readVersionRows(session: Session, sql: VersionTableSql): Promise<VersionState> {
  try {
    const { rows } = await session.execute(sql.select());
    return { exists: true, rows: rows.map((row) => String(row.version_num)) };
  } catch (error) {
    if (session.adapter.isMissingTable(error)) return { exists: false, rows: [] };
    throw await shapeFailure(session, sql.table, error);
  }
}

/** The typed error for a table that exists but could not be read; environment failures first. */
export async function shapeFailure(
  session: Pick<Session, 'adapter' | 'execute' | 'spec'>,
  table: VersionTableRef,
  error: unknown,
  described: { purpose: string; expected: string } = {
    purpose: 'the version table',
    expected: VERSION_TABLE_SHAPE,
  },
): Promise<AmbixError> {
  if (error instanceof AmbixError) return error;
  const environment = session.adapter.environmentFailure?.(error, session.spec);
  if (environment) return environment;
  const found = await session.adapter.tableColumns(session.execute, table).catch(() => []);
  return new TableShapeError({
    table: table.schema === null ? table.name : `${table.schema}.${table.name}`,
    ...described,
    found,
    databaseError: error instanceof Error ? error.message : String(error),
    cause: error,
  });
}

/**
 * Checks, before anything runs, that every revision id the plan writes fits the version column
 * (Alembic's VARCHAR(32), or however the existing table was widened). SQLite enforces no length,
 * but its declared one is what the other databases would hold a copy of this database to.
 */
export async function checkRevisionIdsFit(
  session: Session,
  sql: VersionTableSql,
  plan: Plan,
  tableExists: boolean,
): Promise<void> {
  const written = new Map<string, string | null>();
  for (const step of plan.steps) {
    for (const change of step.versionChanges) {
      const id = change.kind === 'insert' ? change.revision : change.kind === 'update' ? change.to : null;
      if (id !== null && !written.has(id)) written.set(id, null);
    }
    if (step.kind === 'migration') {
      if (written.has(step.revision.id)) written.set(step.revision.id, step.revision.path);
    }
  }
  const longest = Math.max(0, ...[...written.keys()].map((id) => id.length));
  if (longest <= VERSION_COLUMN_WIDTH) return;
  let width: number | null = VERSION_COLUMN_WIDTH;
  if (tableExists) {
    const columns = await session.adapter.tableColumns(session.execute, sql.table);
    width = columns.find((column) => column.name.toLowerCase() === 'version_num')?.maxLength ?? null;
  }
  if (width === null) return;
  for (const [revision, path] of written) {
    if (revision.length > width) {
      throw new RevisionIdTooLongError({ revision, path, width, table: sql.table.name });
    }
  }
}

/** Applies one row change online, checking that UPDATE / DELETE hit exactly one row (§4.3). */
export async function applyVersionChange(
  session: Session,
  sql: VersionTableSql,
  change: VersionRowChange,
): Promise<void> {
  const statement = sql.change(change, 'bound');
  const result = await session.execute(statement.sql, statement.parameters);
  if (statement.expectOneRow !== null && result.numAffectedRows !== undefined) {
    const found = Number(result.numAffectedRows);
    if (found !== 1) throw new VersionRowMismatchError(sql.table.name, statement.expectOneRow, found);
  }
}
