/**
 * One change as `op` calls (PostgreSQL, MySQL/MariaDB, SQLite in place) or as calls on a SQLite
 * `batchAlterTable` callback's `batch`. Each returns source lines without indentation.
 */
import type { DialectName } from '../../dialect.js';
import { renderColumnType } from '../../operations/ddl/column-types.js';
import { quoteIdentifier, quoteString } from '../../operations/ddl/sql-text.js';
import { primaryKeyName } from '../compare/names.js';
import { typeFamily } from '../compare/normalize.js';
import type { AlterColumn, SchemaChange } from '../compare/types.js';
import type { ColumnModel, TableModel, UniqueConstraintModel } from '../model.js';
import {
  columnSpec,
  columnType,
  createTableOptions,
  foreignKeyActions,
  type Imports,
  indexElements,
  object,
  serverDefault,
  str,
  strings,
} from './literals.js';

export interface RenderContext {
  readonly dialect: DialectName;
  readonly imports: Imports;
}

type NamedUnique = UniqueConstraintModel & { readonly name: string };

/**
 * PostgreSQL's CREATE TABLE silently drops a unique constraint on the same columns as the primary
 * key or as an earlier unique constraint; ALTER TABLE keeps it. A table that has one (reflected for
 * a downgrade, say) gets it after the CREATE, so the database ends up with every constraint.
 */
function splitRedundantUniques(
  table: TableModel,
  dialect: DialectName,
): { table: TableModel; separateUniques: NamedUnique[] } {
  if (dialect !== 'postgresql') return { table, separateUniques: [] };
  const seen = new Set(table.primaryKey === null ? [] : [table.primaryKey.columns.join('\u0000')]);
  const inline: UniqueConstraintModel[] = [];
  const separateUniques: NamedUnique[] = [];
  for (const unique of table.uniqueConstraints) {
    const key = unique.columns.join('\u0000');
    if (seen.has(key) && unique.name !== null)
      separateUniques.push({ name: unique.name, columns: unique.columns });
    else inline.push(unique);
    seen.add(key);
  }
  return { table: { ...table, uniqueConstraints: inline }, separateUniques };
}

/** The `op` calls for one change. */
export function opStatements(change: SchemaChange, context: RenderContext): string[] {
  const { imports, dialect } = context;
  switch (change.kind) {
    case 'addTable': {
      const { table, separateUniques } = splitRedundantUniques(change.table, dialect);
      return [
        `await op.createTable(${str(table.name)}, ${createTableOptions(table, imports, '')});`,
        ...separateUniques.map(
          (unique) =>
            `await op.createUniqueConstraint(${str(unique.name)}, ${str(table.name)}, ${strings(unique.columns)});`,
        ),
      ];
    }
    case 'dropTable':
      return [`await op.dropTable(${str(change.table.name)});`];
    case 'renameTable':
      return [`await op.renameTable(${str(change.from)}, ${str(change.to)});`];
    case 'addColumn':
      return [`await op.addColumn(${str(change.table)}, ${addedColumn(change.column, imports)});`];
    case 'dropColumn':
      return [`await op.dropColumn(${str(change.table)}, ${str(change.column.name)});`];
    case 'renameColumn':
      return [
        `await op.alterColumn(${str(change.table)}, ${str(change.from)}, { newName: ${str(change.to)} });`,
      ];
    case 'alterColumn':
      return [
        `await op.alterColumn(${str(change.table)}, ${str(change.column)}, ${alterations(change, context)});`,
      ];
    case 'addIndex': {
      const options = object([
        ['unique', change.index.unique ? 'true' : undefined],
        ['where', change.index.where === null ? undefined : str(change.index.where)],
      ]);
      const args = [str(change.index.name), str(change.table), indexElements(change.index.columns, imports)];
      if (options !== '{}') args.push(options);
      return [`await op.createIndex(${args.join(', ')});`];
    }
    case 'dropIndex':
      return [`await op.dropIndex(${str(change.index.name)}, { table: ${str(change.table)} });`];
    case 'addUniqueConstraint':
      return [
        `await op.createUniqueConstraint(${str(change.constraint.name)}, ${str(change.table)}, ${strings(change.constraint.columns)});`,
      ];
    case 'dropUniqueConstraint':
      return [dropConstraint(change.constraint.name, change.table, 'unique')];
    case 'addForeignKey': {
      const key = change.foreignKey;
      const args = [
        str(key.name),
        str(change.table),
        str(key.referencedTable),
        strings(key.columns),
        strings(key.referencedColumns),
      ];
      const actions = foreignKeyActions(key);
      if (actions !== undefined) args.push(actions);
      return [`await op.createForeignKey(${args.join(', ')});`];
    }
    case 'dropForeignKey': {
      const lines = [dropConstraint(change.foreignKey.name, change.table, 'foreignkey')];
      if (change.implicitIndex !== null) {
        lines.push(
          '// MySQL/MariaDB keep the index they created for the key; it goes with the key.',
          `await op.dropIndex(${str(change.implicitIndex)}, { table: ${str(change.table)} });`,
        );
      }
      return lines;
    }
    case 'addCheckConstraint':
      return [
        `await op.createCheckConstraint(${str(change.constraint.name)}, ${str(change.table)}, ${str(change.constraint.expression)});`,
      ];
    case 'dropCheckConstraint':
      return [dropConstraint(change.constraint.name, change.table, 'check')];
    case 'alterPrimaryKey': {
      const lines: string[] = [];
      if (change.from !== null && change.from.columns.length > 0) {
        const name = change.from.name ?? primaryKeyName(change.table);
        lines.push(dropConstraint(name, change.table, 'primary'));
      }
      if (change.to !== null && change.to.columns.length > 0) {
        const name =
          change.to.name === null || change.to.name === 'PRIMARY'
            ? primaryKeyName(change.table)
            : change.to.name;
        lines.push(
          `await op.createPrimaryKey(${str(name)}, ${str(change.table)}, ${strings(change.to.columns)});`,
        );
      }
      return lines;
    }
    case 'alterTableComment':
      return [`await op.execute(${str(tableCommentSql(dialect, change.table, change.to))});`];
  }
}

