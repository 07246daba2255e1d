/**
 * Comparing one table that exists on both sides (possibly under a stated new name): its columns,
 * primary key, constraints, indexes and comment. The changes come out unordered; `order.ts`
 * puts them in the order that applies.
 */
import type { DialectName } from '../../dialect.js';
import type {
  CheckConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
} from '../model.js';
import { assessed } from './destructive.js';
import { matchByNameThenContent } from './match.js';
import { checkConstraintName, foreignKeyName, primaryKeyName, uniqueConstraintName } from './names.js';
import {
  canonicalComment,
  canonicalDefault,
  canonicalIndexElement,
  canonicalSql,
  canonicalType,
  isTextual,
  typeFamily,
} from './normalize.js';
import type { AlterColumn, CompareHint, CompareWarning, SchemaChange } from './types.js';

export interface TableComparison {
  readonly dialect: DialectName;
  /** The table as the database has it (under its database name). */
  readonly database: TableModel;
  /** The table as the code declares it; changes are written against this (new) name. */
  readonly code: TableModel;
  /** Stated column renames for this table, `old → new`. */
  readonly columnRenames: ReadonlyMap<string, string>;
  /** Stated column renames of another table (by its code name), for the foreign keys into it. */
  readonly referencedColumnRenames: (table: string) => ReadonlyMap<string, string>;
  readonly dropColumns: boolean;
}

export interface TableResult {
  readonly changes: SchemaChange[];
  readonly warnings: CompareWarning[];
  readonly hints: CompareHint[];
}

export function compareTable(input: TableComparison): TableResult {
  const result: TableResult = { changes: [], warnings: [], hints: [] };
  const dropped = droppedColumns(input);
  const context = { ...input, dropped };
  compareColumns(input, result);
  comparePrimaryKey(input, result);
  compareUniqueConstraintsAndIndexes(context, result);
  compareForeignKeys(context, result);
  compareCheckConstraints(context, result);
  const from = canonicalComment(input.database.comment);
  const to = canonicalComment(input.code.comment);
  if (input.dialect !== 'sqlite' && from !== to) {
    result.changes.push({ kind: 'alterTableComment', table: input.code.name, from, to, destructive: false });
  }
  return result;
}

// ---- columns ----

/** Columns this comparison drops: only in the database, not renamed, and dropping asked for. */
function droppedColumns(input: TableComparison): ReadonlySet<string> {
  if (!input.dropColumns) return new Set();
  const code = new Set(input.code.columns.map((column) => column.name));
  return new Set(
    input.database.columns
      .filter((column) => !code.has(column.name) && !input.columnRenames.has(column.name))
      .map((column) => column.name),
  );
}

interface ConstraintContext extends TableComparison {
  readonly dropped: ReadonlySet<string>;
}

function compareColumns(input: TableComparison, result: TableResult): void {
  const { dialect, database, code } = input;
  const table = code.name;
  const codeColumns = new Map(code.columns.map((column) => [column.name, column]));
  const databaseOnly: ColumnModel[] = [];
  const matchedCode = new Set<string>();
  for (const column of database.columns) {
    const renamedTo = input.columnRenames.get(column.name);
    const target = renamedTo !== undefined ? codeColumns.get(renamedTo) : codeColumns.get(column.name);
    if (
      renamedTo !== undefined &&
      target !== undefined &&
      !database.columns.some((c) => c.name === renamedTo)
    ) {
      result.changes.push({
        kind: 'renameColumn',
        table,
        from: column.name,
        to: renamedTo,
        destructive: false,
      });
      matchedCode.add(renamedTo);
      pushAlteration(dialect, table, { ...column, name: renamedTo }, target, result);
      continue;
    }
    const same = codeColumns.get(column.name);
    if (same === undefined) {
      databaseOnly.push(column);
      continue;
    }
    matchedCode.add(column.name);
    pushAlteration(dialect, table, column, same, result);
  }
  const codeOnly = code.columns.filter((column) => !matchedCode.has(column.name));
  for (const column of codeOnly) {
    result.changes.push({ kind: 'addColumn', table, column, destructive: false });
  }
  for (const column of databaseOnly) {
    if (input.dropColumns) {
      result.changes.push(assessed({ kind: 'dropColumn', table, column, destructive: true }, dialect));
    } else {
      result.warnings.push({
        kind: 'columnNotDropped',
        table,
        column: column.name,
        option: 'dropColumns',
        message:
          `column ${table}.${column.name} is in the database but not in the schema; it was not dropped ` +
          '(set dropColumns / pass --drop-columns to drop it)',
      });
    }
  }
  result.hints.push(...columnRenameHints(dialect, table, databaseOnly, codeOnly));
}

