/**
 * Renders schema operations to DDL text. The base class speaks the SQL the three databases share;
 * each dialect's subclass overrides what it spells differently or cannot do.
 */
import type { DialectName } from '../../dialect.js';
import type { Statement } from '../context.js';
import type {
  CheckConstraintSpec,
  ColumnSpec,
  ColumnType,
  ConstraintType,
  ForeignKeySpec,
  IndexElement,
  IndexSpec,
  PrimaryKeySpec,
  ServerDefault,
  TableSpec,
  UniqueConstraintSpec,
} from '../types.js';
import { isIntegerType, renderColumnType } from './column-types.js';
import { renderServerDefault } from './server-defaults.js';
import { quoteIdentifier, quoteString } from './sql-text.js';

/** The dialect cannot do this at all; the message says what to use instead. */
export class UnsupportedOnDialect extends Error {}
/** The arguments do not suffice on this dialect; the message names what is missing. */
export class InvalidOnDialect extends Error {}

export interface AlterColumnChanges {
  readonly newName?: string;
  readonly type?: ColumnType;
  /** PostgreSQL `ALTER … TYPE … USING <expression>`; ignored by the other dialects. */
  readonly using?: string;
  readonly nullable?: boolean;
  /** A new server default; null drops it. */
  readonly default?: ServerDefault | null;
  /** A new comment; null removes it. */
  readonly comment?: string | null;
  /** The column's current definition, which MySQL must restate when it rewrites the column. */
  readonly existingType?: ColumnType;
  readonly existingNullable?: boolean;
  readonly existingDefault?: ServerDefault | null;
  readonly existingComment?: string | null;
  /** Whether the column is AUTO_INCREMENT, which MySQL loses unless the restated column says so. */
  readonly existingAutoincrement?: boolean;
}

/** A column's current definition as read from the catalog (MySQL only needs it). */
export interface CatalogColumn {
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default: ServerDefault | null;
  readonly comment: string | null;
  readonly autoincrement: boolean;
}

/** Which parts of a column's current definition a rewrite needs and the caller did not give. */
export type ExistingColumnField = 'type' | 'nullable' | 'default' | 'comment';

export interface CreateIndexFlags {
  readonly concurrently: boolean;
  readonly ifNotExists: boolean;
}

export interface DropIndexFlags {
  readonly table: string | undefined;
  readonly ifExists: boolean;
  readonly concurrently: boolean;
}

export abstract class DdlRenderer {
  abstract readonly dialect: DialectName;

  constructor(readonly serverVersion: string | null) {}

  protected q(name: string): string {
    return quoteIdentifier(this.dialect, name);
  }

  protected columnList(columns: readonly string[]): string {
    return columns.map((column) => this.q(column)).join(', ');
  }

  protected type(type: ColumnType): string {
    return renderColumnType(this.dialect, type);
  }

  protected defaultValue(value: ServerDefault): string {
    return renderServerDefault(this.dialect, value);
  }

  protected literal(text: string): string {
    return quoteString(this.dialect, text);
  }

  // ---- tables ----

