/**
 * A SQLite table as the rebuild sees it: read from the catalog, changed by the batch's
 * operations, and rendered back as CREATE TABLE. Everything not changed is carried over as the
 * database stores it (declared types, default and CHECK texts, FK clauses, index and trigger DDL),
 * so a rebuild keeps what it does not understand.
 */
import { renderColumnType } from '../ddl/column-types.js';
import { renderServerDefault } from '../ddl/server-defaults.js';
import { quoteIdentifier } from '../ddl/sql-text.js';
import type { CatalogQuery } from '../inspect/query.js';
import { nullableText, text } from '../inspect/query.js';
import { isPunctuation, parseCreateTable, tokenize } from '../inspect/sqlite-sql.js';
import type { IndexSpec } from '../types.js';

export interface ModelColumn {
  readonly name: string;
  /** The column of the old table whose values it takes; null for a column the batch adds. */
  readonly source: string | null;
  readonly type: string;
  readonly notNull: boolean;
  /** The text after DEFAULT, ready to write; null when there is no default. */
  readonly defaultSql: string | null;
  readonly collate: string | null;
  readonly generatedSql: string | null;
  readonly autoincrement: boolean;
  /** Set when the batch changed the type: the copied values must then be checked. */
  readonly typeChanged: boolean;
}

export interface ModelKey {
  readonly name: string | null;
  readonly columns: readonly string[];
}

export interface ModelForeignKey extends ModelKey {
  readonly referencedTable: string;
  /** Empty when the clause names none (it then refers to the referenced table's primary key). */
  readonly referencedColumns: readonly string[];
  /** `ON DELETE CASCADE …` as written, or empty. */
  readonly actionsSql: string;
}

export interface ModelCheck {
  readonly name: string | null;
  readonly sqltext: string;
}

export interface StoredObject {
  readonly name: string;
  readonly sql: string;
}

export interface TableModel {
  /** The table's name as stored. */
  readonly name: string;
  columns: ModelColumn[];
  primaryKey: ModelKey | null;
  uniques: ModelKey[];
  checks: ModelCheck[];
  foreignKeys: ModelForeignKey[];
  /** Indexes that exist now, re-created from their stored DDL. */
  indexes: StoredObject[];
  /** Indexes the batch adds, rendered after the rebuild. */
  newIndexes: IndexSpec[];
  readonly triggers: readonly StoredObject[];
  /** `WITHOUT ROWID`, `STRICT`, as written. */
  readonly optionsSql: string;
}

/** Reads a table's model, or null when it does not exist. */
export async function readTableModel(query: CatalogQuery, table: string): Promise<TableModel | null> {
  const [stored] = await query(
    "select name, sql from sqlite_master where type = 'table' and lower(name) = lower(?)",
    [table],
  );
  if (stored === undefined) return null;
  const name = text(stored.name);
  const parsed = parseCreateTable(text(stored.sql));
  const rows = await query('select * from pragma_table_xinfo(?) where hidden <> 1 order by cid', [name]);
  const keyColumns = rows
    .filter((row) => Number(row.pk) > 0)
    .sort((left, right) => Number(left.pk) - Number(right.pk))
    .map((row) => text(row.name));
  const columns = rows.map((row): ModelColumn => {
    const columnName = text(row.name);
    const declared = parsed.columns.find((column) => sameName(column.name, columnName));
    const generatedSql = declared?.generatedSql ?? null;
    const reportedDefault = nullableText(row.dflt_value);
    return {
      name: columnName,
      source: generatedSql === null ? columnName : null,
      type: text(row.type),
      notNull: Number(row.notnull) === 1,
      defaultSql: reportedDefault === null ? null : defaultText(reportedDefault),
      collate: declared?.collate ?? null,
      generatedSql,
      autoincrement: declared?.autoincrement ?? false,
      typeChanged: false,
    };
  });
  const canonical = (names: readonly string[]) =>
    names.map((candidate) => columns.find((column) => sameName(column.name, candidate))?.name ?? candidate);
  const objects = async (type: 'index' | 'trigger') =>
    (
      await query(
        'select name, sql from sqlite_master where type = ? and lower(tbl_name) = lower(?) and sql is not null order by name',
        [type, name],
      )
    ).map((row) => ({ name: text(row.name), sql: text(row.sql) }));
  return {
    name,
    columns,
    primaryKey:
      keyColumns.length === 0 ? null : { name: parsed.primaryKey?.name ?? null, columns: keyColumns },
    uniques: parsed.uniques.map((unique) => ({ name: unique.name, columns: canonical(unique.columns) })),
    checks: parsed.checks.map((check) => ({ ...check })),
    foreignKeys: parsed.foreignKeys.map((key) => ({
      name: key.name,
      columns: canonical(key.columns),
      referencedTable: key.referencedTable,
      referencedColumns: key.referencedColumns,
      actionsSql: key.actionsSql,
    })),
    indexes: await objects('index'),
    newIndexes: [],
    triggers: await objects('trigger'),
    optionsSql: parsed.optionsSql,
  };
}

