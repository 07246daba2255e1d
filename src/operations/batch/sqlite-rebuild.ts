/**
 * SQLite's "move and copy" rebuild: create the new table under a temporary name, copy the rows
 * with explicit column lists, drop the old table, rename the new one, re-create its indexes and
 * triggers. Runs under a savepoint, so a failure at any step leaves the table as it was.
 */
import type { MigrationContext } from '../context.js';
import { ddlFor } from '../ddl/index.js';
import { quoteIdentifier, quoteString } from '../ddl/sql-text.js';
import {
  InvalidOperationError,
  OfflineNotSupportedError,
  OperationFailedError,
  UnsupportedOperationError,
} from '../errors.js';
import { TableNotFoundError } from '../inspect/errors.js';
import { type CatalogQuery, catalogQuery, naming, text } from '../inspect/query.js';
import type { TableSpec } from '../types.js';
import { RebuildBrokeForeignKeysError, ValueNotRepresentableError } from './errors.js';
import { applyChanges } from './sqlite-apply.js';
import {
  autoincrementColumn,
  mentionsName,
  readTableModel,
  renderCreateTable,
  restatedIndexSql,
  sameName,
  type TableModel,
} from './sqlite-model.js';
import { modelFromSpec } from './sqlite-spec-model.js';
import type { BatchChange } from './types.js';

const SAVEPOINT = 'ambix_batch_rebuild';
const q = (name: string) => quoteIdentifier('sqlite', name);

/** A column rename the batch makes; it runs in place, before the rebuild, inside its savepoint. */
export interface ColumnRename {
  readonly from: string;
  readonly to: string;
}

/**
 * Rebuilds `table` with `renames` made in place first (SQLite's RENAME COLUMN also rewrites the
 * indexes, triggers and views using the column) and then `changes` applied. Online the table is
 * read from the catalog; offline it can only come from `copyFrom` (as it is after the renames).
 */
export function rebuildTable(
  context: MigrationContext,
  table: string,
  renames: readonly ColumnRename[],
  changes: readonly BatchChange[],
  copyFrom: TableSpec | undefined,
): Promise<void> {
  const label = `batchAlterTable(${table})`;
  return naming(context, label, () => rebuild(context, { table, label, renames, changes, copyFrom }));
}

interface RebuildRequest {
  readonly table: string;
  readonly label: string;
  readonly renames: readonly ColumnRename[];
  readonly changes: readonly BatchChange[];
  readonly copyFrom: TableSpec | undefined;
}

async function rebuild(context: MigrationContext, request: RebuildRequest): Promise<void> {
  const { table, label } = request;
  const run = async (sql: string) => {
    try {
      await context.run({ sql, parameters: [] });
    } catch (error) {
      throw new OperationFailedError(context, label, sql, error);
    }
  };
  const renameStatements = request.renames.map(
    (rename) => `ALTER TABLE ${q(table)} RENAME COLUMN ${q(rename.from)} TO ${q(rename.to)}`,
  );
  if (context.offline) {
    if (request.copyFrom === undefined) {
      throw new OfflineNotSupportedError(
        context,
        `${label} (a SQLite rebuild must know the table: pass { copyFrom: <its TableSpec> } to render it offline)`,
      );
    }
    const model = modelFromSpec({ ...request.copyFrom, name: table });
    applyChanges(model, request.changes, context);
    for (const sql of [...renameStatements, ...offlineMoveAndCopy(model)]) await run(sql);
    return;
  }
  const query = catalogQuery(context);
  const [found] = await query(
    "select 1 as found from sqlite_master where type = 'table' and lower(name) = lower(?)",
    [table],
  );
  if (found === undefined) throw new TableNotFoundError(context, label, table);
  const prepare = async (): Promise<TableModel> => {
    for (const sql of renameStatements) await run(sql);
    const model = await readTableModel(query, table);
    if (model === null) throw new TableNotFoundError(context, label, table);
    applyChanges(model, request.changes, context);
    return model;
  };
  const moveAndCopyNow = () => moveAndCopy(context, query, run, table, prepare);

  // With enforcement on, dropping a table that other rows reference deletes or nulls them
  // (ON DELETE actions fire on DROP TABLE) or fails, and copying rows that already break the
  // table's own keys fails. Enforcement can only be switched off outside a transaction, so in
  // those cases the rebuild runs outside the migration's transaction.
  const enforced = Number((await query('pragma foreign_keys'))[0]?.foreign_keys) === 1;
  if (!enforced || !(await needsEnforcementOff(query, table))) {
    await moveAndCopyNow();
    return;
  }
  await context.outsideTransaction(async () => {
    await run('PRAGMA foreign_keys = OFF');
    try {
      if (Number((await query('pragma foreign_keys'))[0]?.foreign_keys) !== 0) {
        throw new UnsupportedOperationError(
          context,
          label,
          'foreign-key enforcement could not be switched off for the rebuild (the connection is inside a ' +
            'transaction the runtime did not end), and rebuilding a referenced table with enforcement on would ' +
            'delete or orphan the referencing rows.',
        );
      }
      await moveAndCopyNow();
    } finally {
      await run('PRAGMA foreign_keys = ON');
    }
  });
}