  createTable(spec: TableSpec, options: { ifNotExists: boolean }): string[] {
    const primaryKey = primaryKeyOf(spec);
    const autoincrementColumn = autoincrementColumnOf(spec, primaryKey);
    const elements = spec.columns.map((column) =>
      this.columnDefinition(column, {
        autoincrement: column.name === autoincrementColumn,
        forceNotNull: primaryKey?.columns.includes(column.name) ?? false,
      }),
    );
    if (primaryKey !== undefined) elements.push(this.primaryKeyClause(primaryKey));
    // SQLAlchemy writes table-level constraints in argument order, then those the columns' flags
    // make, column by column. The argument order is taken to be the one Alembic's autogenerate
    // writes (checks, foreign keys, uniques), so a table reads as the Alembic revision made it.
    for (const check of spec.checkConstraints ?? []) elements.push(this.checkClause(check));
    for (const foreignKey of spec.foreignKeys ?? []) elements.push(this.foreignKeyClause(foreignKey));
    for (const unique of spec.uniqueConstraints ?? []) elements.push(this.uniqueClause(unique));
    for (const column of spec.columns) {
      if (column.unique && !column.index) elements.push(this.uniqueClause({ columns: [column.name] }));
      const foreignKey = columnForeignKey(column);
      if (foreignKey !== undefined) elements.push(this.foreignKeyClause(foreignKey));
    }
    const head = `CREATE TABLE ${options.ifNotExists ? 'IF NOT EXISTS ' : ''}${this.q(spec.name)}`;
    // Laid out as SQLAlchemy prints it, since SQLite keeps the text and Alembic's runs show it.
    const statements = [`${head} (\n\t${elements.join(', \n\t')}\n)${this.tableOptions(spec)}`];
    statements.push(...this.commentsAfterCreate(spec));
    const flags = { concurrently: false, ifNotExists: options.ifNotExists };
    for (const index of indexesOf(spec)) statements.push(...this.createIndex(spec.name, index, flags));
    return statements;
  }

  /** Text after the closing parenthesis of CREATE TABLE (MySQL's table comment). */
  protected tableOptions(_spec: TableSpec): string {
    return '';
  }

  /** Statements that attach comments after CREATE TABLE (PostgreSQL). */
  protected commentsAfterCreate(_spec: TableSpec): string[] {
    return [];
  }

  dropTable(name: string, ifExists: boolean): string[] {
    return [`DROP TABLE ${ifExists ? 'IF EXISTS ' : ''}${this.q(name)}`];
  }

  renameTable(from: string, to: string): string[] {
    return [`ALTER TABLE ${this.q(from)} RENAME TO ${this.q(to)}`];
  }

  // ---- columns ----

  /** SQLAlchemy's MySQL dialect writes NOT NULL before DEFAULT, the others after it. */
  protected readonly notNullBeforeDefault: boolean = false;

  columnDefinition(column: ColumnSpec, options: { autoincrement: boolean; forceNotNull: boolean }): string {
    const head = `${this.q(column.name)} ${this.type(column.type)}`;
    const serverDefault = column.default === undefined ? '' : ` DEFAULT ${this.defaultValue(column.default)}`;
    const notNull = options.forceNotNull || column.nullable === false ? ' NOT NULL' : '';
    return this.notNullBeforeDefault ? head + notNull + serverDefault : head + serverDefault + notNull;
  }

  addColumn(table: string, column: ColumnSpec): string[] {
    const definition = this.columnDefinition(column, {
      autoincrement: column.autoincrement === true,
      forceNotNull: false,
    });
    const statements = [`ALTER TABLE ${this.q(table)} ADD COLUMN ${definition}`];
    statements.push(...this.columnFlagConstraints(table, column));
    if (column.references !== undefined) {
      statements.push(
        ...this.createForeignKey(table, {
          name: column.references.name,
          columns: [column.name],
          referencedTable: column.references.table,
          referencedColumns: [column.references.column],
          onDelete: column.references.onDelete,
          onUpdate: column.references.onUpdate,
        }),
      );
    }
    return statements;
  }

  /**
   * What a new column's `primaryKey`, `unique` and `index` flags add after ADD COLUMN, as in
   * createTable: a unique+index column gets a unique index and no constraint.
   */
  protected columnFlagConstraints(table: string, column: ColumnSpec): string[] {
    const statements: string[] = [];
    if (column.primaryKey) statements.push(...this.createPrimaryKey(table, { columns: [column.name] }));
    if (column.index) {
      const index = {
        name: `ix_${table}_${column.name}`,
        columns: [column.name],
        unique: column.unique ?? false,
      };
      statements.push(...this.createIndex(table, index, { concurrently: false, ifNotExists: false }));
    } else if (column.unique) {
      statements.push(...this.createUniqueConstraint(table, { columns: [column.name] }));
    }
    return statements;
  }

