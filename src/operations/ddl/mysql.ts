import type { Statement } from '../context.js';
import type { ColumnSpec, ConstraintType, IndexElement, ServerDefault, TableSpec } from '../types.js';
import { sqlExpression } from '../types.js';
import {
  type AlterColumnChanges,
  type CatalogColumn,
  DdlRenderer,
  type DropIndexFlags,
  type ExistingColumnField,
  InvalidOnDialect,
  UnsupportedOnDialect,
} from './renderer.js';

/** MySQL and MariaDB (the server version tells them apart online; offline MySQL syntax is used). */
export class MysqlDdl extends DdlRenderer {
  readonly dialect = 'mysql' as const;

  private get isMariaDb(): boolean {
    return this.serverVersion?.toLowerCase().includes('mariadb') ?? false;
  }

  protected override readonly notNullBeforeDefault = true;

  override columnDefinition(
    column: ColumnSpec,
    options: { autoincrement: boolean; forceNotNull: boolean },
  ): string {
    let text = super.columnDefinition(column, options);
    if (options.autoincrement) text += ' AUTO_INCREMENT';
    if (column.comment !== undefined) text += ` COMMENT ${this.literal(column.comment)}`;
    return text;
  }

  protected override tableOptions(spec: TableSpec): string {
    return spec.comment === undefined ? '' : ` COMMENT=${this.literal(spec.comment)}`;
  }

  protected override indexElement(element: IndexElement): string {
    if (typeof element !== 'string' && this.isMariaDb) {
      throw new UnsupportedOnDialect(
        `MariaDB has no expression indexes (${element.sql}); index a generated column instead ` +
          '(addColumn with a raw type such as `VARCHAR(255) AS (lower(email)) VIRTUAL`, then createIndex on it).',
      );
    }
    // MySQL's functional key parts must be parenthesised.
    return typeof element === 'string' ? this.q(element) : `(${element.sql})`;
  }

  protected override partialIndexClause(where: string): string {
    throw new UnsupportedOnDialect(
      `MySQL/MariaDB have no partial indexes (WHERE ${where}); drop the condition.`,
    );
  }

  override dropIndex(name: string, flags: DropIndexFlags): string[] {
    if (flags.concurrently) this.unsupportedConcurrently();
    if (flags.table === undefined) {
      throw new InvalidOnDialect(
        `MySQL's DROP INDEX needs the table: op.dropIndex('${name}', { table: '…' }).`,
      );
    }
    return [`DROP INDEX ${flags.ifExists ? 'IF EXISTS ' : ''}${this.q(name)} ON ${this.q(flags.table)}`];
  }

  override dropConstraint(table: string, name: string, type: ConstraintType | undefined): string[] {
    const alter = `ALTER TABLE ${this.q(table)}`;
    switch (type) {
      case 'foreignkey':
        return [`${alter} DROP FOREIGN KEY ${this.q(name)}`];
      case 'primary':
        return [`${alter} DROP PRIMARY KEY`];
      case 'unique':
        return [`${alter} DROP INDEX ${this.q(name)}`];
      case 'check':
        return [`${alter} DROP CONSTRAINT ${this.q(name)}`];
      case undefined:
        throw new InvalidOnDialect(
          `MySQL drops each kind of constraint differently; say which: op.dropConstraint('${name}', '${table}', ` +
            "{ type: 'foreignkey' | 'primary' | 'unique' | 'check' }).",
        );
    }
  }

  /** MODIFY restates the whole column, so type, nullability and comment changes need the rest of it. */
  private rewritesColumn(changes: AlterColumnChanges): boolean {
    return changes.type !== undefined || changes.nullable !== undefined || changes.comment !== undefined;
  }

  override existingColumnFields(changes: AlterColumnChanges): ExistingColumnField[] {
    if (!this.rewritesColumn(changes)) return [];
    const missing: ExistingColumnField[] = [];
    if (changes.type === undefined && changes.existingType === undefined) missing.push('type');
    if (changes.nullable === undefined && changes.existingNullable === undefined) missing.push('nullable');
    if (changes.default === undefined && changes.existingDefault === undefined) missing.push('default');
    if (changes.comment === undefined && changes.existingComment === undefined) missing.push('comment');
    return missing;
  }

