/**
 * Column declarations: `column.string(255).notNull().unique()`. Each call returns a new builder,
 * so a shared fragment (`const id = column.text().primaryKey()`) can be reused safely. The
 * builder carries two things: the runtime facts `schemaModel` reads (`declaration`), and a
 * type-level state `InferDatabase` reads (nullability, defaults, primary key, TS value type).
 */
import type { DialectName } from '../../dialect.js';
import {
  type ColumnType,
  type ColumnTypeKind,
  type ReferentialAction,
  type ServerDefault,
  t,
} from '../../operations/types.js';

/**
 * The `valueType` of a column whose TS type comes from its kind (no `$type<T>()`). A literal, not
 * a unique symbol, so that declaration files can spell the inferred types of a schema.
 */
export type Unset = '~ambix.unset';

/** What the type system knows about a column; read by `InferDatabase`. */
export interface ColumnState {
  readonly kind: ColumnTypeKind;
  readonly valueType: unknown;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  readonly primaryKey: boolean;
  readonly autoincrement: boolean | 'auto';
  readonly references: boolean;
}

/** A new column: nullable, as in SQLAlchemy, with nothing else said. */
export interface InitialState<K extends ColumnTypeKind> {
  readonly kind: K;
  readonly valueType: Unset;
  readonly nullable: true;
  readonly hasDefault: false;
  readonly primaryKey: false;
  readonly autoincrement: 'auto';
  readonly references: false;
}

type With<S extends ColumnState, P extends Partial<ColumnState>> = {
  readonly [K in keyof ColumnState]: K extends keyof P ? P[K] : S[K];
};

