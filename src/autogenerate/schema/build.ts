/**
 * From declarations to the neutral model: column-level shorthands become table-level objects,
 * unnamed indexes and constraints get their conventional names, `autoincrement: 'auto'` is
 * resolved. Nothing here depends on a dialect (see `model.ts` for that). What cannot be built
 * (an expression index without a name, a malformed reference) is reported, not thrown, so that
 * validation can list every problem at once.
 */

import { isIntegerType } from '../../operations/ddl/column-types.js';
import type { ReferentialAction } from '../../operations/types.js';
import type {
  CheckConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
} from '../model.js';
import type { AnyColumn, ColumnDeclaration } from './column.js';
import type { SchemaProblem } from './errors.js';
import { applyNamingRule, type NamingConvention } from './naming.js';
import { sqlText } from './sql.js';
import type { TableDefinition } from './table.js';

export interface BuiltTable {
  readonly model: TableModel;
  /** The declarations by column name, for validation and per-dialect overrides. */
  readonly declarations: ReadonlyMap<string, ColumnDeclaration>;
}

export function buildTable(
  name: string,
  definition: TableDefinition,
  naming: Required<NamingConvention>,
  problems: SchemaProblem[],
): BuiltTable {
  const entries = Object.entries(definition.columns as Readonly<Record<string, AnyColumn>>);
  const declarations = new Map(entries.map(([column, builder]) => [column, builder.declaration]));
  const primaryKey = primaryKeyOf(definition, declarations);
  const foreignKeys = foreignKeysOf(name, definition, declarations, naming, problems);
  const autoincrementColumn = autoincrementColumnOf(declarations, primaryKey, foreignKeys);
  const columns: ColumnModel[] = entries.map(([column, builder]) => {
    const declaration = builder.declaration;
    return {
      name: column,
      type: declaration.type,
      nullable: declaration.primaryKey ? false : (declaration.nullable ?? true),
      default: declaration.default ?? null,
      autoincrement: column === autoincrementColumn,
      comment: declaration.comment ?? null,
    };
  });
  const model: TableModel = {
    name,
    columns,
    primaryKey,
    uniqueConstraints: byName(uniqueConstraintsOf(name, definition, declarations, naming)),
    foreignKeys: byName(foreignKeys),
    indexes: byName(indexesOf(name, definition, declarations, naming, problems)),
    checkConstraints: byName(checksOf(definition)),
    comment: definition.options.comment ?? null,
  };
  return { model, declarations };
}

function primaryKeyOf(
  definition: TableDefinition,
  declarations: ReadonlyMap<string, ColumnDeclaration>,
): PrimaryKeyModel | null {
  const marked = [...declarations].filter(([, declaration]) => declaration.primaryKey).map(([name]) => name);
  const stated = definition.options.primaryKey;
  const columns = stated?.columns ?? marked;
  if (columns.length === 0) return null;
  return { name: stated?.name ?? null, columns: [...columns] };
}

/**
 * The column the database numbers itself, as `autoincrementColumnOf` decides for createTable:
 * an explicit `.autoincrement()` wins; otherwise the only primary-key column, if it is an integer
 * with no default, not in a foreign key, and not `.autoincrement(false)`.
 */
function autoincrementColumnOf(
  declarations: ReadonlyMap<string, ColumnDeclaration>,
  primaryKey: PrimaryKeyModel | null,
  foreignKeys: readonly ForeignKeyModel[],
): string | undefined {
  for (const [name, declaration] of declarations) {
    if (declaration.autoincrement === true) return name;
  }
  if (primaryKey === null || primaryKey.columns.length !== 1) return undefined;
  const name = primaryKey.columns[0] as string;
  const declaration = declarations.get(name);
  if (declaration === undefined || declaration.autoincrement === false) return undefined;
  if (!isIntegerType(declaration.type) || declaration.default !== undefined) return undefined;
  const inForeignKey = foreignKeys.some((foreignKey) => foreignKey.columns.includes(name));
  return inForeignKey ? undefined : name;
}

