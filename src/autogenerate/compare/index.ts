/**
 * `compareSchemas`: what must change in the database for it to match the schema in code. Pure:
 * two models in, a diff out, nothing read or written.
 *
 * Tables match by exact name, or by a rename the user stated. A table or column only in the
 * database is dropped only when asked (`dropTables` / `dropColumns`); otherwise it is reported as
 * a warning. A drop and an add that look like a rename are reported as hints, never guessed.
 */
import type { ForeignKeyModel, SchemaModel, TableModel } from '../model.js';
import { assessed } from './destructive.js';
import { UnmatchedRenameError } from './errors.js';
import { foreignKeyName } from './names.js';
import { cyclicEdges, dependencyOrder, orderChanges } from './order.js';
import { formatRename, RenameBook } from './rename.js';
import { foreignKeysAroundRetypes, type MatchedTable } from './retyped-keys.js';
import { compareTable, implicitForeignKeyIndex, withoutJsonChecks } from './table.js';
import type {
  CompareHint,
  CompareOptions,
  CompareWarning,
  Rename,
  SchemaChange,
  SchemaDiff,
} from './types.js';

export { ConflictingRenamesError, InvalidRenameError, UnmatchedRenameError } from './errors.js';
export { invertChange, invertDiff } from './invert.js';
export { canonicalDefault, canonicalSql, canonicalType } from './normalize.js';
export { formatRename, parseRename } from './rename.js';
export type * from './types.js';

export function compareSchemas(
  code: SchemaModel,
  database: SchemaModel,
  options: CompareOptions,
): SchemaDiff {
  const { dialect } = options;
  const renames = new RenameBook(options.renames ?? []);
  const codeTables = new Map(code.tables.map((table) => [table.name, table]));
  const databaseTables = new Map(database.tables.map((table) => [table.name, table]));
  for (const rename of options.renames ?? []) requireMatch(rename, codeTables, databaseTables);
  // Renames run first, so every later change (a key dropped and, in the downgrade, added back;
  // a dropped table written back) names the referenced tables by their new names.
  const appliedRenames = new Map<string, string>();
  for (const table of database.tables) {
    const to = renames.tableRenamedTo(table.name);
    if (to !== undefined && codeTables.has(to) && !databaseTables.has(to)) appliedRenames.set(table.name, to);
  }
  const databaseSide = database.tables.map((table) =>
    withRenamedReferences(withoutJsonChecks(dialect, table), appliedRenames),
  );
  // Foreign keys name their referenced table by its new name by now; its renames are stated
  // under either name.
  const databaseNameOf = new Map([...appliedRenames].map(([from, to]) => [to, from]));
  const referencedColumnRenames = (referenced: string) =>
    renames.columnRenames(databaseNameOf.get(referenced) ?? referenced, referenced);
  const changes: SchemaChange[] = [];
  const warnings: CompareWarning[] = [];
  const hints: CompareHint[] = [];
  const matchedCode = new Set<string>();
  const matched: MatchedTable[] = [];
  const databaseOnly: TableModel[] = [];

  for (const table of databaseSide) {
    const renamedTo = renames.tableRenamedTo(table.name);
    const renamed =
      renamedTo !== undefined && !databaseTables.has(renamedTo) ? codeTables.get(renamedTo) : undefined;
    const target = renamed ?? codeTables.get(table.name);
    if (target === undefined) {
      databaseOnly.push(table);
      continue;
    }
    if (renamed !== undefined) {
      changes.push({ kind: 'renameTable', from: table.name, to: renamed.name, destructive: false });
    }
    matchedCode.add(target.name);
    matched.push({ database: table, code: target });
    const result = compareTable({
      dialect,
      database: table,
      code: target,
      columnRenames: renames.columnRenames(table.name, target.name),
      referencedColumnRenames,
      dropColumns: options.dropColumns ?? false,
    });
    changes.push(...result.changes);
    warnings.push(...result.warnings);
    hints.push(...result.hints);
  }
  if (dialect === 'mysql') changes.push(...foreignKeysAroundRetypes(matched, changes));
  const codeOnly = code.tables.filter((table) => !matchedCode.has(table.name));

  changes.push(...addedTables(options, codeOnly));
  if (options.dropTables ?? false) changes.push(...droppedTables(options, databaseOnly));
  else {
    for (const table of databaseOnly) {
      warnings.push({
        kind: 'tableNotDropped',
        table: table.name,
        option: 'dropTables',
        message:
          `table ${table.name} is in the database but not in the schema; it was not dropped ` +
          '(set dropTables / pass --drop-tables to drop it)',
      });
    }
  }
  hints.push(...tableRenameHints(databaseOnly, codeOnly));
  return { dialect, changes: orderChanges(changes), warnings, hints };
}

/** Throws `UnmatchedRenameError` unless the rename applies now or has been applied already. */
function requireMatch(
  rename: Rename,
  code: ReadonlyMap<string, TableModel>,
  database: ReadonlyMap<string, TableModel>,
): void {
  const text = formatRename(rename);
  if (rename.kind === 'table') {
    if (database.has(rename.to) && !database.has(rename.from)) return;
    if (!database.has(rename.from))
      throw new UnmatchedRenameError(text, `the database has no table ${rename.from}`);
    if (!code.has(rename.to)) throw new UnmatchedRenameError(text, `the schema has no table ${rename.to}`);
    return;
  }
  const databaseTable = [...database.values()].find((table) => table.name === rename.table);
  const codeTable = code.get(rename.table);
  const has = (table: TableModel | undefined, column: string) =>
    table?.columns.some((candidate) => candidate.name === column) ?? false;
  // The table may itself be renamed in the same run; its columns are then checked by comparing.
  if (databaseTable === undefined || codeTable === undefined) {
    if (databaseTable === undefined && codeTable === undefined) {
      throw new UnmatchedRenameError(text, `neither the database nor the schema has a table ${rename.table}`);
    }
    return;
  }
  if (has(databaseTable, rename.to) && !has(databaseTable, rename.from)) return;
  if (!has(databaseTable, rename.from)) {
    throw new UnmatchedRenameError(text, `the database's table ${rename.table} has no column ${rename.from}`);
  }
  if (!has(codeTable, rename.to)) {
    throw new UnmatchedRenameError(text, `the schema's table ${rename.table} has no column ${rename.to}`);
  }
}

