/**
 * `op`: the object a revision's `upgrade` / `downgrade` receives. Schema operations are rendered
 * per dialect by `ddl/` and sent through the MigrationContext, so the same calls execute online
 * and are recorded as SQL offline.
 */
import type { Compilable, CompiledQuery, Kysely, Selectable } from 'kysely';
import type { DialectName } from '../dialect.js';
import { compileOnlyKysely } from '../kysely.js';
import { batchAlterTable } from './batch/index.js';
import type { BatchOperations, BatchOptions } from './batch/types.js';
import type { MigrationContext, Statement, StatementResult } from './context.js';
import {
  type BackfillHost,
  type BackfillOptions,
  type BackfillResult,
  type BatchesOptions,
  type BatchSource,
  type BulkUpdateOptions,
  backfill,
  bulkUpdate,
  createProgress,
  type DataRunner,
  keysetPages,
  type ProgressCounter,
} from './data/index.js';
import { ddlFor } from './ddl/index.js';
import type { AlterColumnChanges, CatalogColumn, DdlRenderer } from './ddl/renderer.js';
import { InvalidOnDialect, UnsupportedOnDialect } from './ddl/renderer.js';
import { bindNamedParameters, formatTimestamp, inlineParameters } from './ddl/sql-text.js';
import {
  InvalidOperationError,
  OfflineNotSupportedError,
  OperationFailedError,
  UnsupportedOperationError,
} from './errors.js';
import { createInspector } from './inspect/index.js';
import type { Inspector } from './inspect/types.js';
import type { ColumnSpec, ConstraintType, IndexElement, ReferentialAction, TableSpec } from './types.js';
import { type Argument, shapes, validateArguments } from './validate/index.js';

export interface DialectInfo {
  readonly name: DialectName;
  /** The server version string online (`16.4`, `10.11.9-MariaDB`, `3.46.0`); null offline. */
  readonly serverVersion: string | null;
}

/** A Kysely query builder or an `sql` template: anything Kysely can compile. */
export type ExecutableQuery =
  | Compilable
  | { compile(executorProvider: ReturnType<typeof compileOnlyKysely>): CompiledQuery };

/** Positional values for the dialect's placeholders, or named values for `:name` placeholders. */
export type QueryParameters = readonly unknown[] | Readonly<Record<string, unknown>>;

export interface CreateTableOptions extends Omit<TableSpec, 'name'> {
  readonly ifNotExists?: boolean;
}

export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** Partial index condition (PostgreSQL, SQLite). */
  readonly where?: string;
  /** PostgreSQL `CONCURRENTLY`; runs outside the migration's transaction automatically. */
  readonly concurrently?: boolean;
  readonly ifNotExists?: boolean;
}

export interface DropIndexOptions {
  /** The index's table: required on MySQL, whose DROP INDEX names it. */
  readonly table?: string;
  readonly ifExists?: boolean;
  readonly concurrently?: boolean;
}