/** An `alterColumn` for whatever differs between the database's column and the code's, if anything. */
function pushAlteration(
  dialect: DialectName,
  table: string,
  existing: ColumnModel,
  target: ColumnModel,
  result: TableResult,
): void {
  const typeChanged = canonicalType(dialect, existing.type) !== canonicalType(dialect, target.type);
  const nullableChanged = existing.nullable !== target.nullable;
  // A generated key's default is the database's sequence (`nextval(…)`), not something code states.
  const defaultChanged =
    !existing.autoincrement &&
    canonicalDefault(dialect, existing.default, isTextual(dialect, existing.type)) !==
      canonicalDefault(dialect, target.default, isTextual(dialect, target.type));
  const commentChanged =
    dialect !== 'sqlite' && canonicalComment(existing.comment) !== canonicalComment(target.comment);
  if (!typeChanged && !nullableChanged && !defaultChanged && !commentChanged) return;
  const change: AlterColumn = {
    kind: 'alterColumn',
    table,
    column: target.name,
    existing,
    target,
    destructive: false,
    ...(typeChanged ? { type: { from: existing.type, to: target.type } } : {}),
    ...(nullableChanged ? { nullable: { from: existing.nullable, to: target.nullable } } : {}),
    ...(defaultChanged ? { default: { from: existing.default, to: target.default } } : {}),
    ...(commentChanged
      ? { comment: { from: canonicalComment(existing.comment), to: canonicalComment(target.comment) } }
      : {}),
  };
  result.changes.push(assessed(change, dialect));
}

/** One column only in the database and one only in code, of the same kind of type, and no other candidate. */
function columnRenameHints(
  dialect: DialectName,
  table: string,
  databaseOnly: readonly ColumnModel[],
  codeOnly: readonly ColumnModel[],
): CompareHint[] {
  const hints: CompareHint[] = [];
  const family = (column: ColumnModel) => typeFamily(dialect, column.type);
  for (const old of databaseOnly) {
    const candidates = codeOnly.filter((column) => family(column) === family(old));
    if (candidates.length !== 1) continue;
    const candidate = candidates[0]!;
    if (databaseOnly.filter((column) => family(column) === family(candidate)).length !== 1) continue;
    const rename = `${table}.${old.name}:${table}.${candidate.name}`;
    hints.push({
      kind: 'columnRename',
      table,
      from: old.name,
      to: candidate.name,
      rename,
      message: `${table}.${old.name} (database only) and ${table}.${candidate.name} (schema only) look like a rename: pass --rename ${rename}`,
    });
  }
  return hints;
}

// ---- primary key ----

function comparePrimaryKey(input: TableComparison, result: TableResult): void {
  // A key changes after the renames (see order.ts), so the database's key is stated in new names.
  const key = input.database.primaryKey;
  const from: PrimaryKeyModel | null =
    key === null ? null : { ...key, columns: renamed(key.columns, input.columnRenames) };
  const to = input.code.primaryKey;
  const columns = (key: PrimaryKeyModel | null) => (key === null ? '' : key.columns.join('\0'));
  if (columns(from) === columns(to)) return;
  if (from === null && to !== null && to.columns.length === 0) return;
  if (to === null && from !== null && from.columns.length === 0) return;
  // The key is created under the name it is rendered with, so the downgrade can drop it by name
  // (a SQLite rebuild finds a key by its name only).
  const named = to === null ? null : { ...to, name: to.name ?? primaryKeyName(input.code.name) };
  result.changes.push({
    kind: 'alterPrimaryKey',
    table: input.code.name,
    from,
    to: named,
    destructive: false,
  });
}

