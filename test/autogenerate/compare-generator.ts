/**
 * Random schemas and random edits of them, from a seed, for the round-trip property test. Each
 * edit is one a real project makes between two revisions (add/drop/rename tables and columns,
 * change types, nullability and defaults, add/drop indexes, unique constraints, checks and
 * foreign keys), kept within what every database can apply to an empty table.
 */
import type { Rename } from '../../src/autogenerate/compare/index.js';
import type { ColumnModel, ForeignKeyModel, SchemaModel, TableModel } from '../../src/autogenerate/model.js';
import type { DialectName } from '../../src/dialect.js';
import { type ColumnType, now, type ServerDefault, t } from '../../src/operations/types.js';
import { column, idColumn, schema, table } from './compare-support.js';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (probability: number) => next() < probability,
    integer: (below: number) => Math.floor(next() * below),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

type Random = ReturnType<typeof random>;

const TYPES: readonly ColumnType[] = [
  t.string(20),
  t.string(40),
  t.text(),
  t.integer(),
  t.bigint(),
  t.smallint(),
  t.boolean(),
  t.numeric(8, 2),
  t.datetime(),
  t.date(),
];

/** Type changes every database makes on an empty table without help. */
const TYPE_CHANGES: readonly [ColumnType, ColumnType][] = [
  [t.string(20), t.string(40)],
  [t.string(40), t.string(20)],
  [t.string(40), t.text()],
  [t.text(), t.string(40)],
  [t.integer(), t.bigint()],
  [t.bigint(), t.integer()],
  [t.smallint(), t.integer()],
  [t.numeric(8, 2), t.numeric(12, 4)],
];

const isText = (type: ColumnType) => type.kind === 'string' || type.kind === 'text';
const isIndexable = (type: ColumnType) => type.kind !== 'text';
const isNumber = (type: ColumnType) => ['integer', 'bigint', 'smallint', 'numeric'].includes(type.kind);

function defaultFor(rng: Random, dialect: DialectName, type: ColumnType): ServerDefault | null {
  if (!rng.chance(0.4)) return null;
  switch (type.kind) {
    case 'string':
      return rng.pick(['new', "it's", 'A b']);
    case 'text':
      return dialect === 'mysql' ? null : 'long';
    case 'boolean':
      return rng.chance(0.5);
    case 'numeric':
      return rng.pick([0, 1.5, -2.25]);
    case 'timestamp':
      return now();
    case 'date':
      return null;
    default:
      return rng.pick([0, 7, -1]);
  }
}