function withRenamedReferences(table: TableModel, renamed: ReadonlyMap<string, string>): TableModel {
  if (!table.foreignKeys.some((key) => renamed.has(key.referencedTable))) return table;
  return {
    ...table,
    foreignKeys: table.foreignKeys.map((key) => ({
      ...key,
      referencedTable: renamed.get(key.referencedTable) ?? key.referencedTable,
    })),
  };
}

/**
 * New tables in dependency order. Foreign keys that form a cycle among them cannot be declared
 * inside CREATE TABLE on PostgreSQL or MySQL, so they are added afterwards as separate changes;
 * SQLite accepts a reference to a table that does not exist yet, so it keeps them inline.
 */
function addedTables(options: CompareOptions, tables: readonly TableModel[]): SchemaChange[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const references = (name: string) => byName.get(name)!.foreignKeys.map((key) => key.referencedTable);
  const cyclic =
    options.dialect === 'sqlite' ? new Set<string>() : cyclicEdges([...byName.keys()], references);
  const changes: SchemaChange[] = [];
  const splitOff: SchemaChange[] = [];
  const inline = new Map<string, TableModel>();
  for (const table of tables) {
    const isCyclic = (key: ForeignKeyModel) => cyclic.has(`${table.name}\0${key.referencedTable}`);
    inline.set(table.name, { ...table, foreignKeys: table.foreignKeys.filter((key) => !isCyclic(key)) });
    for (const key of table.foreignKeys.filter(isCyclic)) {
      const foreignKey = {
        ...key,
        name: key.name ?? foreignKeyName(table.name, key.columns, key.referencedTable),
      };
      splitOff.push({
        kind: 'addForeignKey',
        table: table.name,
        foreignKey,
        implicitIndex: implicitForeignKeyIndex(options.dialect, table, foreignKey),
        destructive: false,
      });
    }
  }
  const inlineReferences = (name: string) => inline.get(name)!.foreignKeys.map((key) => key.referencedTable);
  for (const name of dependencyOrder([...inline.keys()], inlineReferences)) {
    changes.push({ kind: 'addTable', table: inline.get(name)!, destructive: false });
  }
  return [...changes, ...splitOff];
}

/** Dropped tables, referencing ones first; foreign keys in a cycle among them are dropped first, separately. */
function droppedTables(options: CompareOptions, tables: readonly TableModel[]): SchemaChange[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const references = (name: string) => byName.get(name)!.foreignKeys.map((key) => key.referencedTable);
  const cyclic =
    options.dialect === 'sqlite' ? new Set<string>() : cyclicEdges([...byName.keys()], references);
  const splitOff: SchemaChange[] = [];
  const remaining = new Map<string, TableModel>();
  for (const table of tables) {
    const isCyclic = (key: ForeignKeyModel) => cyclic.has(`${table.name}\0${key.referencedTable}`);
    remaining.set(table.name, { ...table, foreignKeys: table.foreignKeys.filter((key) => !isCyclic(key)) });
    for (const foreignKey of table.foreignKeys.filter(isCyclic)) {
      splitOff.push({
        kind: 'dropForeignKey',
        table: table.name,
        foreignKey,
        implicitIndex: null,
        destructive: false,
      });
    }
  }
  const referencing = new Map<string, string[]>();
  for (const table of remaining.values()) {
    for (const key of table.foreignKeys) {
      referencing.set(key.referencedTable, [...(referencing.get(key.referencedTable) ?? []), table.name]);
    }
  }
  const referencedBy = (name: string) => referencing.get(name) ?? [];
  const drops = dependencyOrder([...remaining.keys()], referencedBy).map((name) =>
    assessed({ kind: 'dropTable' as const, table: remaining.get(name)!, destructive: true }, options.dialect),
  );
  return [...splitOff, ...drops];
}

/** A table only in the database and one only in code with the same column names, and no other candidate. */
function tableRenameHints(
  databaseOnly: readonly TableModel[],
  codeOnly: readonly TableModel[],
): CompareHint[] {
  const columnSet = (table: TableModel) =>
    table.columns
      .map((column) => column.name)
      .sort()
      .join('\0');
  const hints: CompareHint[] = [];
  for (const old of databaseOnly) {
    const candidates = codeOnly.filter((table) => columnSet(table) === columnSet(old));
    if (candidates.length !== 1) continue;
    const candidate = candidates[0]!;
    if (databaseOnly.filter((table) => columnSet(table) === columnSet(candidate)).length !== 1) continue;
    const rename = `${old.name}:${candidate.name}`;
    hints.push({
      kind: 'tableRename',
      from: old.name,
      to: candidate.name,
      rename,
      message: `table ${old.name} (database only) and table ${candidate.name} (schema only) have the same columns and look like a rename: pass --rename ${rename}`,
    });
  }
  return hints;
}
