import type { ColumnSpec, ConstraintType } from '../types.js';
import { type AlterColumnChanges, DdlRenderer, UnsupportedOnDialect } from './renderer.js';

/** SQLite 3.35 added ALTER TABLE … DROP COLUMN. */
const DROP_COLUMN_SINCE = [3, 35, 0] as const;

/**
 * SQLite alters little in place: rename table, add/rename/drop column. Everything else (types,
 * nullability, defaults, constraints) is refused with a pointer to batchAlterTable, which rebuilds
 * the table. Refusing, not rebuilding silently, keeps a revision's cost and risk visible in it.
 */
export class SqliteDdl extends DdlRenderer {
  readonly dialect = 'sqlite' as const;

  override addColumn(table: string, column: ColumnSpec): string[] {
    let definition = this.columnDefinition(column, { autoincrement: false, forceNotNull: false });
    // SQLite cannot add a constraint later, but accepts a column-level REFERENCES here.
    const reference = column.references;
    if (reference !== undefined) {
      const name = reference.name === undefined ? '' : `CONSTRAINT ${this.q(reference.name)} `;
      definition += ` ${name}REFERENCES ${this.q(reference.table)} (${this.q(reference.column)})`;
      if (reference.onDelete !== undefined) definition += ` ON DELETE ${reference.onDelete}`;
      if (reference.onUpdate !== undefined) definition += ` ON UPDATE ${reference.onUpdate}`;
    }
    return [
      `ALTER TABLE ${this.q(table)} ADD COLUMN ${definition}`,
      ...this.columnFlagConstraints(table, column),
    ];
  }

  override dropColumn(table: string, column: string): string[] {
    if (this.serverVersion !== null && versionBelow(this.serverVersion, DROP_COLUMN_SINCE)) {
      throw new UnsupportedOnDialect(
        `SQLite ${this.serverVersion} cannot drop a column (needs 3.35); use ` +
          `op.batchAlterTable('${table}', (batch) => batch.dropColumn('${column}')), which rebuilds the table.`,
      );
    }
    return super.dropColumn(table, column);
  }

  override alterColumn(table: string, column: string, changes: AlterColumnChanges): string[] {
    const refused = [
      changes.type !== undefined ? 'its type' : undefined,
      changes.nullable !== undefined ? 'its nullability' : undefined,
      changes.default !== undefined ? 'its server default' : undefined,
    ].filter((part) => part !== undefined);
    if (refused.length > 0) {
      throw new UnsupportedOnDialect(
        `SQLite cannot change ${refused.join(', ')} in place; use ` +
          `op.batchAlterTable('${table}', (batch) => batch.alterColumn('${column}', { … })), ` +
          'which rebuilds the table and keeps its rows, indexes and constraints.',
      );
    }
    // Comments are not stored by SQLite, so a comment-only change has nothing to do.
    if (changes.newName === undefined || changes.newName === column) return [];
    return [this.renameColumn(table, column, changes.newName)];
  }

  override createPrimaryKey(table: string): string[] {
    return this.refuseConstraintChange(table, 'add a primary key', 'createPrimaryKey');
  }

  override createForeignKey(table: string): string[] {
    return this.refuseConstraintChange(table, 'add a foreign key', 'createForeignKey');
  }

  override createUniqueConstraint(table: string): string[] {
    return this.refuseConstraintChange(table, 'add a unique constraint', 'createUniqueConstraint');
  }

  override createCheckConstraint(table: string): string[] {
    return this.refuseConstraintChange(table, 'add a check constraint', 'createCheckConstraint');
  }

  override dropConstraint(table: string, _name: string, _type: ConstraintType | undefined): string[] {
    return this.refuseConstraintChange(table, 'drop a constraint', 'dropConstraint');
  }

  private refuseConstraintChange(table: string, what: string, method: string): never {
    throw new UnsupportedOnDialect(
      `SQLite cannot ${what} to an existing table; use ` +
        `op.batchAlterTable('${table}', (batch) => batch.${method}(…)), which rebuilds the table and keeps its data.`,
    );
  }
}

function versionBelow(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10));
  for (let index = 0; index < minimum.length; index += 1) {
    const have = parts[index] ?? 0;
    const need = minimum[index] ?? 0;
    if (have !== need) return have < need;
  }
  return false;
}