export interface ForeignKeyOptions {
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export interface DropConstraintOptions {
  /** What kind of constraint it is: required on MySQL, which drops each kind differently. */
  readonly type?: ConstraintType;
}

export interface BulkInsertOptions {
  /** One INSERT per row instead of one multi-row INSERT. */
  readonly rowByRow?: boolean;
}

export type { AlterColumnChanges };

/**
 * A row of `DB`'s `Table` as read: the listed columns and the key typed from the schema, computed
 * `expressions` as unknown. Untyped (`Operations` without a `DB`) it is a plain record.
 */
export type BatchRow<
  DB,
  Table extends string,
  Column extends string,
  Key extends string = 'id',
> = 0 extends 1 & DB
  ? Record<string, unknown>
  : Table extends keyof DB
    ? Pick<Selectable<DB[Table]>, (Column | Key) & keyof Selectable<DB[Table]>> & Record<string, unknown>
    : Record<string, unknown>;

/** Bound values per INSERT, under SQLite's limit (32766), the lowest of the three databases'. */
const MAX_PARAMETERS_PER_INSERT = 30_000;

/** Splits rows into INSERTs that each stay within the parameter limit. */
function bulkInsertBatches<T extends Readonly<Record<string, unknown>>>(
  rows: readonly T[],
  rowByRow: boolean,
): T[][] {
  const columns = new Set(rows.flatMap((row) => Object.keys(row))).size;
  const size = rowByRow ? 1 : Math.max(1, Math.floor(MAX_PARAMETERS_PER_INSERT / Math.max(1, columns)));
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/**
 * `DB` types `op.db`: a revision may write `upgrade(op: Operations<Database>)` with the `Database`
 * its project infers from the schema module (`InferDatabase<typeof schema>`). The default stays
 * untyped: ambix cannot know the schema a revision sees, and the schema module describes the head.
 */
// biome-ignore lint/suspicious/noExplicitAny: a revision's schema is unknown to ambix unless it says.
export class Operations<DB = any> {
  readonly #context: MigrationContext;
  readonly #ddl: DdlRenderer;
  #inspector: Inspector | undefined;

  constructor(context: MigrationContext) {
    this.#context = context;
    this.#ddl = ddlFor(context.dialect, context.serverVersion);
  }

  /** The dialect and server version, for the rare revision that must branch on them. */
  get dialect(): DialectInfo {
    return { name: this.#context.dialect, serverVersion: this.#context.serverVersion };
  }

  /** True while rendering offline SQL (`--sql`): reads are impossible, writes are recorded. */
  get offline(): boolean {
    return this.#context.offline;
  }

  /** A Kysely instance on the migration's connection and transaction; online only. */
  get db(): Kysely<DB> {
    if (this.#context.offline) throw new OfflineNotSupportedError(this.#context, 'op.db');
    // The context's connection is untyped; the revision's type argument says what it holds.
    return this.#context.db as Kysely<DB>;
  }

  /** Reflection of the live schema, for guards; every call fails offline naming the revision. */
  get inspect(): Inspector {
    this.#inspector ??= createInspector(this.#context);
    return this.#inspector;
  }

  /** Runs `work` outside the migration's transaction (e.g. PostgreSQL `ALTER TYPE … ADD VALUE`). */
  outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.#context.outsideTransaction(work);
  }

  /**
   * Executes SQL text, with positional parameters in the dialect's own placeholder style or named
   * `:name` parameters, or a Kysely query. Returns the rows (none offline).
   */
  async execute(query: string | ExecutableQuery, parameters?: QueryParameters): Promise<StatementResult> {
    if (typeof query !== 'string' && typeof (query as { compile?: unknown } | null)?.compile !== 'function') {
      this.#validate('execute', [{ name: 'query', check: shapes.aString, value: query }]);
    }
    const statement = this.#toStatement(query, parameters);
    return this.#run('execute', statement);
  }

  /** Inserts rows; values are bound (online) or written as literals (offline). */
  async bulkInsert(
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
    options: BulkInsertOptions = {},
  ): Promise<void> {
    this.#validate(`bulkInsert(${table})`, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'rows', check: shapes.rows, value: rows },
      { name: 'options', check: shapes.bulkInsertOptions, value: options },
    ]);
    if (rows.length === 0) return;
    for (const batch of bulkInsertBatches(rows, options.rowByRow ?? false)) {
      const values = batch.map((row) => this.#bindableRow(row));
      const compiled = compileOnlyKysely(this.#context.dialect).insertInto(table).values(values).compile();
      await this.#run(`bulkInsert(${table})`, { sql: compiled.sql, parameters: compiled.parameters });
    }
  }

  async createTable(name: string, definition: CreateTableOptions): Promise<void> {
    this.#validate(`createTable(${name})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'definition', check: shapes.createTableOptions, value: definition },
    ]);
    const { ifNotExists, ...spec } = definition;
    await this.#perform(`createTable(${name})`, () =>
      this.#ddl.createTable({ name, ...spec }, { ifNotExists: ifNotExists ?? false }),
    );
  }

