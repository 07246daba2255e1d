/** The shapes of the `op` API's arguments (see ../types.ts and ../operations.ts for their meaning). */
import {
  aBoolean,
  aFunction,
  aNumber,
  arrayOf,
  aString,
  type Check,
  either,
  type Fields,
  objectOf,
  oneOf,
  orNull,
} from './shape.js';

const COLUMN_TYPE_KINDS = [
  'text',
  'string',
  'integer',
  'bigint',
  'smallint',
  'boolean',
  'float',
  'double',
  'numeric',
  'date',
  'time',
  'timestamp',
  'json',
  'jsonb',
  'uuid',
  'binary',
  'raw',
] as const;

/** A column type as `t.*()` builds it; anything else (`'varchar'`) is refused. */
export const columnType: Check = {
  expected: "a column type such as t.string(50) or t.raw('…')",
  problem(value, path) {
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof value !== 'object' || value === null || !COLUMN_TYPE_KINDS.includes(kind as never)) {
      return { kind: 'wrong-type', path, expected: this.expected, value };
    }
    return null;
  },
};

const sqlExpression = objectOf("sqlExpression('…')", {
  kind: oneOf('sql'),
  sql: { check: aString, required: true },
});
const currentTimestamp = objectOf('now()', { kind: oneOf('now') });

export const serverDefault = either(
  "a string, number or boolean literal, now() or sqlExpression('…')",
  aString,
  aNumber,
  aBoolean,
  sqlExpression,
  currentTimestamp,
);

const referentialAction = oneOf('CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION');
const columnNames = arrayOf(aString, 'an array of column names');
const indexElement = either("a column name or sqlExpression('…')", aString, sqlExpression);
export const indexElements = arrayOf(indexElement, "an array of column names or sqlExpression('…')");

const columnReference = objectOf('a reference { table, column }', {
  table: { check: aString, required: true },
  column: { check: aString, required: true },
  name: aString,
  onDelete: referentialAction,
  onUpdate: referentialAction,
});

export const columnSpec = objectOf('a column { name, type, … }', {
  name: { check: aString, required: true },
  type: { check: columnType, required: true },
  nullable: aBoolean,
  default: serverDefault,
  primaryKey: aBoolean,
  autoincrement: either("true, false or 'auto'", aBoolean, oneOf('auto')),
  unique: aBoolean,
  index: aBoolean,
  references: columnReference,
  comment: aString,
});

const foreignKeyFields = {
  onDelete: referentialAction,
  onUpdate: referentialAction,
} satisfies Fields;

const tableFields = {
  columns: { check: arrayOf(columnSpec, 'an array of columns'), required: true },
  primaryKey: objectOf('a primary key { name?, columns }', {
    name: aString,
    columns: { check: columnNames, required: true },
  }),
  foreignKeys: arrayOf(
    objectOf('a foreign key { name?, columns, referencedTable, referencedColumns, onDelete?, onUpdate? }', {
      name: aString,
      columns: { check: columnNames, required: true },
      referencedTable: { check: aString, required: true },
      referencedColumns: { check: columnNames, required: true },
      ...foreignKeyFields,
    }),
  ),
  uniqueConstraints: arrayOf(
    objectOf('a unique constraint { name?, columns }', {
      name: aString,
      columns: { check: columnNames, required: true },
    }),
  ),
  checkConstraints: arrayOf(
    objectOf('a check constraint { name?, expression }', {
      name: aString,
      expression: { check: aString, required: true },
    }),
  ),
  indexes: arrayOf(
    objectOf('an index { name, columns, unique?, where? }', {
      name: { check: aString, required: true },
      columns: { check: indexElements, required: true },
      unique: aBoolean,
      where: aString,
    }),
  ),
  comment: aString,
} satisfies Fields;

export const createTableOptions = objectOf('the table { columns, … }', {
  ...tableFields,
  ifNotExists: aBoolean,
});
/** `batchAlterTable`'s `copyFrom`: a whole table, name included. */
const tableSpec = objectOf('a table { name, columns, … }', {
  name: { check: aString, required: true },
  ...tableFields,
});

export const dropTableOptions = objectOf('options { ifExists }', { ifExists: aBoolean });

export const alterColumnChanges = objectOf('the changes { newName, type, nullable, default, … }', {
  newName: aString,
  type: columnType,
  using: aString,
  nullable: aBoolean,
  default: orNull(serverDefault),
  comment: orNull(aString),
  existingType: columnType,
  existingNullable: aBoolean,
  existingDefault: orNull(serverDefault),
  existingComment: orNull(aString),
  existingAutoincrement: aBoolean,
});

export const createIndexOptions = objectOf('options { unique, where, concurrently, ifNotExists }', {
  unique: aBoolean,
  where: aString,
  concurrently: aBoolean,
  ifNotExists: aBoolean,
});

export const dropIndexOptions = objectOf('options { table, ifExists, concurrently }', {
  table: aString,
  ifExists: aBoolean,
  concurrently: aBoolean,
});

export const foreignKeyOptions = objectOf('options { onDelete, onUpdate }', foreignKeyFields);

export const dropConstraintOptions = objectOf('options { type }', {
  type: oneOf('primary', 'foreignkey', 'unique', 'check'),
});

export const bulkInsertOptions = objectOf('options { rowByRow }', { rowByRow: aBoolean });

const aRow = either('a row object', {
  expected: 'a row object',
  problem: (value, path) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? null
      : { kind: 'wrong-type', path, expected: 'a row object', value },
});

export const rows = arrayOf(aRow, 'an array of row objects');

export const batchOptions = objectOf('options { recreate, copyFrom }', {
  recreate: oneOf('auto', 'always', 'never'),
  copyFrom: tableSpec,
});

export const batchIndexOptions = objectOf('options { unique, where }', { unique: aBoolean, where: aString });

export const batchDropConstraintOptions = dropConstraintOptions;

const aBatchSize: Check = {
  expected: 'a positive whole number',
  problem: (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value > 0
      ? null
      : { kind: 'wrong-type', path, expected: 'a positive whole number', value },
};

const sqlByAlias: Check = {
  expected: 'an object of alias: SQL expression',
  problem: (value, path) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === 'string')
      ? null
      : { kind: 'wrong-type', path, expected: 'an object of alias: SQL expression', value },
};

/** `op.batches`' and `op.backfill`'s source: a table name or `{ query }`. */
export const batchSource = either(
  'a table name or { query }',
  aString,
  objectOf('{ query }', { query: { check: aString, required: true } }),
);

const batchesFields = {
  key: aString,
  columns: columnNames,
  expressions: sqlByAlias,
  where: aString,
  batchSize: aBatchSize,
  order: oneOf('key', 'storage'),
  after: {
    expected: 'a key value',
    problem: () => null,
  } satisfies Check,
} satisfies Fields;

export const batchesOptions = objectOf(
  'options { key, columns, expressions, where, batchSize, order, after }',
  batchesFields,
);

export const backfillOptions = objectOf(
  'options { key, columns, expressions, where, batchSize, order, after, resumable, name, count }',
  { ...batchesFields, resumable: aBoolean, name: aString, count: aBoolean },
);

export const bulkUpdateOptions = objectOf('options { key }', {
  key: either('a column name or an array of them', aString, columnNames),
});

export const aProgressTotal = orNull(aNumber);

export { aFunction, aString, columnNames };