function uniqueConstraintsOf(
  table: string,
  definition: TableDefinition,
  declarations: ReadonlyMap<string, ColumnDeclaration>,
  naming: Required<NamingConvention>,
): UniqueConstraintModel[] {
  const named = (columns: readonly string[], name: string | undefined): UniqueConstraintModel => ({
    name: name ?? applyNamingRule(naming.unique, { table, columns }),
    columns: [...columns],
  });
  const fromColumns = [...declarations]
    // A column that is unique and indexed gets a unique index instead (see indexesOf).
    .filter(([, declaration]) => declaration.unique !== undefined && declaration.index === undefined)
    .map(([column, declaration]) => named([column], declaration.unique?.name));
  const fromTable = (definition.options.uniques ?? []).map((unique) => named(unique.columns, unique.name));
  return [...fromColumns, ...fromTable];
}

function foreignKeysOf(
  table: string,
  definition: TableDefinition,
  declarations: ReadonlyMap<string, ColumnDeclaration>,
  naming: Required<NamingConvention>,
  problems: SchemaProblem[],
): ForeignKeyModel[] {
  const foreignKeys: ForeignKeyModel[] = [];
  const add = (
    columns: readonly string[],
    referencedTable: string,
    referencedColumns: readonly string[],
    options: { name?: string; onDelete?: ReferentialAction; onUpdate?: ReferentialAction },
  ) => {
    const context = { table, columns, referredTable: referencedTable, referredColumns: referencedColumns };
    foreignKeys.push({
      name: options.name ?? applyNamingRule(naming.foreignKey, context),
      columns: [...columns],
      referencedTable,
      referencedColumns: [...referencedColumns],
      onDelete: action(options.onDelete),
      onUpdate: action(options.onUpdate),
    });
  };
  for (const [column, declaration] of declarations) {
    const reference = declaration.references;
    if (reference === undefined) continue;
    const parts = reference.target.split('.');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      problems.push({
        table,
        column,
        message: `references "${reference.target}", which is not of the form 'table.column'`,
      });
      continue;
    }
    add([column], parts[0] as string, [parts[1] as string], reference);
  }
  for (const foreignKey of definition.options.foreignKeys ?? []) {
    add(foreignKey.columns, foreignKey.referencedTable, foreignKey.referencedColumns, {
      name: foreignKey.name,
      onDelete: foreignKey.onDelete,
      onUpdate: foreignKey.onUpdate,
    });
  }
  return foreignKeys;
}

/** NO ACTION is every database's default, which the model writes as null. */
function action(value: ReferentialAction | undefined): ReferentialAction | null {
  return value === undefined || value === 'NO ACTION' ? null : value;
}

function indexesOf(
  table: string,
  definition: TableDefinition,
  declarations: ReadonlyMap<string, ColumnDeclaration>,
  naming: Required<NamingConvention>,
  problems: SchemaProblem[],
): IndexModel[] {
  const indexes: IndexModel[] = [];
  for (const [column, declaration] of declarations) {
    if (declaration.index === undefined) continue;
    const name =
      declaration.index.name ??
      declaration.unique?.name ??
      applyNamingRule(naming.index, { table, columns: [column] });
    indexes.push({ name, columns: [column], unique: declaration.unique !== undefined, where: null });
  }
  for (const index of definition.options.indexes ?? []) {
    const columns = index.elements.filter((element): element is string => typeof element === 'string');
    const onlyColumns = columns.length === index.elements.length;
    if (index.name === undefined && !onlyColumns) {
      const expressions = index.elements.filter((element) => typeof element !== 'string').map(sqlText);
      problems.push({
        table,
        message: `the index on (${expressions.join(', ')}) needs a name: no convention can name an expression`,
      });
      continue;
    }
    indexes.push({
      name: index.name ?? applyNamingRule(naming.index, { table, columns }),
      columns: [...index.elements],
      unique: index.unique,
      where: index.where === undefined ? null : sqlText(index.where),
    });
  }
  return indexes;
}

function checksOf(definition: TableDefinition): CheckConstraintModel[] {
  return (definition.options.checks ?? []).map((check) => ({
    name: check.name,
    expression: sqlText(check.expression),
  }));
}

function byName<T extends { readonly name: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareText(a.name ?? '', b.name ?? ''));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