  async dropTable(name: string, options: { ifExists?: boolean } = {}): Promise<void> {
    this.#validate(`dropTable(${name})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'options', check: shapes.dropTableOptions, value: options },
    ]);
    await this.#perform(`dropTable(${name})`, () => this.#ddl.dropTable(name, options.ifExists ?? false));
  }

  async renameTable(from: string, to: string): Promise<void> {
    this.#validate(`renameTable(${from} → ${to})`, [
      { name: 'from', check: shapes.aString, value: from },
      { name: 'to', check: shapes.aString, value: to },
    ]);
    await this.#perform(`renameTable(${from} → ${to})`, () => this.#ddl.renameTable(from, to));
  }

  async addColumn(table: string, column: ColumnSpec): Promise<void> {
    this.#validate(`addColumn(${table})`, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'column', check: shapes.columnSpec, value: column },
    ]);
    await this.#perform(`addColumn(${table}.${column.name})`, () => this.#ddl.addColumn(table, column));
  }

  async dropColumn(table: string, column: string): Promise<void> {
    this.#validate(`dropColumn(${table}.${column})`, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'column', check: shapes.aString, value: column },
    ]);
    await this.#perform(`dropColumn(${table}.${column})`, () => this.#ddl.dropColumn(table, column));
  }

  /**
   * Changes one column: rename, type (PostgreSQL `using`), nullability, server default (null
   * drops it), comment. On MySQL a type, nullability or comment change rewrites the whole column
   * definition, so the unchanged parts come from `existing*` or, online, from the live column.
   */
  async alterColumn(table: string, column: string, changes: AlterColumnChanges): Promise<void> {
    const label = `alterColumn(${table}.${column})`;
    this.#validate(label, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'column', check: shapes.aString, value: column },
      { name: 'changes', check: shapes.alterColumnChanges, value: changes },
    ]);
    const existing = await this.#existingColumnFor(label, table, column, changes);
    await this.#perform(label, () => this.#ddl.alterColumn(table, column, changes, existing));
  }

  async createIndex(
    name: string,
    table: string,
    columns: readonly IndexElement[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    const label = `createIndex(${name} on ${table})`;
    this.#validate(label, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'table', check: shapes.aString, value: table },
      { name: 'columns', check: shapes.indexElements, value: columns },
      { name: 'options', check: shapes.createIndexOptions, value: options },
    ]);
    const index = { name, columns, unique: options.unique ?? false, where: options.where };
    const statements = this.#render(label, () =>
      this.#ddl.createIndex(table, index, {
        concurrently: options.concurrently ?? false,
        ifNotExists: options.ifNotExists ?? false,
      }),
    );
    await this.#runConcurrentlyAware(label, statements, options.concurrently ?? false);
  }

  async dropIndex(name: string, options: DropIndexOptions = {}): Promise<void> {
    const label = `dropIndex(${name})`;
    this.#validate(label, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'options', check: shapes.dropIndexOptions, value: options },
    ]);
    const statements = this.#render(label, () =>
      this.#ddl.dropIndex(name, {
        table: options.table,
        ifExists: options.ifExists ?? false,
        concurrently: options.concurrently ?? false,
      }),
    );
    await this.#runConcurrentlyAware(label, statements, options.concurrently ?? false);
  }

  async createPrimaryKey(name: string, table: string, columns: readonly string[]): Promise<void> {
    this.#validate(`createPrimaryKey(${name} on ${table})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'table', check: shapes.aString, value: table },
      { name: 'columns', check: shapes.columnNames, value: columns },
    ]);
    await this.#perform(`createPrimaryKey(${name} on ${table})`, () =>
      this.#ddl.createPrimaryKey(table, { name, columns }),
    );
  }

  async createForeignKey(
    name: string,
    sourceTable: string,
    referencedTable: string,
    columns: readonly string[],
    referencedColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): Promise<void> {
    this.#validate(`createForeignKey(${name} on ${sourceTable})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'sourceTable', check: shapes.aString, value: sourceTable },
      { name: 'referencedTable', check: shapes.aString, value: referencedTable },
      { name: 'columns', check: shapes.columnNames, value: columns },
      { name: 'referencedColumns', check: shapes.columnNames, value: referencedColumns },
      { name: 'options', check: shapes.foreignKeyOptions, value: options },
    ]);
    await this.#perform(`createForeignKey(${name} on ${sourceTable})`, () =>
      this.#ddl.createForeignKey(sourceTable, {
        name,
        columns,
        referencedTable,
        referencedColumns,
        onDelete: options.onDelete,
        onUpdate: options.onUpdate,
      }),
    );
  }

  async createUniqueConstraint(name: string, table: string, columns: readonly string[]): Promise<void> {
    this.#validate(`createUniqueConstraint(${name} on ${table})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'table', check: shapes.aString, value: table },
      { name: 'columns', check: shapes.columnNames, value: columns },
    ]);
    await this.#perform(`createUniqueConstraint(${name} on ${table})`, () =>
      this.#ddl.createUniqueConstraint(table, { name, columns }),
    );
  }

  async createCheckConstraint(name: string, table: string, condition: string): Promise<void> {
    this.#validate(`createCheckConstraint(${name} on ${table})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'table', check: shapes.aString, value: table },
      { name: 'condition', check: shapes.aString, value: condition },
    ]);
    await this.#perform(`createCheckConstraint(${name} on ${table})`, () =>
      this.#ddl.createCheckConstraint(table, { name, expression: condition }),
    );
  }

  async dropConstraint(name: string, table: string, options: DropConstraintOptions = {}): Promise<void> {
    this.#validate(`dropConstraint(${name} on ${table})`, [
      { name: 'name', check: shapes.aString, value: name },
      { name: 'table', check: shapes.aString, value: table },
      { name: 'options', check: shapes.dropConstraintOptions, value: options },
    ]);
    await this.#perform(`dropConstraint(${name} on ${table})`, () =>
      this.#ddl.dropConstraint(table, name, options.type),
    );
  }

  /**
   * A group of changes to one table. On SQLite, changes it cannot make in place (types,
   * nullability, constraints) rebuild the table, keeping its rows, indexes and constraints; on
   * the other databases each change is the plain ALTER, in order.
   */
  async batchAlterTable(
    table: string,
    work: (batch: BatchOperations) => void | Promise<void>,
    options: BatchOptions = {},
  ): Promise<void> {
    this.#validate(`batchAlterTable(${table})`, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'work', check: shapes.aFunction, value: work },
      { name: 'options', check: shapes.batchOptions, value: options },
    ]);
    await batchAlterTable(this.#context, this, table, work, options);
  }

  /** Refuses arguments the operation does not understand, before anything renders or runs. */
  #validate(operation: string, args: readonly Argument[]): void {
    validateArguments(this.#context, operation, args);
  }

  /** Renders an operation's statements, then runs them; nothing runs if rendering fails. */
  async #perform(operation: string, render: () => readonly string[]): Promise<void> {
    await this.#runAll(operation, this.#render(operation, render));
  }

  /** PostgreSQL cannot build or drop an index CONCURRENTLY inside a transaction block. */
  async #runConcurrentlyAware(operation: string, statements: readonly string[], concurrently: boolean) {
    if (concurrently && this.#context.dialect === 'postgresql') {
      await this.#context.outsideTransaction(() => this.#runAll(operation, statements));
    } else {
      await this.#runAll(operation, statements);
    }
  }

  async #runAll(operation: string, statements: readonly string[]): Promise<void> {
    for (const sql of statements) await this.#run(operation, { sql, parameters: [] });
  }

  /** The dialect's statements for an operation, with its refusals turned into typed errors. */
  #render(operation: string, render: () => readonly string[]): readonly string[] {
    try {
      return render();
    } catch (error) {
      if (error instanceof UnsupportedOnDialect) {
        throw new UnsupportedOperationError(this.#context, operation, error.message);
      }
      if (error instanceof InvalidOnDialect) {
        throw new InvalidOperationError(this.#context, operation, error.message);
      }
      throw error;
    }
  }

  async #run(operation: string, statement: Statement): Promise<StatementResult> {
    const prepared =
      this.#context.offline && statement.parameters.length > 0
        ? {
            sql: inlineParameters(this.#context.dialect, statement.sql, statement.parameters),
            parameters: [],
          }
        : statement;
    try {
      return await this.#context.run(prepared);
    } catch (error) {
      throw new OperationFailedError(this.#context, operation, prepared.sql, error);
    }
  }

  #toStatement(query: string | ExecutableQuery, parameters: QueryParameters | undefined): Statement {
    const dialect = this.#context.dialect;
    if (typeof query !== 'string') {
      const compiled = query.compile(compileOnlyKysely(dialect));
      return { sql: compiled.sql, parameters: compiled.parameters };
    }
    if (parameters === undefined) return { sql: query, parameters: [] };
    if (Array.isArray(parameters)) return { sql: query, parameters: parameters as readonly unknown[] };
    const bound = bindNamedParameters(dialect, query, parameters as Readonly<Record<string, unknown>>);
    if (bound.missing.length > 0) {
      throw new InvalidOperationError(
        this.#context,
        'execute',
        `no value for parameter(s) ${bound.missing.map((name) => `:${name}`).join(', ')} in: ${query}`,
      );
    }
    return { sql: bound.sql, parameters: bound.parameters };
  }

  /**
   * The rows of a table (or of `{ query }`) in pages of `batchSize`, by keyset pagination on
   * `key` (default `id`): each page is an indexed range scan, and only the current page is in
   * memory. Online only. Rows are typed when `op` is `Operations<Database>`.
   */
  async *batches<Table extends string, Column extends string = string, Key extends string = 'id'>(
    source: Table | { readonly query: string },
    options: BatchesOptions<Column> & { readonly key?: Key } = {},
  ): AsyncGenerator<BatchRow<DB, Table, Column, Key>[]> {
    this.#checkBatches('batches', source, options, shapes.batchesOptions);
    for await (const page of keysetPages(this.#dataRunner(), source, options)) {
      yield page as BatchRow<DB, Table, Column, Key>[];
    }
  }

  /**
   * Updates many rows by key in one statement per chunk (`UPDATE … FROM (VALUES …)` and its
   * MySQL/SQLite equivalents). Each row holds its key column(s) and the values to set; every row
   * must have the same columns. Returns the number of rows changed.
   */
  async bulkUpdate(
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
    options: BulkUpdateOptions = {},
  ): Promise<number> {
    this.#validate(`bulkUpdate(${table})`, [
      { name: 'table', check: shapes.aString, value: table },
      { name: 'rows', check: shapes.rows, value: rows },
      { name: 'options', check: shapes.bulkUpdateOptions, value: options },
    ]);
    const columns = Object.keys(rows[0] ?? {})
      .sort()
      .join(',');
    if (rows.some((row) => Object.keys(row).sort().join(',') !== columns)) {
      throw new InvalidOperationError(
        this.#context,
        `bulkUpdate(${table})`,
        'every row must have the same columns.',
      );
    }
    if (this.#context.offline) throw new OfflineNotSupportedError(this.#context, `bulkUpdate(${table})`);
    return bulkUpdate(this.#dataRunner(), table, rows, options);
  }

  /**
   * A progress counter for work the revision does itself: each `tick(n)` becomes a `progress`
   * event (a bar on a terminal, NDJSON with `--json`, `onEvent` for `migrate()`).
   */
  progress(total: number | null, label = 'progress'): ProgressCounter {
    this.#validate('progress', [
      { name: 'total', check: shapes.aProgressTotal, value: total },
      { name: 'label', check: shapes.aString, value: label },
    ]);
    return createProgress(this.#context.onProgress ?? (() => {}), this.#context.revision, label, total);
  }

  /**
   * Hands the rows of a table (or query) to `each`, page by page, reporting progress. With
   * `resumable: true` every page commits on its own with a checkpoint, and an interrupted run
   * continues after the last committed page; the revision is recorded once all pages are in.
   */
  async backfill<Table extends string, Column extends string = string, Key extends string = 'id'>(
    source: Table | { readonly query: string },
    options: BackfillOptions<Column> & { readonly key?: Key },
    each: (rows: BatchRow<DB, Table, Column, Key>[]) => Promise<void>,
  ): Promise<BackfillResult> {
    this.#checkBatches('backfill', source, options, shapes.backfillOptions);
    this.#validate('backfill', [{ name: 'each', check: shapes.aFunction, value: each }]);
    const context = this.#context;
    const host: BackfillHost = {
      ...this.#dataRunner(),
      revision: context.revision,
      onProgress: context.onProgress ?? (() => {}),
      outsideTransaction: (work) => context.outsideTransaction(work),
    };
    return backfill(host, source, options, (rows) => each(rows as BatchRow<DB, Table, Column, Key>[]));
  }

  #checkBatches(
    operation: string,
    source: BatchSource,
    options: object,
    check: (typeof shapes)['batchesOptions'],
  ): void {
    this.#validate(operation, [
      { name: 'source', check: shapes.batchSource, value: source },
      { name: 'options', check, value: options },
    ]);
    if (this.#context.offline) throw new OfflineNotSupportedError(this.#context, `op.${operation}`);
    if (typeof source !== 'string' && (options as BatchesOptions).order === 'storage') {
      throw new InvalidOperationError(
        this.#context,
        operation,
        "order: 'storage' reads a table, not a query.",
      );
    }
    if ((options as BatchesOptions).order === 'storage' && this.#context.dialect === 'mysql') {
      // InnoDB has no row address: its rows are stored in primary-key order, which `key` reads.
      throw new UnsupportedOperationError(
        this.#context,
        operation,
        "order: 'storage' needs a row address (SQLite's rowid, PostgreSQL's ctid); MySQL/MariaDB store rows in primary-key order: use order: 'key'.",
      );
    }
  }

  #dataRunner(): DataRunner {
    return {
      dialect: this.#context.dialect,
      run: (operation, sql, parameters) => this.#run(operation, { sql, parameters }),
      bindable: (value) => this.#bindableValue(value),
    };
  }

  /** Values the drivers accept: JSON for objects and arrays; 1/0 and text for SQLite booleans and dates. */
  #bindableRow(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = this.#bindableValue(value);
    return out;
  }

  #bindableValue(value: unknown): unknown {
    const sqlite = this.#context.dialect === 'sqlite';
    if (typeof value === 'boolean' && sqlite) return value ? 1 : 0;
    if (value instanceof Date && sqlite) return formatTimestamp(value);
    if (
      value !== null &&
      typeof value === 'object' &&
      !(value instanceof Date) &&
      !(value instanceof Uint8Array)
    ) {
      return JSON.stringify(value);
    }
    return value;
  }

  /**
   * The current definition of a column that this dialect must restate (MySQL's MODIFY): read from
   * the catalog online; offline the caller must supply at least the type and nullability.
   */
  async #existingColumnFor(
    label: string,
    table: string,
    column: string,
    changes: AlterColumnChanges,
  ): Promise<CatalogColumn | undefined> {
    const missing = this.#ddl.existingColumnFields(changes);
    if (missing.length === 0) return undefined;
    if (this.#context.offline) {
      if (!missing.includes('type') && !missing.includes('nullable')) return undefined;
      throw new InvalidOperationError(
        this.#context,
        label,
        `on ${this.#context.dialect} this change restates the whole column, and offline its current definition ` +
          'cannot be read: pass existingType and existingNullable (and existingDefault / existingComment to keep them).',
      );
    }
    const result = await this.#run(label, this.#ddl.catalogColumnQuery(table, column));
    const row = result.rows[0];
    if (row === undefined) {
      throw new InvalidOperationError(this.#context, label, `table ${table} has no column ${column}.`);
    }
    return this.#ddl.catalogColumn(row);
  }
}