/** Only SQLite has unnamed constraints; compare lists their drop only when a dropped column takes them along. */
const UNNAMED_DROP = '// The unnamed constraint goes with the column dropped below.';

function dropConstraint(name: string | null, table: string, type: string): string {
  if (name === null) return UNNAMED_DROP;
  return `await op.dropConstraint(${str(name)}, ${str(table)}, { type: ${str(type)} });`;
}

function batchDropConstraint(name: string | null, type: string): string {
  return name === null ? UNNAMED_DROP : `batch.dropConstraint(${str(name)}, { type: ${str(type)} });`;
}

/** `op` has no table-comment operation: the statement each database takes. */
function tableCommentSql(dialect: DialectName, table: string, comment: string | null): string {
  const name = quoteIdentifier(dialect, table);
  if (dialect === 'mysql') return `ALTER TABLE ${name} COMMENT = ${quoteString(dialect, comment ?? '')}`;
  return `COMMENT ON TABLE ${name} IS ${comment === null ? 'NULL' : quoteString(dialect, comment)}`;
}

/** addColumn makes a column generated only when told so explicitly. */
function addedColumn(column: ColumnModel, imports: Imports): string {
  return columnSpec(column, imports, { autoByDefault: false });
}

/**
 * The changes of an alterColumn call. On MySQL/MariaDB a type, nullability or comment change
 * restates the whole column, so the parts that stay are passed as `existing*` too: the revision
 * then also renders offline (`--sql`), where the live column cannot be read.
 */
function alterations(change: AlterColumn, context: RenderContext): string {
  const { imports, dialect } = context;
  const entries: [string, string | undefined][] = [];
  if (change.type !== undefined) {
    entries.push(['type', columnType(change.type.to, imports)]);
    if (dialect === 'postgresql' && needsUsing(dialect, change)) {
      const cast = `${quoteIdentifier(dialect, change.column)}::${renderColumnType(dialect, change.type.to)}`;
      entries.push(['using', str(cast)]);
    }
  }
  if (change.nullable !== undefined) entries.push(['nullable', String(change.nullable.to)]);
  if (change.default !== undefined) {
    const value = change.default.to;
    entries.push(['default', value === null ? 'null' : serverDefault(value, imports)]);
  }
  if (change.comment !== undefined) {
    entries.push(['comment', change.comment.to === null ? 'null' : str(change.comment.to)]);
  }
  const rewrites = change.type !== undefined || change.nullable !== undefined || change.comment !== undefined;
  if (dialect === 'mysql' && rewrites) {
    const existing = change.existing;
    if (change.type === undefined) entries.push(['existingType', columnType(existing.type, imports)]);
    if (change.nullable === undefined) entries.push(['existingNullable', String(existing.nullable)]);
    if (change.default === undefined) {
      entries.push([
        'existingDefault',
        existing.default === null ? 'null' : serverDefault(existing.default, imports),
      ]);
    }
    if (change.comment === undefined) {
      entries.push([
        'existingComment',
        existing.comment === null || existing.comment === '' ? 'null' : str(existing.comment),
      ]);
    }
    // Restating the column without it would stop the key numbering new rows.
    if (existing.autoincrement && change.target.autoincrement)
      entries.push(['existingAutoincrement', 'true']);
  }
  return object(entries);
}