let counter = 0;
function fresh(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

function randomColumn(rng: Random, dialect: DialectName): ColumnModel {
  const type = rng.pick(TYPES);
  return column(fresh('c'), type, { nullable: rng.chance(0.6), default: defaultFor(rng, dialect, type) });
}

function randomTable(rng: Random, dialect: DialectName, existing: readonly TableModel[]): TableModel {
  const name = fresh('t');
  const columns = [
    idColumn(),
    ...Array.from({ length: 2 + rng.integer(4) }, () => randomColumn(rng, dialect)),
  ];
  let result = table(name, { columns });
  for (let step = 0; step < 2; step += 1) result = addConstraint(rng, dialect, result, existing);
  return result;
}

/** Columns no constraint, index or key uses: free to drop, rename or retype. */
function freeColumns(model: TableModel): ColumnModel[] {
  const used = new Set<string>([
    ...(model.primaryKey?.columns ?? []),
    ...model.foreignKeys.flatMap((key) => key.columns),
    ...model.uniqueConstraints.flatMap((unique) => unique.columns),
    ...model.indexes.flatMap((index) => index.columns.filter((element) => typeof element === 'string')),
    ...model.checkConstraints.flatMap((check) =>
      model.columns.filter((c) => check.expression.includes(c.name)).map((c) => c.name),
    ),
  ]);
  return model.columns.filter((candidate) => !used.has(candidate.name));
}

function addConstraint(
  rng: Random,
  dialect: DialectName,
  model: TableModel,
  others: readonly TableModel[],
): TableModel {
  const free = freeColumns(model);
  if (free.length === 0) return model;
  const target = rng.pick(free);
  switch (rng.integer(4)) {
    case 0:
      if (!isIndexable(target.type)) return model;
      return {
        ...model,
        indexes: [
          ...model.indexes,
          {
            name: fresh(`ix_${model.name}_`),
            columns: [target.name],
            unique: false,
            where: dialect !== 'mysql' && rng.chance(0.3) ? `${target.name} IS NOT NULL` : null,
          },
        ],
      };
    case 1:
      if (!isIndexable(target.type)) return model;
      return {
        ...model,
        uniqueConstraints: [
          ...model.uniqueConstraints,
          { name: rng.chance(0.5) ? fresh(`uq_${model.name}_`) : null, columns: [target.name] },
        ],
      };
    case 2: {
      if (!isNumber(target.type) && !isText(target.type)) return model;
      const expression = isNumber(target.type) ? `${target.name} >= -100` : `length(${target.name}) < 1000`;
      // Unnamed checks cannot be dropped again on SQLite, so the generator names them.
      return {
        ...model,
        checkConstraints: [...model.checkConstraints, { name: fresh(`ck_${model.name}_`), expression }],
      };
    }
    default: {
      if (others.length === 0) return model;
      // A new integer column for the key, so keys are as common as the other constraints.
      const keyColumn = column(fresh('k'), t.integer());
      const parent = rng.pick(others);
      const key: ForeignKeyModel = {
        name: fresh(`fk_${model.name}_`),
        columns: [keyColumn.name],
        referencedTable: parent.name,
        referencedColumns: ['id'],
        onDelete: rng.pick([null, 'CASCADE'] as const),
        onUpdate: null,
      };
      return { ...model, columns: [...model.columns, keyColumn], foreignKeys: [...model.foreignKeys, key] };
    }
  }
}

function dropConstraint(rng: Random, model: TableModel): TableModel {
  const choices: (() => TableModel)[] = [];
  if (model.indexes.length > 0) choices.push(() => ({ ...model, indexes: model.indexes.slice(1) }));
  if (model.uniqueConstraints.length > 0) {
    choices.push(() => ({ ...model, uniqueConstraints: model.uniqueConstraints.slice(1) }));
  }
  if (model.checkConstraints.length > 0) {
    choices.push(() => ({ ...model, checkConstraints: model.checkConstraints.slice(1) }));
  }
  if (model.foreignKeys.length > 0)
    choices.push(() => ({ ...model, foreignKeys: model.foreignKeys.slice(1) }));
  return choices.length === 0 ? model : rng.pick(choices)();
}

export function randomSchema(seed: number, dialect: DialectName): SchemaModel {
  const rng = random(seed);
  const tables: TableModel[] = [];
  for (let index = 0; index < 3; index += 1) tables.push(randomTable(rng, dialect, tables));
  return schema(...tables);
}

export interface Edited {
  readonly model: SchemaModel;
  readonly renames: Rename[];
}

/** `edits` random edits of `model`: the schema in code a later revision must reach. */
export function randomEdits(seed: number, dialect: DialectName, model: SchemaModel, edits: number): Edited {
  const rng = random(seed);
  let tables = [...model.tables];
  const renames: Rename[] = [];
  const renamedTables = new Set<string>();
  const replace = (name: string, next: TableModel) => {
    tables = tables.map((candidate) => (candidate.name === name ? next : candidate));
  };
  for (let edit = 0; edit < edits; edit += 1) {
    const current = rng.pick(tables);
    const kind = rng.integer(10);
    if (kind === 0) {
      tables.push(randomTable(rng, dialect, tables));
    } else if (kind === 1 && tables.length > 2) {
      // Dropping a table drops the keys that reference it.
      tables = tables
        .filter((candidate) => candidate !== current)
        .map((candidate) => ({
          ...candidate,
          foreignKeys: candidate.foreignKeys.filter((key) => key.referencedTable !== current.name),
        }));
    } else if (kind === 2 && !renamedTables.has(current.name)) {
      const to = fresh('r');
      renames.push({ kind: 'table', from: current.name, to });
      renamedTables.add(to);
      tables = tables.map((candidate) => ({
        ...(candidate === current ? { ...candidate, name: to } : candidate),
        foreignKeys: candidate.foreignKeys.map((key) =>
          key.referencedTable === current.name ? { ...key, referencedTable: to } : key,
        ),
      }));
    } else if (kind === 3) {
      replace(current.name, { ...current, columns: [...current.columns, randomColumn(rng, dialect)] });
    } else if (kind === 4) {
      const free = freeColumns(current);
      if (free.length > 0) {
        const gone = rng.pick(free);
        replace(current.name, { ...current, columns: current.columns.filter((c) => c !== gone) });
      }
    } else if (kind === 5) {
      const free = freeColumns(current);
      // A column renamed in a table renamed in the same revision is named by the table's new name.
      if (free.length > 0 && !renames.some((r) => r.kind === 'column' && r.table === current.name)) {
        const old = rng.pick(free);
        const to = fresh('n');
        renames.push({ kind: 'column', table: current.name, from: old.name, to });
        replace(current.name, {
          ...current,
          columns: current.columns.map((c) => (c === old ? { ...c, name: to } : c)),
        });
      }
    } else if (kind === 6) {
      const candidates = freeColumns(current).filter((c) =>
        TYPE_CHANGES.some(([from]) => sameType(from, c.type)),
      );
      if (candidates.length > 0) {
        const changed = rng.pick(candidates);
        const [, to] = rng.pick(TYPE_CHANGES.filter(([from]) => sameType(from, changed.type)));
        const retyped = { ...changed, type: to, default: defaultFor(rng, dialect, to) };
        replace(current.name, {
          ...current,
          columns: current.columns.map((c) => (c === changed ? retyped : c)),
        });
      }
    } else if (kind === 7) {
      const candidates = current.columns.filter((c) => !current.primaryKey?.columns.includes(c.name));
      if (candidates.length > 0) {
        const changed = rng.pick(candidates);
        const next = rng.chance(0.5)
          ? { ...changed, nullable: !changed.nullable }
          : { ...changed, default: defaultFor(rng, dialect, changed.type) };
        replace(current.name, {
          ...current,
          columns: current.columns.map((c) => (c === changed ? next : c)),
        });
      }
    } else if (kind === 8) {
      replace(
        current.name,
        addConstraint(
          rng,
          dialect,
          current,
          tables.filter((c) => c !== current),
        ),
      );
    } else {
      replace(current.name, dropConstraint(rng, current));
    }
  }
  return { model: schema(...tables), renames: applicableRenames(renames, model.tables, tables) };
}

/**
 * The renames that name something the database has and the edited schema keeps: a table added
 * and renamed in one revision is simply added, and one renamed and dropped is dropped (a rename
 * that matches nothing is an error).
 */
function applicableRenames(
  renames: readonly Rename[],
  database: readonly TableModel[],
  code: readonly TableModel[],
): Rename[] {
  const databaseTables = new Map(database.map((table) => [table.name, table]));
  const codeTables = new Map(code.map((table) => [table.name, table]));
  const tableRenames = renames.filter(
    (rename) => rename.kind === 'table' && databaseTables.has(rename.from) && codeTables.has(rename.to),
  );
  const databaseName = (name: string) => tableRenames.find((rename) => rename.to === name)?.from ?? name;
  const codeName = (name: string) => tableRenames.find((rename) => rename.from === name)?.to ?? name;
  const has = (table: TableModel | undefined, column: string) =>
    table?.columns.some((candidate) => candidate.name === column) ?? false;
  const columnRenames = renames.filter(
    (rename) =>
      rename.kind === 'column' &&
      has(databaseTables.get(databaseName(rename.table)), rename.from) &&
      has(codeTables.get(codeName(rename.table)), rename.to),
  );
  return [...tableRenames, ...columnRenames];
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