async function moveAndCopy(
  context: MigrationContext,
  query: CatalogQuery,
  run: (sql: string) => Promise<void>,
  table: string,
  prepare: () => Promise<TableModel>,
): Promise<void> {
  const violationsBefore = await foreignKeyViolations(query, table);
  const legacyAlter = Number((await query('pragma legacy_alter_table'))[0]?.legacy_alter_table) === 1;
  const sequence = await autoincrementSequence(query, table);
  await run(`SAVEPOINT ${SAVEPOINT}`);
  try {
    const model = await prepare();
    const temporary = `_ambix_tmp_${model.name}`;
    await run(renderCreateTable(model, temporary));
    const copy = copyStatement(model, temporary);
    if (copy !== null) await run(copy);
    await checkTypes(context, query, model, temporary);
    await run(`DROP TABLE ${q(model.name)}`);
    // Views naming the table would make a modern RENAME fail while the name is briefly unused.
    if (!legacyAlter) await run('PRAGMA legacy_alter_table = ON');
    await run(`ALTER TABLE ${q(temporary)} RENAME TO ${q(model.name)}`);
    if (!legacyAlter) await run('PRAGMA legacy_alter_table = OFF');
    if (sequence !== null && autoincrementColumn(model) !== undefined) {
      // AUTOINCREMENT never reuses a number: carry the counter over, not just the highest id left.
      const name = quoteString('sqlite', model.name);
      await run(`DELETE FROM sqlite_sequence WHERE name = ${name}`);
      await run(`INSERT INTO sqlite_sequence (name, seq) VALUES (${name}, ${sequence})`);
    }
    for (const sql of recreatedObjects(model)) await run(sql);
    await checkViews(context, query, model.name);
    const violationsAfter = await foreignKeyViolations(query, model.name);
    if (violationsAfter.total > violationsBefore.total) {
      throw new RebuildBrokeForeignKeysError(context, model.name, describeViolations(violationsAfter.rows));
    }
    await run(`RELEASE ${SAVEPOINT}`);
  } catch (error) {
    await run(`ROLLBACK TO ${SAVEPOINT}`);
    await run(`RELEASE ${SAVEPOINT}`);
    if (!legacyAlter) await run('PRAGMA legacy_alter_table = OFF');
    throw error;
  }
}

/**
 * Copies the surviving columns by name. No CAST: SQLite's CAST truncates ('2024-10-23' AS
 * INTEGER is 2024), whereas the new column's affinity converts a value only when that loses
 * nothing; online, checkTypes then finds the values the new type could not take.
 */
function copyStatement(model: TableModel, temporary: string): string | null {
  const copied = model.columns.filter((column) => column.source !== null);
  if (copied.length === 0) return null;
  return (
    `INSERT INTO ${q(temporary)} (${copied.map((column) => q(column.name)).join(', ')}) ` +
    `SELECT ${copied.map((column) => q(column.source!)).join(', ')} FROM ${q(model.name)}`
  );
}

/** The table's indexes and triggers, kept and new, to create once it has its name back. */
function recreatedObjects(model: TableModel): string[] {
  const ddl = ddlFor('sqlite', null);
  return [
    ...model.indexes.map((index) => restatedIndexSql(model.name, index)),
    ...model.newIndexes.flatMap((index) =>
      ddl.createIndex(model.name, index, { concurrently: false, ifNotExists: false }),
    ),
    ...model.triggers.map((trigger) => trigger.sql),
  ];
}

/**
 * The rebuild as a script. It cannot check values or keys, and it assumes foreign-key
 * enforcement is off while it runs (the sqlite3 shell's default), as the online rebuild ensures.
 */
function offlineMoveAndCopy(model: TableModel): string[] {
  const temporary = `_ambix_tmp_${model.name}`;
  const copy = copyStatement(model, temporary);
  return [
    renderCreateTable(model, temporary),
    ...(copy === null ? [] : [copy]),
    `DROP TABLE ${q(model.name)}`,
    'PRAGMA legacy_alter_table = ON',
    `ALTER TABLE ${q(temporary)} RENAME TO ${q(model.name)}`,
    'PRAGMA legacy_alter_table = OFF',
    ...recreatedObjects(model),
  ];
}