/** PostgreSQL converts between kinds of type (text to integer, …) only with an explicit USING. */
function needsUsing(dialect: DialectName, change: AlterColumn): boolean {
  if (change.type === undefined) return false;
  return typeFamily(dialect, change.type.from) !== typeFamily(dialect, change.type.to);
}

// ---- SQLite batch ----

/** Whether SQLite can make this change with a plain ALTER (else it needs a batch rebuild). */
export function sqliteInPlace(change: SchemaChange): boolean {
  switch (change.kind) {
    case 'renameColumn':
    case 'dropColumn':
    case 'addIndex':
    case 'dropIndex':
    case 'alterTableComment':
      return true;
    case 'addColumn': {
      // ADD COLUMN takes constant defaults only, and NOT NULL only with a default.
      const { default: value, nullable } = change.column;
      return (value === null || typeof value !== 'object') && (nullable || value !== null);
    }
    case 'alterColumn':
      return change.type === undefined && change.nullable === undefined && change.default === undefined;
    default:
      return false;
  }
}

/** The `batch` calls for one change of a SQLite table rebuild. */
export function batchStatements(change: SchemaChange, context: RenderContext): string[] {
  const { imports } = context;
  switch (change.kind) {
    case 'addColumn':
      return [`batch.addColumn(${addedColumn(change.column, imports)});`];
    case 'dropColumn':
      return [`batch.dropColumn(${str(change.column.name)});`];
    case 'renameColumn':
      return [`batch.alterColumn(${str(change.from)}, { newName: ${str(change.to)} });`];
    case 'alterColumn':
      return [`batch.alterColumn(${str(change.column)}, ${alterations(change, context)});`];
    case 'addIndex': {
      const options = object([
        ['unique', change.index.unique ? 'true' : undefined],
        ['where', change.index.where === null ? undefined : str(change.index.where)],
      ]);
      const args = [str(change.index.name), indexElements(change.index.columns, imports)];
      if (options !== '{}') args.push(options);
      return [`batch.createIndex(${args.join(', ')});`];
    }
    case 'dropIndex':
      return [`batch.dropIndex(${str(change.index.name)});`];
    case 'addUniqueConstraint':
      return [
        `batch.createUniqueConstraint(${str(change.constraint.name)}, ${strings(change.constraint.columns)});`,
      ];
    case 'dropUniqueConstraint':
      return [batchDropConstraint(change.constraint.name, 'unique')];
    case 'addForeignKey': {
      const key = change.foreignKey;
      const args = [
        str(key.name),
        str(key.referencedTable),
        strings(key.columns),
        strings(key.referencedColumns),
      ];
      const actions = foreignKeyActions(key);
      if (actions !== undefined) args.push(actions);
      return [`batch.createForeignKey(${args.join(', ')});`];
    }
    case 'dropForeignKey':
      return [batchDropConstraint(change.foreignKey.name, 'foreignkey')];
    case 'addCheckConstraint':
      return [
        `batch.createCheckConstraint(${str(change.constraint.name)}, ${str(change.constraint.expression)});`,
      ];
    case 'dropCheckConstraint':
      return [batchDropConstraint(change.constraint.name, 'check')];
    case 'alterPrimaryKey': {
      // A rebuild replaces the key: createPrimaryKey alone is the change; only a removal needs a drop.
      if (change.to !== null && change.to.columns.length > 0) {
        const name = change.to.name ?? primaryKeyName(change.table);
        return [`batch.createPrimaryKey(${str(name)}, ${strings(change.to.columns)});`];
      }
      if (change.from?.name == null) {
        return [
          '// The unnamed primary key cannot be dropped by name: rebuild the table by hand to remove it.',
        ];
      }
      return [`batch.dropConstraint(${str(change.from.name)}, { type: 'primary' });`];
    }
    case 'alterTableComment':
      // SQLite stores no comments.
      return [];
    default:
      throw new Error(`${change.kind} is not a change to one table`);
  }
}