// ---- renamed columns ----

/*
 * Every database carries a renamed column's key, indexes, unique constraints and foreign keys
 * (its own and other tables' keys to it) along. So the database's side is matched with the code
 * as it will be once the stated renames ran: otherwise each of them would be dropped and created
 * again, and a key column's rename would turn into a new primary key (which MySQL refuses on an
 * AUTO_INCREMENT column, and which foreign keys to it block). What is dropped keeps its old names:
 * drops run before the renames.
 */

function renamed(columns: readonly string[], renames: ReadonlyMap<string, string>): string[] {
  return columns.map((column) => renames.get(column) ?? column);
}

function renamedElements(
  elements: readonly IndexModel['columns'][number][],
  renames: ReadonlyMap<string, string>,
): IndexModel['columns'][number][] {
  return elements.map((element) =>
    typeof element === 'string' ? (renames.get(element) ?? element) : element,
  );
}

// ---- unique constraints and indexes ----

const uniqueContent = (unique: UniqueConstraintModel) => unique.columns.join('\0');

function indexContent(index: IndexModel): string {
  return [
    index.unique ? 'unique' : '',
    index.columns.map(canonicalIndexElement).join('\0'),
    canonicalSql(index.where ?? ''),
  ].join('\u0001');
}

/** On MySQL a unique index over plain columns is a unique constraint: compare them as one thing. */
function asUniqueConstraint(dialect: DialectName, index: IndexModel): UniqueConstraintModel | undefined {
  if (dialect !== 'mysql' || !index.unique || index.where !== null) return undefined;
  if (!index.columns.every((element) => typeof element === 'string')) return undefined;
  return { name: index.name, columns: index.columns as string[] };
}

function splitIndexes(dialect: DialectName, table: TableModel) {
  const uniques = [...table.uniqueConstraints];
  const indexes: IndexModel[] = [];
  for (const index of table.indexes) {
    const unique = asUniqueConstraint(dialect, index);
    if (unique === undefined) indexes.push(index);
    else if (!uniques.some((candidate) => candidate.name === unique.name)) uniques.push(unique);
  }
  return { uniques, indexes };
}

/**
 * MySQL/MariaDB create an index for a foreign key that has none and keep it; reflection may list
 * it. It is the key's, not the schema's: left out unless the code declares an index by that name.
 */
function withoutForeignKeyIndexes(input: TableComparison, indexes: IndexModel[]): IndexModel[] {
  if (input.dialect !== 'mysql') return indexes;
  const codeNames = new Set(input.code.indexes.map((index) => index.name));
  return indexes.filter(
    (index) =>
      codeNames.has(index.name) ||
      index.unique ||
      !input.database.foreignKeys.some((key) => sameColumns(key.columns, index.columns)),
  );
}

function sameColumns(
  columns: readonly string[],
  elements: readonly IndexModel['columns'][number][],
): boolean {
  return columns.length === elements.length && columns.every((column, index) => elements[index] === column);
}

function compareUniqueConstraintsAndIndexes(input: ConstraintContext, result: TableResult): void {
  const { dialect } = input;
  const table = input.code.name;
  const database = splitIndexes(dialect, input.database);
  const code = splitIndexes(dialect, input.code);
  const renames = input.columnRenames;
  const uniques = matchByNameThenContent(database.uniques, code.uniques, uniqueContent, (unique) =>
    uniqueContent({ ...unique, columns: renamed(unique.columns, renames) }),
  );
  for (const constraint of uniques.databaseOnly) {
    const description = `UNIQUE (${constraint.columns.join(', ')})`;
    if (!droppable(input, constraint.name, description, constraint.columns, result)) continue;
    result.changes.push({ kind: 'dropUniqueConstraint', table, constraint, destructive: false });
  }
  for (const constraint of uniques.codeOnly) {
    const name = constraint.name ?? uniqueConstraintName(table, constraint.columns);
    result.changes.push({
      kind: 'addUniqueConstraint',
      table,
      constraint: { ...constraint, name },
      destructive: false,
    });
  }
  const indexes = matchByNameThenContent(
    withoutForeignKeyIndexes(input, database.indexes),
    code.indexes,
    indexContent,
    (index) => indexContent({ ...index, columns: renamedElements(index.columns, renames) }),
  );
  for (const index of indexes.databaseOnly) {
    result.changes.push({ kind: 'dropIndex', table, index, destructive: false });
  }
  for (const index of indexes.codeOnly) {
    result.changes.push({ kind: 'addIndex', table, index, destructive: false });
  }
}

