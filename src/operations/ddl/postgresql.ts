import type { ColumnSpec, IndexElement, IndexSpec, TableSpec } from '../types.js';
import { postgresSerialType } from './column-types.js';
import {
  type AlterColumnChanges,
  type CreateIndexFlags,
  DdlRenderer,
  type DropIndexFlags,
  isSingleFunctionCall,
} from './renderer.js';

export class PostgresDdl extends DdlRenderer {
  readonly dialect = 'postgresql' as const;

  override columnDefinition(
    column: ColumnSpec,
    options: { autoincrement: boolean; forceNotNull: boolean },
  ): string {
    const serial = options.autoincrement ? postgresSerialType(column.type) : undefined;
    if (serial === undefined) return super.columnDefinition(column, options);
    const notNull = options.forceNotNull || column.nullable === false ? ' NOT NULL' : '';
    return `${this.q(column.name)} ${serial}${notNull}`;
  }

  protected override commentsAfterCreate(spec: TableSpec): string[] {
    const statements: string[] = [];
    if (spec.comment !== undefined) statements.push(this.tableComment(spec.name, spec.comment));
    for (const column of spec.columns) {
      if (column.comment !== undefined)
        statements.push(this.columnComment(spec.name, column.name, column.comment));
    }
    return statements;
  }

  private tableComment(table: string, comment: string | null): string {
    return `COMMENT ON TABLE ${this.q(table)} IS ${comment === null ? 'NULL' : this.literal(comment)}`;
  }

  private columnComment(table: string, column: string, comment: string | null): string {
    const text = comment === null ? 'NULL' : this.literal(comment);
    return `COMMENT ON COLUMN ${this.q(table)}.${this.q(column)} IS ${text}`;
  }

  override addColumn(table: string, column: ColumnSpec): string[] {
    const statements = super.addColumn(table, column);
    if (column.comment !== undefined) statements.push(this.columnComment(table, column.name, column.comment));
    return statements;
  }

  /**
   * Type first, then nullability, default, comment, name. When the default changes too, the old
   * one is dropped before the type change, which would otherwise fail casting it.
   */
  override alterColumn(table: string, column: string, changes: AlterColumnChanges): string[] {
    const alter = `ALTER TABLE ${this.q(table)} ALTER COLUMN ${this.q(column)}`;
    const statements: string[] = [];
    const dropDefaultFirst = changes.type !== undefined && changes.default !== undefined;
    if (dropDefaultFirst) statements.push(`${alter} DROP DEFAULT`);
    if (changes.type !== undefined) {
      const using = changes.using === undefined ? '' : ` USING ${changes.using}`;
      statements.push(`${alter} TYPE ${this.type(changes.type)}${using}`);
    }
    if (changes.nullable !== undefined)
      statements.push(`${alter} ${changes.nullable ? 'DROP' : 'SET'} NOT NULL`);
    if (changes.default === null) {
      if (!dropDefaultFirst) statements.push(`${alter} DROP DEFAULT`);
    } else if (changes.default !== undefined)
      statements.push(`${alter} SET DEFAULT ${this.defaultValue(changes.default)}`);
    if (changes.comment !== undefined) statements.push(this.columnComment(table, column, changes.comment));
    if (changes.newName !== undefined && changes.newName !== column) {
      statements.push(this.renameColumn(table, column, changes.newName));
    }
    return statements;
  }

  /** PostgreSQL takes a function call bare and any other expression in parentheses. */
  protected override indexElement(element: IndexElement): string {
    if (typeof element === 'string') return this.q(element);
    return isSingleFunctionCall(element.sql) ? element.sql : `(${element.sql})`;
  }

  override createIndex(table: string, index: IndexSpec, flags: CreateIndexFlags): string[] {
    const unique = index.unique ? 'UNIQUE ' : '';
    const concurrently = flags.concurrently ? 'CONCURRENTLY ' : '';
    const exists = flags.ifNotExists ? 'IF NOT EXISTS ' : '';
    const elements = index.columns.map((element) => this.indexElement(element)).join(', ');
    const where = index.where === undefined ? '' : this.partialIndexClause(index.where);
    return [
      `CREATE ${unique}INDEX ${concurrently}${exists}${this.q(index.name)} ON ${this.q(table)} (${elements})${where}`,
    ];
  }

  override dropIndex(name: string, flags: DropIndexFlags): string[] {
    const concurrently = flags.concurrently ? 'CONCURRENTLY ' : '';
    return [`DROP INDEX ${concurrently}${flags.ifExists ? 'IF EXISTS ' : ''}${this.q(name)}`];
  }
}
