/**
 * One line per change for the command's output (`add column user.full_name VARCHAR(100) NULL`),
 * and the diff as plain JSON data for `--json`.
 */
import type { DialectName } from '../../dialect.js';
import { renderColumnType } from '../../operations/ddl/column-types.js';
import type { ColumnType, IndexElement, ServerDefault } from '../../operations/types.js';
import type { SchemaChange, SchemaDiff } from '../compare/types.js';
import type { ColumnModel, PrimaryKeyModel } from '../model.js';

export interface DescribeOptions {
  /** Types are spelled as this database's DDL writes them; without it, in neutral upper-case names. */
  readonly dialect?: DialectName;
}

function typeText(type: ColumnType, dialect: DialectName | undefined): string {
  if (dialect !== undefined) return renderColumnType(dialect, type);
  switch (type.kind) {
    case 'raw':
      return type.sql;
    case 'string':
      return type.length === undefined ? 'VARCHAR' : `VARCHAR(${type.length})`;
    case 'numeric': {
      const args = [type.precision, type.scale].filter((value) => value !== undefined);
      return args.length === 0 ? 'NUMERIC' : `NUMERIC(${args.join(', ')})`;
    }
    case 'timestamp':
      return type.withTimeZone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
    case 'binary':
      return type.length === undefined ? 'BINARY' : `BINARY(${type.length})`;
    default:
      return type.kind.toUpperCase();
  }
}

function defaultText(value: ServerDefault | null): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.kind === 'now' ? 'now()' : value.sql;
}

function columnText(column: ColumnModel, dialect: DialectName | undefined): string {
  const parts = [typeText(column.type, dialect), column.nullable ? 'NULL' : 'NOT NULL'];
  if (column.default !== null && !column.autoincrement) parts.push(`DEFAULT ${defaultText(column.default)}`);
  if (column.autoincrement) parts.push('AUTOINCREMENT');
  return parts.join(' ');
}

const elementText = (element: IndexElement) => (typeof element === 'string' ? element : element.sql);
const list = (items: readonly string[]) => `(${items.join(', ')})`;
const keyText = (key: PrimaryKeyModel | null) =>
  key === null || key.columns.length === 0 ? 'none' : list(key.columns);
const commentText = (comment: string | null) => (comment === null ? 'none' : `'${comment}'`);

export function describeChange(change: SchemaChange, options: DescribeOptions = {}): string {
  const { dialect } = options;
  switch (change.kind) {
    case 'addTable':
      return `add table ${change.table.name} ${list(change.table.columns.map((column) => column.name))}`;
    case 'dropTable':
      return `drop table ${change.table.name}`;
    case 'renameTable':
      return `rename table ${change.from} to ${change.to}`;
    case 'addColumn':
      return `add column ${change.table}.${change.column.name} ${columnText(change.column, dialect)}`;
    case 'dropColumn':
      return `drop column ${change.table}.${change.column.name}`;
    case 'renameColumn':
      return `rename column ${change.table}.${change.from} to ${change.table}.${change.to}`;
    case 'alterColumn': {
      const parts: string[] = [];
      if (change.type)
        parts.push(`type ${typeText(change.type.from, dialect)} → ${typeText(change.type.to, dialect)}`);
      if (change.nullable) {
        const text = (nullable: boolean) => (nullable ? 'NULL' : 'NOT NULL');
        parts.push(`${text(change.nullable.from)} → ${text(change.nullable.to)}`);
      }
      if (change.default)
        parts.push(`default ${defaultText(change.default.from)} → ${defaultText(change.default.to)}`);
      if (change.comment)
        parts.push(`comment ${commentText(change.comment.from)} → ${commentText(change.comment.to)}`);
      return `alter column ${change.table}.${change.column}: ${parts.join(', ')}`;
    }
    case 'addIndex':
    case 'dropIndex': {
      const verb = change.kind === 'addIndex' ? 'add' : 'drop';
      const { index } = change;
      const unique = index.unique ? 'unique ' : '';
      const where = index.where === null ? '' : ` WHERE ${index.where}`;
      return `${verb} ${unique}index ${index.name} on ${change.table} ${list(index.columns.map(elementText))}${where}`;
    }
    case 'addUniqueConstraint':
    case 'dropUniqueConstraint': {
      const verb = change.kind === 'addUniqueConstraint' ? 'add' : 'drop';
      const name = change.constraint.name ?? '(unnamed)';
      return `${verb} unique constraint ${name} on ${change.table} ${list(change.constraint.columns)}`;
    }
    case 'addForeignKey':
    case 'dropForeignKey': {
      const verb = change.kind === 'addForeignKey' ? 'add' : 'drop';
      const key = change.foreignKey;
      const actions = [
        key.onDelete === null ? '' : ` ON DELETE ${key.onDelete}`,
        key.onUpdate === null ? '' : ` ON UPDATE ${key.onUpdate}`,
      ].join('');
      return (
        `${verb} foreign key ${key.name ?? '(unnamed)'} on ${change.table} ${list(key.columns)} ` +
        `references ${key.referencedTable} ${list(key.referencedColumns)}${actions}`
      );
    }
    case 'addCheckConstraint':
    case 'dropCheckConstraint': {
      const verb = change.kind === 'addCheckConstraint' ? 'add' : 'drop';
      return `${verb} check constraint ${change.constraint.name ?? '(unnamed)'} on ${change.table}: ${change.constraint.expression}`;
    }
    case 'alterPrimaryKey':
      return `change primary key of ${change.table}: ${keyText(change.from)} → ${keyText(change.to)}`;
    case 'alterTableComment':
      return `change comment of table ${change.table}: ${commentText(change.from)} → ${commentText(change.to)}`;
  }
}

/** One change as plain JSON data: its kind, one-line description, destructiveness and the change itself. */
export interface ChangeJson {
  readonly kind: SchemaChange['kind'];
  readonly description: string;
  readonly destructive: boolean;
  readonly reason?: string;
  readonly change: SchemaChange;
}

export function changeToJson(change: SchemaChange, options: DescribeOptions = {}): ChangeJson {
  return {
    kind: change.kind,
    description: describeChange(change, options),
    destructive: change.destructive,
    ...(change.reason === undefined ? {} : { reason: change.reason }),
    change,
  };
}

/** The whole diff as plain JSON data (`JSON.stringify` keeps every fact). */
export function diffToJson(diff: SchemaDiff) {
  return {
    dialect: diff.dialect,
    changes: diff.changes.map((change) => changeToJson(change, { dialect: diff.dialect })),
    warnings: diff.warnings,
    hints: diff.hints,
  };
}