/**
 * SQLite keeps no name for an unnamed constraint, and a constraint is dropped by name: such a
 * constraint is kept, with a warning, rather than written as a drop that cannot run. One that
 * involves a column this comparison drops goes with the column (the table rebuild drops it), so
 * its drop is listed, for the downgrade to add it back.
 */
function droppable(
  input: ConstraintContext,
  name: string | null,
  description: string,
  columns: readonly string[],
  result: TableResult,
): boolean {
  if (name !== null || columns.some((column) => input.dropped.has(column))) return true;
  result.warnings.push({
    kind: 'unnamedConstraintKept',
    table: input.code.name,
    constraint: description,
    message:
      `unnamed constraint ${description} on ${input.code.name} is in the database but not in the schema; ` +
      'it cannot be dropped by name, so it was kept (drop it by rebuilding the table with op.batchAlterTable)',
  });
  return false;
}

// ---- foreign keys ----

function action(dialect: DialectName, value: ForeignKeyModel['onDelete']): string {
  if (value === null || value === 'NO ACTION') return '';
  return dialect === 'mysql' && value === 'RESTRICT' ? '' : value;
}

export function foreignKeyContent(dialect: DialectName, key: ForeignKeyModel): string {
  return [
    key.columns.join(','),
    key.referencedTable,
    key.referencedColumns.join(','),
    action(dialect, key.onDelete),
    action(dialect, key.onUpdate),
  ].join('\0');
}

function compareForeignKeys(input: ConstraintContext, result: TableResult): void {
  const { dialect } = input;
  const table = input.code.name;
  const keys = matchByNameThenContent(
    input.database.foreignKeys,
    input.code.foreignKeys,
    (key) => foreignKeyContent(dialect, key),
    (key) =>
      foreignKeyContent(dialect, {
        ...key,
        columns: renamed(key.columns, input.columnRenames),
        referencedColumns: renamed(key.referencedColumns, input.referencedColumnRenames(key.referencedTable)),
      }),
  );
  for (const [databaseKey, codeKey] of keys.same) {
    if (!losesItsIndex(input, databaseKey, result.changes)) continue;
    keys.databaseOnly.push(databaseKey);
    keys.codeOnly.push(codeKey);
  }
  for (const foreignKey of keys.databaseOnly) {
    const description = `FOREIGN KEY (${foreignKey.columns.join(', ')}) REFERENCES ${foreignKey.referencedTable}`;
    if (!droppable(input, foreignKey.name, description, foreignKey.columns, result)) continue;
    result.changes.push({
      kind: 'dropForeignKey',
      table,
      foreignKey,
      // An index the code declares by the same name stays.
      implicitIndex: keptIndex(input, implicitForeignKeyIndex(dialect, input.database, foreignKey)),
      destructive: false,
    });
  }
  for (const foreignKey of keys.codeOnly) {
    const name = foreignKey.name ?? foreignKeyName(table, foreignKey.columns, foreignKey.referencedTable);
    const named = { ...foreignKey, name };
    result.changes.push({
      kind: 'addForeignKey',
      table,
      foreignKey: named,
      implicitIndex: implicitForeignKeyIndex(dialect, input.code, named),
      destructive: false,
    });
  }
}

/**
 * MySQL/MariaDB refuse to drop the index a foreign key uses (one whose leading columns are the
 * key's). A key this revision keeps, but whose every such index it drops, is dropped before and
 * added back after, once the new indexes exist (or the server made one for it).
 */