/** A single-column foreign key, `'table.column'`. */
export interface ColumnReferenceDeclaration {
  readonly target: string;
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export interface ReferenceOptions {
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/**
 * How one database stores a column differently from the declaration, for a schema that must
 * describe databases it did not create (Open WebUI's `tag.user_id` is a primary-key column SQLite
 * lets be NULL). It changes what `schemaModel(schema, { dialect })` says about that database only,
 * never the inferred TS type. `default: null` means "no server default there".
 */
export interface DialectColumnOverride {
  readonly type?: ColumnType;
  readonly nullable?: boolean;
  readonly default?: ServerDefault | null;
}

/** The runtime facts of a column, as declared (names and conventions are resolved later). */
export interface ColumnDeclaration {
  readonly type: ColumnType;
  /** Undefined when not stated: nullable, unless the column is part of the primary key. */
  readonly nullable: boolean | undefined;
  readonly default: ServerDefault | undefined;
  readonly primaryKey: boolean;
  readonly autoincrement: boolean | 'auto';
  /** `.unique()`: a unique constraint, or a unique index when `.index()` is also given. */
  readonly unique: { readonly name?: string } | undefined;
  readonly index: { readonly name?: string } | undefined;
  readonly references: ColumnReferenceDeclaration | undefined;
  readonly comment: string | undefined;
  readonly dialects: Readonly<Partial<Record<DialectName, DialectColumnOverride>>>;
}

export class ColumnBuilder<S extends ColumnState> {
  /** Type-level only (never set at runtime): what `InferDatabase` reads. */
  declare readonly '~state': S;

  constructor(readonly declaration: ColumnDeclaration) {}

  private with<N extends ColumnState>(changes: Partial<ColumnDeclaration>): ColumnBuilder<N> {
    return new ColumnBuilder<N>({ ...this.declaration, ...changes });
  }

  /** NOT NULL. */
  notNull(): ColumnBuilder<With<S, { nullable: false }>> {
    return this.with({ nullable: false });
  }

  /** Nullable, the default; for saying so explicitly. */
  nullable(): ColumnBuilder<With<S, { nullable: true }>> {
    return this.with({ nullable: true });
  }

  /**
   * Part of the table's primary key (several columns make a composite key, in column order unless
   * the table's `primaryKey.columns` says otherwise). Implies NOT NULL.
   */
  primaryKey(): ColumnBuilder<With<S, { primaryKey: true; nullable: false }>> {
    return this.with({ primaryKey: true });
  }

  /** A server default: a literal, `now()`, or an expression (`sql\`…\``, `sqlExpression('…')`). */
  default(value: ServerDefault): ColumnBuilder<With<S, { hasDefault: true }>> {
    return this.with({ default: value });
  }

  /**
   * Whether the database numbers this column itself. Without this call, `'auto'`: the table's only
   * primary-key column is numbered when it is an integer with no default and no foreign key, as in
   * SQLAlchemy and `ColumnSpec.autoincrement`.
   */
  autoincrement<A extends boolean = true>(enabled?: A): ColumnBuilder<With<S, { autoincrement: A }>> {
    return this.with({ autoincrement: enabled ?? true });
  }

  /** A unique constraint on this column (named by the schema's convention unless `name` is given). */
  unique(name?: string): ColumnBuilder<S> {
    return this.with({ unique: name === undefined ? {} : { name } });
  }

  /** An index on this column; unique (and no unique constraint) when `.unique()` is also given. */
  index(name?: string): ColumnBuilder<S> {
    return this.with({ index: name === undefined ? {} : { name } });
  }

  /** A foreign key to `'table.column'`. */
  references(
    target: `${string}.${string}`,
    options: ReferenceOptions = {},
  ): ColumnBuilder<With<S, { references: true }>> {
    return this.with({ references: { target, ...options } });
  }

  comment(text: string): ColumnBuilder<S> {
    return this.with({ comment: text });
  }

  /** The TS type of the column's values in `InferDatabase`, e.g. the shape of a JSON column. */
  $type<T>(): ColumnBuilder<With<S, { valueType: T }>> {
    return this.with({});
  }

  /** How `dialect` stores this column differently; see `DialectColumnOverride`. */
  forDialect(dialect: DialectName, override: DialectColumnOverride): ColumnBuilder<S> {
    return this.with({ dialects: { ...this.declaration.dialects, [dialect]: override } });
  }
}

/** Any column builder, whatever its state. */
export type AnyColumn = ColumnBuilder<ColumnState>;

function start<K extends ColumnTypeKind>(type: ColumnType): ColumnBuilder<InitialState<K>> {
  return new ColumnBuilder({
    type,
    nullable: undefined,
    default: undefined,
    primaryKey: false,
    autoincrement: 'auto',
    unique: undefined,
    index: undefined,
    references: undefined,
    comment: undefined,
    dialects: {},
  });
}

/** Column types, the neutral ones of the operations API (`t`), each rendered per dialect. */
export const column = {
  text: () => start<'text'>(t.text()),
  /** VARCHAR(length); VARCHAR without one (VARCHAR(255) on MySQL). */
  string: (length?: number) => start<'string'>(t.string(length)),
  integer: () => start<'integer'>(t.integer()),
  bigint: () => start<'bigint'>(t.bigint()),
  smallint: () => start<'smallint'>(t.smallint()),
  boolean: () => start<'boolean'>(t.boolean()),
  float: () => start<'float'>(t.float()),
  double: () => start<'double'>(t.double()),
  numeric: (precision?: number, scale?: number) => start<'numeric'>(t.numeric(precision, scale)),
  date: () => start<'date'>(t.date()),
  time: () => start<'time'>(t.time()),
  /** Date and time; without time zone unless `{ withTimeZone: true }`. */
  timestamp: (options: { withTimeZone?: boolean } = {}) => start<'timestamp'>(t.timestamp(options)),
  /** Date and time without time zone (SQLAlchemy's `DateTime`): `timestamp()`. */
  datetime: () => start<'timestamp'>(t.datetime()),
  json: () => start<'json'>(t.json()),
  jsonb: () => start<'jsonb'>(t.jsonb()),
  uuid: () => start<'uuid'>(t.uuid()),
  binary: (length?: number) => start<'binary'>(t.binary(length)),
  /** A type written into the DDL as given; its values are `unknown` unless `$type<T>()` says. */
  raw: (sql: string) => start<'raw'>(t.raw(sql)),
} as const;
