/**
 * What comparing the schema in code with the database produces: an ordered list of changes that,
 * applied to the database in that order, make it match the code; plus what was deliberately not
 * done (warnings) and what looks like a rename the user did not state (hints).
 *
 * Each change carries the models it was derived from (the database's side for what is dropped or
 * altered, the code's side for what is added), so a change can be rendered, described and
 * inverted on its own.
 */
import type { DialectName } from '../../dialect.js';
import type { ColumnType, ServerDefault } from '../../operations/types.js';
import type {
  CheckConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
} from '../model.js';

/** A rename the user stated (`--rename old:new`, `--rename table.old:table.new`). */
export type Rename =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string };

export interface CompareOptions {
  readonly dialect: DialectName;
  /** Renames to apply instead of a drop and an add. A column rename's table may be given by either name. */
  readonly renames?: readonly Rename[];
  /** Drop tables present in the database but not in code (default false: only warn). */
  readonly dropTables?: boolean;
  /** Drop columns present in the database but not in code (default false: only warn). */
  readonly dropColumns?: boolean;
}

/** One side of a changed attribute: the database's value (`from`) and the code's (`to`). */
export interface ValueChange<T> {
  readonly from: T;
  readonly to: T;
}

interface ChangeBase {
  /** True when applying the change can lose data; `reason` then says how. */
  readonly destructive: boolean;
  readonly reason?: string;
}

export interface AddTable extends ChangeBase {
  readonly kind: 'addTable';
  /** The code's table; foreign keys split off into separate `addForeignKey` changes are left out. */
  readonly table: TableModel;
}

export interface DropTable extends ChangeBase {
  readonly kind: 'dropTable';
  /** The database's table; foreign keys dropped by separate `dropForeignKey` changes are left out. */
  readonly table: TableModel;
}

export interface RenameTable extends ChangeBase {
  readonly kind: 'renameTable';
  readonly from: string;
  readonly to: string;
}

export interface AddColumn extends ChangeBase {
  readonly kind: 'addColumn';
  readonly table: string;
  readonly column: ColumnModel;
}

export interface DropColumn extends ChangeBase {
  readonly kind: 'dropColumn';
  readonly table: string;
  readonly column: ColumnModel;
}

export interface RenameColumn extends ChangeBase {
  readonly kind: 'renameColumn';
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

export interface AlterColumn extends ChangeBase {
  readonly kind: 'alterColumn';
  readonly table: string;
  readonly column: string;
  /** The column as the database has it, and as the code wants it. */
  readonly existing: ColumnModel;
  readonly target: ColumnModel;
  readonly type?: ValueChange<ColumnType>;
  readonly nullable?: ValueChange<boolean>;
  readonly default?: ValueChange<ServerDefault | null>;
  readonly comment?: ValueChange<string | null>;
}

export interface AddIndex extends ChangeBase {
  readonly kind: 'addIndex';
  readonly table: string;
  readonly index: IndexModel;
}

export interface DropIndex extends ChangeBase {
  readonly kind: 'dropIndex';
  readonly table: string;
  readonly index: IndexModel;
}

export interface AddUniqueConstraint extends ChangeBase {
  readonly kind: 'addUniqueConstraint';
  readonly table: string;
  /** Always named: an unnamed constraint from code gets a generated name so it can be dropped later. */
  readonly constraint: UniqueConstraintModel & { readonly name: string };
}

export interface DropUniqueConstraint extends ChangeBase {
  readonly kind: 'dropUniqueConstraint';
  readonly table: string;
  readonly constraint: UniqueConstraintModel;
}

export interface AddForeignKey extends ChangeBase {
  readonly kind: 'addForeignKey';
  readonly table: string;
  readonly foreignKey: ForeignKeyModel & { readonly name: string };
  /**
   * MySQL/MariaDB only: the index the server creates for the key because no index starts with its
   * columns (named after the key). It outlives the key, so dropping the key drops it too.
   */
  readonly implicitIndex: string | null;
}

export interface DropForeignKey extends ChangeBase {
  readonly kind: 'dropForeignKey';
  readonly table: string;
  readonly foreignKey: ForeignKeyModel;
  /** As on `AddForeignKey`: the server-made index to drop with the key (MySQL/MariaDB). */
  readonly implicitIndex: string | null;
}

export interface AddCheckConstraint extends ChangeBase {
  readonly kind: 'addCheckConstraint';
  readonly table: string;
  readonly constraint: CheckConstraintModel & { readonly name: string };
}

export interface DropCheckConstraint extends ChangeBase {
  readonly kind: 'dropCheckConstraint';
  readonly table: string;
  readonly constraint: CheckConstraintModel;
}

export interface AlterPrimaryKey extends ChangeBase {
  readonly kind: 'alterPrimaryKey';
  readonly table: string;
  /** Null: the table has no primary key on that side. */
  readonly from: PrimaryKeyModel | null;
  readonly to: PrimaryKeyModel | null;
}

export interface AlterTableComment extends ChangeBase {
  readonly kind: 'alterTableComment';
  readonly table: string;
  readonly from: string | null;
  readonly to: string | null;
}

export type SchemaChange =
  | AddTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | RenameColumn
  | AlterColumn
  | AddIndex
  | DropIndex
  | AddUniqueConstraint
  | DropUniqueConstraint
  | AddForeignKey
  | DropForeignKey
  | AddCheckConstraint
  | DropCheckConstraint
  | AlterPrimaryKey
  | AlterTableComment;

export type SchemaChangeKind = SchemaChange['kind'];

/** Something in the database that the code lacks and that was kept because dropping was not asked for. */
export type CompareWarning =
  | {
      readonly kind: 'tableNotDropped';
      readonly table: string;
      readonly option: 'dropTables';
      readonly message: string;
    }
  | {
      readonly kind: 'columnNotDropped';
      readonly table: string;
      readonly column: string;
      readonly option: 'dropColumns';
      readonly message: string;
    }
  | {
      /** SQLite cannot name an unnamed constraint to drop it; the user must rebuild the table by hand. */
      readonly kind: 'unnamedConstraintKept';
      readonly table: string;
      readonly constraint: string;
      readonly message: string;
    };

/** A drop and an add that look like one rename; `rename` is the text to pass to `--rename`. */
export type CompareHint =
  | {
      readonly kind: 'tableRename';
      readonly from: string;
      readonly to: string;
      readonly rename: string;
      readonly message: string;
    }
  | {
      readonly kind: 'columnRename';
      readonly table: string;
      readonly from: string;
      readonly to: string;
      readonly rename: string;
      readonly message: string;
    };

export interface SchemaDiff {
  readonly dialect: DialectName;
  /** In the order that applies: see `order.ts`. */
  readonly changes: readonly SchemaChange[];
  readonly warnings: readonly CompareWarning[];
  readonly hints: readonly CompareHint[];
}