function losesItsIndex(
  input: TableComparison,
  key: ForeignKeyModel,
  changes: readonly SchemaChange[],
): boolean {
  if (input.dialect !== 'mysql') return false;
  const leads = (columns: readonly unknown[]) =>
    key.columns.every((column, position) => columns[position] === column);
  const { primaryKey, uniqueConstraints, indexes } = input.database;
  if (primaryKey !== null && leads(primaryKey.columns)) return false;
  const dropped = new Set(
    changes.flatMap((change) =>
      change.kind === 'dropIndex'
        ? [change.index.name]
        : change.kind === 'dropUniqueConstraint'
          ? [change.constraint.name]
          : [],
    ),
  );
  const usable = [...uniqueConstraints, ...indexes].filter((candidate) => leads(candidate.columns));
  return usable.length > 0 && usable.every((candidate) => dropped.has(candidate.name));
}

function keptIndex(input: TableComparison, name: string | null): string | null {
  return name !== null && input.code.indexes.some((index) => index.name === name) ? null : name;
}

/**
 * The index MySQL/MariaDB made (or will make) for a foreign key of `table` because no index, unique
 * constraint or primary key starts with the key's columns; null on the other databases. MySQL
 * names it after the key, or after its first column when the key itself is unnamed.
 */
export function implicitForeignKeyIndex(
  dialect: DialectName,
  table: TableModel,
  foreignKey: ForeignKeyModel,
): string | null {
  if (dialect !== 'mysql') return null;
  const covers = (columns: readonly unknown[]) =>
    foreignKey.columns.every((column, position) => columns[position] === column);
  const ownName = foreignKey.name ?? foreignKey.columns[0] ?? null;
  const reflected = table.indexes.find(
    (index) => !index.unique && sameColumns(foreignKey.columns, index.columns) && index.name === ownName,
  );
  if (reflected !== undefined) return reflected.name;
  const covered =
    (table.primaryKey !== null && covers(table.primaryKey.columns)) ||
    table.uniqueConstraints.some((unique) => covers(unique.columns)) ||
    table.indexes.some((index) => covers(index.columns));
  return covered ? null : ownName;
}

// ---- check constraints ----

function compareCheckConstraints(input: ConstraintContext, result: TableResult): void {
  const table = input.code.name;
  const content = (check: CheckConstraintModel) => canonicalSql(check.expression);
  const checks = matchByNameThenContent(
    input.database.checkConstraints,
    input.code.checkConstraints,
    content,
  );
  for (const constraint of checks.databaseOnly) {
    const mentioned = input.database.columns
      .map((column) => column.name)
      .filter((name) =>
        new RegExp(`(^|[^\\w])${escapeRegExp(name)}($|[^\\w])`, 'i').test(constraint.expression),
      );
    if (!droppable(input, constraint.name, `CHECK (${constraint.expression})`, mentioned, result)) continue;
    result.changes.push({ kind: 'dropCheckConstraint', table, constraint, destructive: false });
  }
  for (const constraint of checks.codeOnly) {
    const name = constraint.name ?? checkConstraintName(table, content(constraint));
    result.changes.push({
      kind: 'addCheckConstraint',
      table,
      constraint: { ...constraint, name },
      destructive: false,
    });
  }
}

/**
 * MariaDB's JSON columns are LONGTEXT with a `json_valid(col)` check named after the column: that
 * check is part of the type, not a constraint of the schema, so it is left out of the database side.
 */
export function withoutJsonChecks(dialect: DialectName, table: TableModel): TableModel {
  if (dialect !== 'mysql') return table;
  const checkConstraints = table.checkConstraints.filter(
    (check) =>
      !(
        check.name !== null &&
        table.columns.some((column) => column.name === check.name) &&
        canonicalSql(check.expression) === `json_valid${check.name.toLowerCase()}`
      ),
  );
  return checkConstraints.length === table.checkConstraints.length ? table : { ...table, checkConstraints };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