  dropColumn(table: string, column: string): string[] {
    return [`ALTER TABLE ${this.q(table)} DROP COLUMN ${this.q(column)}`];
  }

  abstract alterColumn(
    table: string,
    column: string,
    changes: AlterColumnChanges,
    catalog: CatalogColumn | undefined,
  ): string[];

  /** The parts of the current column definition this change must restate and the caller left out. */
  existingColumnFields(_changes: AlterColumnChanges): ExistingColumnField[] {
    return [];
  }

  /** The query that reads one column's current definition, for `catalogColumn`. */
  catalogColumnQuery(_table: string, _column: string): Statement {
    throw new Error(`${this.dialect} does not read column definitions from the catalog`);
  }

  /** Reads the row of `catalogColumnQuery` into a column definition. */
  catalogColumn(_row: Readonly<Record<string, unknown>>): CatalogColumn {
    throw new Error(`${this.dialect} does not read column definitions from the catalog`);
  }

  protected renameColumn(table: string, column: string, newName: string): string {
    return `ALTER TABLE ${this.q(table)} RENAME COLUMN ${this.q(column)} TO ${this.q(newName)}`;
  }

  // ---- indexes ----

  createIndex(table: string, index: IndexSpec, flags: CreateIndexFlags): string[] {
    if (flags.concurrently) this.unsupportedConcurrently();
    const unique = index.unique ? 'UNIQUE ' : '';
    const exists = flags.ifNotExists ? 'IF NOT EXISTS ' : '';
    const elements = index.columns.map((element) => this.indexElement(element)).join(', ');
    const where = index.where === undefined ? '' : this.partialIndexClause(index.where);
    return [`CREATE ${unique}INDEX ${exists}${this.q(index.name)} ON ${this.q(table)} (${elements})${where}`];
  }

  /** SQLite takes any expression bare; the other dialects override where they need parentheses. */
  protected indexElement(element: IndexElement): string {
    return typeof element === 'string' ? this.q(element) : element.sql;
  }

  protected partialIndexClause(where: string): string {
    return ` WHERE ${where}`;
  }

  dropIndex(name: string, flags: DropIndexFlags): string[] {
    if (flags.concurrently) this.unsupportedConcurrently();
    return [`DROP INDEX ${flags.ifExists ? 'IF EXISTS ' : ''}${this.q(name)}`];
  }

  protected unsupportedConcurrently(): never {
    throw new UnsupportedOnDialect(
      `CONCURRENTLY is PostgreSQL only; ${this.dialect} cannot build indexes that way.`,
    );
  }

  // ---- constraints ----

  protected constraintName(name: string | undefined): string {
    return name === undefined ? '' : `CONSTRAINT ${this.q(name)} `;
  }

  protected primaryKeyClause(spec: PrimaryKeySpec): string {
    return `${this.constraintName(spec.name)}PRIMARY KEY (${this.columnList(spec.columns)})`;
  }

  protected uniqueClause(spec: UniqueConstraintSpec): string {
    return `${this.constraintName(spec.name)}UNIQUE (${this.columnList(spec.columns)})`;
  }

  protected foreignKeyClause(spec: ForeignKeySpec): string {
    let text =
      `${this.constraintName(spec.name)}FOREIGN KEY(${this.columnList(spec.columns)}) ` +
      `REFERENCES ${this.q(spec.referencedTable)} (${this.columnList(spec.referencedColumns)})`;
    if (spec.onDelete !== undefined) text += ` ON DELETE ${spec.onDelete}`;
    if (spec.onUpdate !== undefined) text += ` ON UPDATE ${spec.onUpdate}`;
    return text;
  }

  protected checkClause(spec: CheckConstraintSpec): string {
    return `${this.constraintName(spec.name)}CHECK (${spec.expression})`;
  }

  createPrimaryKey(table: string, spec: PrimaryKeySpec): string[] {
    return [`ALTER TABLE ${this.q(table)} ADD ${this.primaryKeyClause(spec)}`];
  }