  override catalogColumnQuery(table: string, column: string): Statement {
    // MariaDB's JSON is a LONGTEXT plus a check named after the column; restating the column as
    // LONGTEXT would drop that check, so the query says whether the column has it.
    const isJson = this.isMariaDb
      ? 'EXISTS (SELECT 1 FROM information_schema.CHECK_CONSTRAINTS k WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA ' +
        'AND k.TABLE_NAME = c.TABLE_NAME AND k.CONSTRAINT_NAME = c.COLUMN_NAME ' +
        "AND k.CHECK_CLAUSE = concat('json_valid(`', c.COLUMN_NAME, '`)'))"
      : '0';
    return {
      sql:
        'SELECT c.COLUMN_TYPE AS column_type, c.IS_NULLABLE AS is_nullable, c.COLUMN_DEFAULT AS column_default, ' +
        `c.COLUMN_COMMENT AS column_comment, c.EXTRA AS extra, ${isJson} AS is_json ` +
        'FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = DATABASE() AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?',
      parameters: [table, column],
    };
  }

  override catalogColumn(row: Readonly<Record<string, unknown>>): CatalogColumn {
    const extra = String(row.extra ?? '').toLowerCase();
    const comment = String(row.column_comment ?? '');
    const isJson = Number(row.is_json) === 1 && String(row.column_type).toLowerCase() === 'longtext';
    return {
      type: isJson ? { kind: 'json' } : { kind: 'raw', sql: String(row.column_type) },
      nullable: row.is_nullable === 'YES',
      default: this.catalogDefault(row.column_default, extra),
      comment: comment === '' ? null : comment,
      autoincrement: extra.includes('auto_increment'),
    };
  }

  /** MariaDB reports defaults as SQL text (`'x'`, `NULL`); MySQL reports the bare value. */
  private catalogDefault(value: unknown, extra: string): ServerDefault | null {
    if (value === null || value === undefined) return null;
    const text = String(value);
    if (this.isMariaDb) return text === 'NULL' ? null : sqlExpression(text);
    return extra.includes('default_generated') ? sqlExpression(`(${text})`) : text;
  }

  override alterColumn(
    table: string,
    column: string,
    changes: AlterColumnChanges,
    catalog: CatalogColumn | undefined,
  ): string[] {
    const alterTable = `ALTER TABLE ${this.q(table)}`;
    const renaming = changes.newName !== undefined && changes.newName !== column;
    if (this.rewritesColumn(changes)) {
      const definition = this.restatedDefinition(column, changes, catalog);
      if (renaming)
        return [`${alterTable} CHANGE ${this.q(column)} ${this.q(changes.newName!)} ${definition}`];
      return [`${alterTable} MODIFY ${this.q(column)} ${definition}`];
    }
    const statements: string[] = [];
    const alter = `${alterTable} ALTER COLUMN ${this.q(column)}`;
    if (changes.default === null) statements.push(`${alter} DROP DEFAULT`);
    else if (changes.default !== undefined)
      statements.push(`${alter} SET DEFAULT ${this.defaultValue(changes.default)}`);
    if (renaming) statements.push(this.renameColumn(table, column, changes.newName!));
    return statements;
  }

  private restatedDefinition(
    column: string,
    changes: AlterColumnChanges,
    catalog: CatalogColumn | undefined,
  ): string {
    const type = changes.type ?? changes.existingType ?? catalog?.type;
    const nullable = changes.nullable ?? changes.existingNullable ?? catalog?.nullable;
    if (type === undefined || nullable === undefined) {
      throw new InvalidOnDialect(
        `MySQL rewrites the whole column ${column}; pass existingType and existingNullable (needed offline).`,
      );
    }
    const serverDefault = pick(changes.default, changes.existingDefault, catalog?.default);
    const comment = pick(changes.comment, changes.existingComment, catalog?.comment);
    let text = `${this.type(type)} ${nullable ? 'NULL' : 'NOT NULL'}`;
    if (serverDefault !== null) text += ` DEFAULT ${this.defaultValue(serverDefault)}`;
    if (changes.existingAutoincrement ?? catalog?.autoincrement) text += ' AUTO_INCREMENT';
    if (comment !== null) text += ` COMMENT ${this.literal(comment)}`;
    return text;
  }
}

/** The changed value if there is one, else the stated existing one, else the catalog's, else none. */
function pick<T>(
  changed: T | null | undefined,
  existing: T | null | undefined,
  catalog: T | null | undefined,
): T | null {
  if (changed !== undefined) return changed;
  if (existing !== undefined) return existing;
  return catalog ?? null;
}