/** Text SQLite accepts after DEFAULT as is; anything else needs parentheses. */
const BARE_DEFAULT =
  /^(?:'(?:[^']|'')*'|[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME)$/is;

/** pragma table_info drops the parentheses around an expression default; put them back. */
function defaultText(reported: string): string {
  return BARE_DEFAULT.test(reported.trim()) ? reported : `(${reported})`;
}

export function sameName(left: string, right: string): boolean {
  return left.toLowerCase() === right.toLowerCase();
}

/** Whether an SQL fragment (a CHECK, an index's or a view's DDL) names `name` (a column, a table). */
export function mentionsName(sql: string, name: string): boolean {
  return tokenize(sql).some(
    (token) => (token.kind === 'identifier' || token.kind === 'quoted') && sameName(token.value, name),
  );
}

/** What a stored CREATE INDEX says after its table: the elements and any WHERE clause. */
export function indexBodySql(sql: string): string {
  const open = tokenize(sql).find((token) => isPunctuation(token, '('));
  return open === undefined ? '' : sql.slice(open.start);
}

/**
 * A kept index as the rebuild re-creates it: head written as SQLAlchemy writes it (Alembic's
 * rebuild re-renders indexes), naming the table as it is now, so a stored `ON "prompt"` left by an
 * earlier RENAME reads `ON prompt` again. The elements and any WHERE clause stay as stored.
 */
export function restatedIndexSql(table: string, index: StoredObject): string {
  const body = indexBodySql(index.sql);
  if (body === '') return index.sql;
  const unique = /^\s*create\s+unique\s/i.test(index.sql) ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${q(index.name)} ON ${q(table)} ${body}`;
}

export function columnTypeSql(type: Parameters<typeof renderColumnType>[1]): string {
  return renderColumnType('sqlite', type);
}

export function serverDefaultSql(value: Parameters<typeof renderServerDefault>[1]): string {
  return renderServerDefault('sqlite', value);
}

const q = (name: string) => quoteIdentifier('sqlite', name);

export function quotedList(names: readonly string[]): string {
  return names.map(q).join(', ');
}

/** The AUTOINCREMENT key column, which exists only as a single-column INTEGER primary key. */
export function autoincrementColumn(model: TableModel): ModelColumn | undefined {
  const key = model.primaryKey;
  if (key === null || key.columns.length !== 1) return undefined;
  return model.columns.find((column) => column.name === key.columns[0] && column.autoincrement);
}

/** CREATE TABLE for the model under another name (the rebuild's temporary table). */
export function renderCreateTable(model: TableModel, tableName: string): string {
  const key = model.primaryKey;
  const inlineKeyColumn = autoincrementColumn(model);
  const elements = model.columns.map((column) => {
    let definition = q(column.name);
    if (column.type !== '') definition += ` ${column.type}`;
    if (column.collate !== null) definition += ` ${column.collate}`;
    if (column.generatedSql !== null) definition += ` ${column.generatedSql}`;
    else if (column.defaultSql !== null) definition += ` DEFAULT ${column.defaultSql}`;
    if (column.notNull) definition += ' NOT NULL';
    // AUTOINCREMENT exists only as a column constraint, so that key is written inline.
    if (column === inlineKeyColumn) definition += ` ${constraintName(key!.name)}PRIMARY KEY AUTOINCREMENT`;
    return definition;
  });
  if (key !== null && inlineKeyColumn === undefined) {
    elements.push(`${constraintName(key.name)}PRIMARY KEY (${quotedList(key.columns)})`);
  }
  // As Alembic's batch rebuild lists them: named constraints first, then unnamed ones.
  const constraints: { name: string | null; sql: string }[] = [
    ...model.uniques.map((unique) => ({ name: unique.name, sql: `UNIQUE (${quotedList(unique.columns)})` })),
    ...model.foreignKeys.map((foreignKey) => ({ name: foreignKey.name, sql: foreignKeySql(foreignKey) })),
    ...model.checks.map((check) => ({ name: check.name, sql: `CHECK (${check.sqltext})` })),
  ];
  for (const named of [true, false]) {
    for (const constraint of constraints) {
      if ((constraint.name !== null) === named)
        elements.push(`${constraintName(constraint.name)}${constraint.sql}`);
    }
  }
  const options = model.optionsSql === '' ? '' : ` ${model.optionsSql}`;
  // SQLAlchemy's layout, as Alembic's batch rebuild writes the table.
  return `CREATE TABLE ${q(tableName)} (\n\t${elements.join(', \n\t')}\n)${options}`;
}

function foreignKeySql(foreignKey: ModelForeignKey): string {
  const referenced =
    foreignKey.referencedColumns.length === 0 ? '' : ` (${quotedList(foreignKey.referencedColumns)})`;
  const actions = foreignKey.actionsSql === '' ? '' : ` ${foreignKey.actionsSql}`;
  return `FOREIGN KEY(${quotedList(foreignKey.columns)}) REFERENCES ${q(foreignKey.referencedTable)}${referenced}${actions}`;
}

function constraintName(name: string | null): string {
  return name === null ? '' : `CONSTRAINT ${q(name)} `;
}