  createForeignKey(table: string, spec: ForeignKeySpec): string[] {
    return [`ALTER TABLE ${this.q(table)} ADD ${this.foreignKeyClause(spec)}`];
  }

  createUniqueConstraint(table: string, spec: UniqueConstraintSpec): string[] {
    return [`ALTER TABLE ${this.q(table)} ADD ${this.uniqueClause(spec)}`];
  }

  createCheckConstraint(table: string, spec: CheckConstraintSpec): string[] {
    return [`ALTER TABLE ${this.q(table)} ADD ${this.checkClause(spec)}`];
  }

  dropConstraint(table: string, name: string, _type: ConstraintType | undefined): string[] {
    return [`ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`];
  }
}

// ---- reading a TableSpec: column-level shorthands become table-level objects ----

export function primaryKeyOf(spec: TableSpec): PrimaryKeySpec | undefined {
  if (spec.primaryKey !== undefined) return spec.primaryKey;
  const columns = spec.columns.filter((column) => column.primaryKey).map((column) => column.name);
  return columns.length === 0 ? undefined : { columns };
}

/** The column the database should number itself, following SQLAlchemy's `autoincrement='auto'`. */
export function autoincrementColumnOf(
  spec: TableSpec,
  primaryKey: PrimaryKeySpec | undefined,
): string | undefined {
  const explicit = spec.columns.find((column) => column.autoincrement === true);
  if (explicit !== undefined) return explicit.name;
  if (primaryKey === undefined || primaryKey.columns.length !== 1) return undefined;
  const column = spec.columns.find((candidate) => candidate.name === primaryKey.columns[0]);
  if (column === undefined || column.autoincrement === false) return undefined;
  const foreignKeyColumns = foreignKeysOf(spec).flatMap((foreignKey) => foreignKey.columns);
  if (!isIntegerType(column.type) || column.default !== undefined) return undefined;
  return foreignKeyColumns.includes(column.name) ? undefined : column.name;
}

export function uniqueConstraintsOf(spec: TableSpec): UniqueConstraintSpec[] {
  // A column marked both unique and index becomes a unique index instead (see indexesOf).
  const fromColumns = spec.columns
    .filter((column) => column.unique && !column.index)
    .map((column) => ({ columns: [column.name] }));
  return [...fromColumns, ...(spec.uniqueConstraints ?? [])];
}

export function foreignKeysOf(spec: TableSpec): ForeignKeySpec[] {
  const fromColumns = spec.columns.flatMap((column) => columnForeignKey(column) ?? []);
  return [...fromColumns, ...(spec.foreignKeys ?? [])];
}

/** The foreign key a column's `references` shorthand stands for. */
function columnForeignKey(column: ColumnSpec): ForeignKeySpec | undefined {
  const references = column.references;
  if (references === undefined) return undefined;
  return {
    name: references.name,
    columns: [column.name],
    referencedTable: references.table,
    referencedColumns: [references.column],
    onDelete: references.onDelete,
    onUpdate: references.onUpdate,
  };
}

export function indexesOf(spec: TableSpec): IndexSpec[] {
  const fromColumns = spec.columns
    .filter((column) => column.index)
    .map((column) => ({
      name: `ix_${spec.name}_${column.name}`,
      columns: [column.name],
      unique: column.unique ?? false,
    }));
  return [...fromColumns, ...(spec.indexes ?? [])];
}

/** `name(...)` and nothing after the closing parenthesis: an index element PostgreSQL takes bare. */
export function isSingleFunctionCall(expression: string): boolean {
  const text = expression.trim();
  const open = /^[A-Za-z_][A-Za-z0-9_.]*\s*\(/.exec(text);
  if (open === null) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let index = open[0].length - 1; index < text.length; index += 1) {
    const char = text[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth === 0) return index === text.length - 1;
    }
  }
  return false;
}
