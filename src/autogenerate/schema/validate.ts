/**
 * The checks `defineSchema` runs, so that a schema which could not be created, or which the
 * comparison could not match stably, fails when its file is loaded, naming the table and column.
 */
import type { DialectName } from '../../dialect.js';
import { isIntegerType } from '../../operations/ddl/column-types.js';
import type { ServerDefault } from '../../operations/types.js';
import type { TableModel } from '../model.js';
import type { BuiltTable } from './build.js';
import type { ColumnDeclaration } from './column.js';
import type { SchemaProblem } from './errors.js';
import { MAX_IDENTIFIER_LENGTH } from './naming.js';
import { isSqlExpression } from './sql.js';
import type { TableDefinition } from './table.js';

type Report = (message: string, column?: string) => void;

export function validateSchema(
  built: ReadonlyMap<string, BuiltTable>,
  definitions: ReadonlyMap<string, TableDefinition>,
  problems: SchemaProblem[],
): void {
  checkNamesUnique(
    [...built.keys()].map((table) => ({ table, name: table, what: 'table name' })),
    problems,
  );
  for (const [table, { model, declarations }] of built) {
    const report: Report = (message, column) =>
      problems.push(column === undefined ? { table, message } : { table, column, message });
    if (table.length > MAX_IDENTIFIER_LENGTH)
      report(`the table name is longer than ${MAX_IDENTIFIER_LENGTH} characters`);
    if (model.columns.length === 0) report('the table has no columns');
    checkNamesUnique(
      model.columns.map((column) => ({ table, column: column.name, name: column.name, what: 'column name' })),
      problems,
    );
    for (const [column, declaration] of declarations) checkColumn(column, declaration, model, report);
    checkAutoincrement(declarations, report);
    checkPrimaryKey(definitions.get(table) as TableDefinition, report);
    checkColumnLists(model, report);
    checkForeignKeys(model, built, report);
  }
  checkConstraintNames(built, problems);
}

function checkColumn(
  column: string,
  declaration: ColumnDeclaration,
  table: TableModel,
  report: Report,
): void {
  const reportHere = (message: string) => report(message, column);
  if (column.length > MAX_IDENTIFIER_LENGTH)
    reportHere(`the column name is longer than ${MAX_IDENTIFIER_LENGTH} characters`);
  if (declaration.primaryKey && declaration.nullable === true)
    reportHere('is part of the primary key but declared nullable; primary-key columns are NOT NULL');
  if (declaration.default !== undefined) checkDefault(declaration.default, reportHere);
  if (declaration.autoincrement === true) {
    const key = table.primaryKey?.columns ?? [];
    if (!isIntegerType(declaration.type) || key.length !== 1 || key[0] !== column)
      reportHere('autoincrement() needs an integer column that is the only primary-key column');
  }
  for (const [dialect, override] of Object.entries(declaration.dialects)) {
    if (!isDialect(dialect)) reportHere(`forDialect('${dialect}') names no dialect ambix knows`);
    if (override === undefined) continue;
    if (override.nullable === true && declaration.primaryKey && dialect !== 'sqlite')
      reportHere(`${dialect} cannot store NULL in a primary-key column; only SQLite can be told so`);
    if (override.default !== undefined && override.default !== null)
      checkDefault(override.default, (message) => reportHere(`forDialect('${dialect}'): ${message}`));
  }
}

function checkAutoincrement(declarations: ReadonlyMap<string, ColumnDeclaration>, report: Report): void {
  const marked = [...declarations].filter(([, declaration]) => declaration.autoincrement === true);
  if (marked.length > 1)
    report(`several columns are marked autoincrement(): ${marked.map(([name]) => name).join(', ')}`);
}

function isDialect(name: string): name is DialectName {
  return name === 'sqlite' || name === 'postgresql' || name === 'mysql';
}

function checkDefault(value: ServerDefault, report: (message: string) => void): void {
  if (typeof value === 'number' && !Number.isFinite(value))
    report(`the default ${value} is not a finite number`);
  if (typeof value === 'object' && value !== null && value.kind !== 'now' && !isSqlExpression(value))
    report('the default is neither a literal, now(), nor an SQL expression');
}

function checkPrimaryKey(definition: TableDefinition, report: Report): void {
  const stated = definition.options.primaryKey;
  const marked = Object.entries(definition.columns)
    .filter(([, builder]) => builder.declaration.primaryKey)
    .map(([name]) => name);
  if (stated !== undefined && marked.length === 0) {
    report('options.primaryKey is given but no column is marked .primaryKey()');
    return;
  }
  if (stated?.columns === undefined) return;
  const same =
    stated.columns.length === marked.length &&
    new Set(stated.columns).size === stated.columns.length &&
    stated.columns.every((name) => marked.includes(name));
  if (!same)
    report(
      `options.primaryKey.columns (${stated.columns.join(', ')}) must list exactly the columns marked ` +
        `.primaryKey() (${marked.join(', ')}), in the key's order`,
    );
}