/**
 * SQLite keeps a view that names a dropped column and fails only when it is read; the other
 * databases refuse the drop. Refuse too: every view over the table must still work.
 */
async function checkViews(context: MigrationContext, query: CatalogQuery, table: string): Promise<void> {
  const views = await query("select name, sql from sqlite_master where type = 'view'");
  for (const view of views) {
    const name = text(view.name);
    if (!mentionsName(text(view.sql), table)) continue;
    try {
      await query(`select * from ${q(name)} limit 0`);
    } catch (error) {
      const reason =
        error instanceof OperationFailedError && error.cause instanceof Error
          ? error.cause.message
          : String(error);
      throw new InvalidOperationError(
        context,
        `batchAlterTable(${table})`,
        `view ${name} would no longer work after the rebuild (${reason}). Drop or redefine the view earlier in ` +
          'the revision (op.execute), then recreate it after the batch. The table was left unchanged.',
      );
    }
  }
}

/** The AUTOINCREMENT counter of the table, or null when it has none. */
async function autoincrementSequence(query: CatalogQuery, table: string): Promise<number | null> {
  const [hasSequences] = await query("select 1 as found from sqlite_master where name = 'sqlite_sequence'");
  if (hasSequences === undefined) return null;
  const [row] = await query('select seq from sqlite_sequence where lower(name) = lower(?)', [table]);
  return row === undefined ? null : Number(row.seq);
}

/** Whether any table, itself included, has a foreign key to `table`, or its rows break its own keys. */
async function needsEnforcementOff(query: CatalogQuery, table: string): Promise<boolean> {
  const referencing = await query(
    `select 1 as found from sqlite_master m, pragma_foreign_key_list(m.name) f
      where m.type = 'table' and lower(f."table") = lower(?) limit 1`,
    [table],
  );
  if (referencing.length > 0) return true;
  return (await query(`pragma foreign_key_check(${quoteString('sqlite', table)})`)).length > 0;
}

/** Foreign-key violations of the table's own keys and of the keys that reference it. */
async function foreignKeyViolations(
  query: CatalogQuery,
  table: string,
): Promise<{ total: number; rows: Record<string, unknown>[] }> {
  const children = await query(
    `select distinct m.name as name from sqlite_master m, pragma_foreign_key_list(m.name) f
      where m.type = 'table' and lower(f."table") = lower(?)`,
    [table],
  );
  const tables = [table, ...children.map((row) => text(row.name)).filter((name) => !sameName(name, table))];
  const rows: Record<string, unknown>[] = [];
  for (const name of tables) {
    rows.push(...(await query(`pragma foreign_key_check(${quoteString('sqlite', name)})`)));
  }
  return { total: rows.length, rows };
}

function describeViolations(rows: readonly Record<string, unknown>[]): string {
  const first = rows[0];
  const example =
    first === undefined ? '' : ` (e.g. a row of ${text(first.table)} referencing ${text(first.parent)})`;
  return `${rows.length} row(s) violate foreign keys${example}`;
}

/**
 * The storage classes a declared type's values must end up in, following SQLite's affinity
 * rules; null when any value is acceptable (text, blob, and date/time or JSON types that SQLite
 * keeps as text).
 */
export function requiredStorage(declaredType: string): readonly string[] | null {
  const type = declaredType.toUpperCase();
  if (type.includes('INT')) return ['integer'];
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return null;
  if (type.includes('BLOB') || type === '') return null;
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return ['real', 'integer'];
  if (type.includes('BOOL')) return ['integer'];
  if (type.includes('NUM') || type.includes('DEC')) return ['integer', 'real'];
  return null;
}

async function checkTypes(
  context: MigrationContext,
  query: CatalogQuery,
  model: TableModel,
  temporary: string,
): Promise<void> {
  for (const column of model.columns) {
    if (!column.typeChanged || column.source === null) continue;
    const storage = requiredStorage(column.type);
    if (storage === null) continue;
    const accepted = storage.map((name) => `'${name}'`).join(', ');
    const [offending] = await query(
      `select quote(${q(column.name)}) as value from ${q(temporary)}
        where ${q(column.name)} is not null and typeof(${q(column.name)}) not in (${accepted}) limit 1`,
    );
    if (offending !== undefined) {
      throw new ValueNotRepresentableError(
        context,
        model.name,
        column.name,
        column.type,
        text(offending.value),
      );
    }
  }
}