/** Every column named by a key, index or constraint exists, once; none of them is empty. */
function checkColumnLists(model: TableModel, report: Report): void {
  const known = new Set(model.columns.map((column) => column.name));
  const lists: { what: string; elements: readonly unknown[] }[] = [
    ...(model.primaryKey === null ? [] : [{ what: 'the primary key', elements: model.primaryKey.columns }]),
    ...model.uniqueConstraints.map((unique) => ({
      what: `unique constraint "${unique.name}"`,
      elements: unique.columns,
    })),
    ...model.foreignKeys.map((foreignKey) => ({
      what: `foreign key "${foreignKey.name}"`,
      elements: foreignKey.columns,
    })),
    ...model.indexes.map((index) => ({ what: `index "${index.name}"`, elements: index.columns })),
  ];
  for (const { what, elements } of lists) {
    if (elements.length === 0) report(`${what} has no columns`);
    const columns = elements.filter((element): element is string => typeof element === 'string');
    for (const column of columns) {
      if (!known.has(column)) report(`${what} names a column the table does not have`, column);
    }
    const repeated = columns.filter((column, position) => columns.indexOf(column) !== position);
    for (const column of new Set(repeated)) report(`${what} lists the column twice`, column);
  }
  for (const check of model.checkConstraints) {
    if (check.expression.trim() === '') report(`check "${check.name}" has an empty condition`);
  }
}

/**
 * A foreign key names an existing table and columns, as many as it has, and those columns are
 * the referenced table's primary key or one of its unique keys: PostgreSQL and MySQL refuse
 * anything else when the key is created.
 */
function checkForeignKeys(model: TableModel, built: ReadonlyMap<string, BuiltTable>, report: Report): void {
  for (const foreignKey of model.foreignKeys) {
    const column = foreignKey.columns.length === 1 ? foreignKey.columns[0] : undefined;
    const what = `foreign key "${foreignKey.name}"`;
    const target = built.get(foreignKey.referencedTable)?.model;
    if (target === undefined) {
      report(
        `${what} references table "${foreignKey.referencedTable}", which the schema does not define`,
        column,
      );
      continue;
    }
    const targetColumns = new Set(target.columns.map((candidate) => candidate.name));
    const missing = foreignKey.referencedColumns.filter((name) => !targetColumns.has(name));
    if (missing.length > 0) {
      const names = missing.map((name) => `"${foreignKey.referencedTable}.${name}"`).join(', ');
      report(`${what} references ${names}, which the schema does not define`, column);
      continue;
    }
    if (foreignKey.columns.length !== foreignKey.referencedColumns.length) {
      report(
        `${what} has ${foreignKey.columns.length} column(s) but references ${foreignKey.referencedColumns.length}`,
        column,
      );
      continue;
    }
    if (!isKeyOf(target, foreignKey.referencedColumns)) {
      report(
        `${what} references (${foreignKey.referencedColumns.join(', ')}) of "${target.name}", which is neither ` +
          'its primary key nor unique; databases refuse such a foreign key',
        column,
      );
    }
  }
}

function isKeyOf(table: TableModel, columns: readonly string[]): boolean {
  const wanted = new Set(columns);
  const sameSet = (candidate: readonly unknown[]) =>
    candidate.length === wanted.size &&
    candidate.every((name) => typeof name === 'string' && wanted.has(name));
  if (table.primaryKey !== null && sameSet(table.primaryKey.columns)) return true;
  if (table.uniqueConstraints.some((unique) => sameSet(unique.columns))) return true;
  return table.indexes.some((index) => index.unique && index.where === null && sameSet(index.columns));
}

/**
 * Index and unique-constraint names share one namespace per schema on PostgreSQL and SQLite;
 * foreign-key and check names do on MySQL. Asking every name to be unique in the schema keeps a
 * schema valid on all three, and lets the comparison match by name alone.
 */
function checkConstraintNames(built: ReadonlyMap<string, BuiltTable>, problems: SchemaProblem[]): void {
  const names: { table: string; name: string; what: string }[] = [];
  for (const [table, { model }] of built) {
    for (const unique of model.uniqueConstraints)
      names.push({ table, name: unique.name ?? '', what: 'unique constraint name' });
    for (const foreignKey of model.foreignKeys)
      names.push({ table, name: foreignKey.name ?? '', what: 'foreign key name' });
    for (const index of model.indexes) names.push({ table, name: index.name, what: 'index name' });
    for (const check of model.checkConstraints)
      names.push({ table, name: check.name ?? '', what: 'check name' });
  }
  for (const entry of names) {
    if (entry.name === '') problems.push({ table: entry.table, message: `a ${entry.what} is empty` });
    else if (entry.name.length > MAX_IDENTIFIER_LENGTH)
      problems.push({
        table: entry.table,
        message: `the ${entry.what} "${entry.name}" is longer than ${MAX_IDENTIFIER_LENGTH} characters (PostgreSQL would truncate it)`,
      });
  }
  checkNamesUnique(names, problems);
}

/** Names compared case-insensitively: SQLite and MySQL do, so `Email` and `email` collide there. */
function checkNamesUnique(
  entries: readonly { table: string; column?: string; name: string; what: string }[],
  problems: SchemaProblem[],
): void {
  const seen = new Map<string, { table: string; name: string }>();
  for (const entry of entries) {
    if (entry.name === '') continue;
    const key = entry.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, entry);
      continue;
    }
    const where = first.table === entry.table ? '' : ` (already used in table "${first.table}")`;
    const message = `the ${entry.what} "${entry.name}" is used twice${where}; names must be unique, ignoring case`;
    problems.push(
      entry.column === undefined
        ? { table: entry.table, message }
        : { table: entry.table, column: entry.column, message },
    );
  }
}
