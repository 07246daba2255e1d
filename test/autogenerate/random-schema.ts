/**
 * Random schemas and random changes to them, for the autogenerate property test. A schema here is
 * plain data that renders to a schema module (TypeScript using ambix's schema API); each change
 * keeps it valid on the dialect it is generated for (MySQL cannot index TEXT, has no partial or
 * expression indexes; SQLite has no comments), so any failure is autogenerate's, not the input's.
 */
import type { DialectName } from '../../src/dialect.js';

export type ColumnKind =
  | 'integer'
  | 'bigint'
  | 'string'
  | 'text'
  | 'boolean'
  | 'timestamp'
  | 'date'
  | 'numeric';

export type DefaultValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'now' };

export interface GenColumn {
  name: string;
  kind: ColumnKind;
  length?: number;
  nullable: boolean;
  default?: DefaultValue;
  comment?: string;
}

export interface GenIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** `lower(<column>)` as the only element (PostgreSQL, SQLite). */
  lowerOf?: string;
  /** `<column> IS NOT NULL` (PostgreSQL, SQLite). */
  whereNotNull?: string;
}

export interface GenTable {
  name: string;
  /** The first column is always `id`, the integer primary key. */
  columns: GenColumn[];
  indexes: GenIndex[];
  uniques: { name: string; columns: string[] }[];
  foreignKeys: { name: string; column: string; table: string; onDelete?: 'CASCADE' | 'SET NULL' }[];
  checks: { name: string; column: string; minimum: number }[];
}

export interface GenSchema {
  tables: GenTable[];
}

/** What one step did: the renames autogenerate must be told about, and a line per change. */
export interface StepChanges {
  readonly renames: string[];
  readonly described: string[];
}

/** mulberry32: small, seedable, good enough to pick test cases. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SchemaMutator {
  private counter = 0;

  constructor(
    private readonly random: () => number,
    private readonly dialect: DialectName,
  ) {}

  private pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private nextName(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** Applies `count` random changes to a copy of `schema`. */
  mutate(schema: GenSchema, count: number): { schema: GenSchema; changes: StepChanges } {
    const next = structuredClone(schema);
    const renames: string[] = [];
    const described: string[] = [];
    for (let done = 0; done < count; ) {
      const change = this.pick(this.applicable(next));
      const result = change(next);
      if (result === null) continue;
      described.push(result.description);
      if (result.rename !== undefined) renames.push(result.rename);
      done += 1;
    }
    return { schema: next, changes: { renames: applicableRenames(renames, schema, next), described } };
  }

  private applicable(schema: GenSchema): ((s: GenSchema) => Change | null)[] {
    const changes: ((s: GenSchema) => Change | null)[] = [(s) => this.addTable(s)];
    if (schema.tables.length === 0) return changes;
    changes.push(
      (s) => this.addColumn(s),
      (s) => this.addColumn(s),
      (s) => this.dropColumn(s),
      (s) => this.renameColumn(s),
      (s) => this.alterType(s),
      (s) => this.alterNullable(s),
      (s) => this.alterDefault(s),
      (s) => this.addIndex(s),
      (s) => this.dropIndex(s),
      (s) => this.addUnique(s),
      (s) => this.dropUnique(s),
      (s) => this.addForeignKey(s),
      (s) => this.dropForeignKey(s),
      (s) => this.addCheck(s),
      (s) => this.dropCheck(s),
    );
    if (this.dialect !== 'sqlite') changes.push((s) => this.alterComment(s));
    if (schema.tables.length > 2)
      changes.push(
        (s) => this.dropTable(s),
        (s) => this.renameTable(s),
      );
    return changes;
  }

  private newColumn(table: GenTable): GenColumn {
    const kind = this.pick<ColumnKind>([
      'integer',
      'bigint',
      'string',
      'string',
      'text',
      'boolean',
      'timestamp',
      'date',
      'numeric',
    ]);
    const column: GenColumn = { name: this.nextName(`${table.name}_c`), kind, nullable: this.chance(0.6) };
    if (kind === 'string') column.length = this.pick([20, 50, 100]);
    if (this.chance(0.4)) {
      const value = this.defaultFor(column);
      if (value !== undefined) column.default = value;
    }
    return column;
  }

  private defaultFor(column: GenColumn): DefaultValue | undefined {
    switch (column.kind) {
      case 'integer':
      case 'bigint':
        return { kind: 'number', value: Math.floor(this.random() * 100) };
      case 'string':
        return { kind: 'string', value: this.pick(['a', 'draft', "it's", 'x y']) };
      case 'boolean':
        return { kind: 'boolean', value: this.chance(0.5) };
      case 'timestamp':
        return { kind: 'now' };
      default:
        return undefined;
    }
  }

  private addTable(schema: GenSchema): Change {
    const table: GenTable = {
      name: this.nextName('t'),
      columns: [{ name: 'id', kind: 'integer', nullable: false }],
      indexes: [],
      uniques: [],
      foreignKeys: [],
      checks: [],
    };
    const columns = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < columns; i += 1) table.columns.push(this.newColumn(table));
    if (schema.tables.length > 0 && this.chance(0.5)) {
      const target = this.pick(schema.tables);
      const column = this.nextName(`${table.name}_ref`);
      table.columns.push({ name: column, kind: 'integer', nullable: true });
      table.foreignKeys.push({ name: this.nextName('fk'), column, table: target.name, onDelete: 'CASCADE' });
    }
    schema.tables.push(table);
    return { description: `add table ${table.name}` };
  }

  private dropTable(schema: GenSchema): Change {
    const table = this.pick(schema.tables);
    schema.tables = schema.tables.filter((other) => other !== table);
    for (const other of schema.tables) {
      other.foreignKeys = other.foreignKeys.filter((key) => key.table !== table.name);
    }
    return { description: `drop table ${table.name}` };
  }

  private renameTable(schema: GenSchema): Change {
    const table = this.pick(schema.tables);
    const to = this.nextName('t');
    for (const other of schema.tables) {
      for (const key of other.foreignKeys) if (key.table === table.name) key.table = to;
    }
    const from = table.name;
    table.name = to;
    return { description: `rename table ${from} to ${to}`, rename: `${from}:${to}` };
  }

  private addColumn(schema: GenSchema): Change {
    const table = this.pick(schema.tables);
    const column = this.newColumn(table);
    table.columns.push(column);
    return { description: `add column ${table.name}.${column.name}` };
  }

  /** Columns no index, constraint or key mentions: free to drop, retype or rename. */
  private freeColumns(table: GenTable): GenColumn[] {
    const used = new Set<string>(['id']);
    for (const index of table.indexes) {
      for (const column of index.columns) used.add(column);
      if (index.lowerOf !== undefined) used.add(index.lowerOf);
      if (index.whereNotNull !== undefined) used.add(index.whereNotNull);
    }
    for (const unique of table.uniques) for (const column of unique.columns) used.add(column);
    for (const key of table.foreignKeys) used.add(key.column);
    for (const check of table.checks) used.add(check.column);
    return table.columns.filter((column) => !used.has(column.name));
  }

  private withFreeColumn(
    schema: GenSchema,
    work: (table: GenTable, column: GenColumn) => Change | null,
  ): Change | null {
    const candidates = schema.tables.flatMap((table) =>
      this.freeColumns(table).map((column) => ({ table, column })),
    );
    if (candidates.length === 0) return null;
    const { table, column } = this.pick(candidates);
    return work(table, column);
  }

  private dropColumn(schema: GenSchema): Change | null {
    return this.withFreeColumn(schema, (table, column) => {
      table.columns = table.columns.filter((other) => other !== column);
      return { description: `drop column ${table.name}.${column.name}` };
    });
  }

  private renameColumn(schema: GenSchema): Change | null {
    return this.withFreeColumn(schema, (table, column) => {
      const from = column.name;
      column.name = this.nextName(`${table.name}_c`);
      return {
        description: `rename column ${table.name}.${from} to ${column.name}`,
        rename: `${table.name}.${from}:${table.name}.${column.name}`,
      };
    });
  }

  private alterType(schema: GenSchema): Change | null {
    return this.withFreeColumn(schema, (table, column) => {
      const before = column.length === undefined ? column.kind : `${column.kind}(${column.length})`;
      if (column.kind === 'string') {
        if (this.chance(0.3)) {
          column.kind = 'text';
          delete column.length;
          delete column.default;
        } else column.length = column.length === 200 ? 40 : 200;
      } else if (column.kind === 'integer') column.kind = 'bigint';
      else if (column.kind === 'bigint') column.kind = 'integer';
      else return null;
      const after = column.length === undefined ? column.kind : `${column.kind}(${column.length})`;
      return { description: `retype ${table.name}.${column.name} ${before} -> ${after}` };
    });
  }

  private anyColumn(schema: GenSchema): { table: GenTable; column: GenColumn } | null {
    const candidates = schema.tables.flatMap((table) =>
      table.columns.filter((column) => column.name !== 'id').map((column) => ({ table, column })),
    );
    return candidates.length === 0 ? null : this.pick(candidates);
  }

  private alterNullable(schema: GenSchema): Change | null {
    const found = this.anyColumn(schema);
    if (found === null) return null;
    const { table, column } = found;
    // A SET NULL key needs a nullable column.
    if (table.foreignKeys.some((key) => key.column === column.name)) return null;
    column.nullable = !column.nullable;
    return { description: `${table.name}.${column.name} ${column.nullable ? 'NULL' : 'NOT NULL'}` };
  }

  private alterDefault(schema: GenSchema): Change | null {
    const found = this.anyColumn(schema);
    if (found === null) return null;
    const { table, column } = found;
    if (table.foreignKeys.some((key) => key.column === column.name)) return null;
    if (column.default !== undefined && this.chance(0.4)) {
      delete column.default;
      return { description: `drop default of ${table.name}.${column.name}` };
    }
    const value = this.defaultFor(column);
    if (value === undefined || JSON.stringify(value) === JSON.stringify(column.default)) return null;
    column.default = value;
    return { description: `default of ${table.name}.${column.name} = ${JSON.stringify(value)}` };
  }

  private alterComment(schema: GenSchema): Change | null {
    const found = this.anyColumn(schema);
    if (found === null) return null;
    const { table, column } = found;
    if (column.comment !== undefined && this.chance(0.4)) delete column.comment;
    else column.comment = this.pick(['the owner', "what it's for", 'note: kept']);
    return { description: `comment on ${table.name}.${column.name}` };
  }

  /** Columns an index or unique constraint may cover on this dialect. */
  private indexable(table: GenTable): GenColumn[] {
    const keys = new Set(table.foreignKeys.map((key) => key.column));
    return table.columns.filter(
      (column) => column.name !== 'id' && !keys.has(column.name) && column.kind !== 'text',
    );
  }

  private addIndex(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    const columns = this.indexable(table);
    if (columns.length === 0) return null;
    const column = this.pick(columns);
    const index: GenIndex = { name: this.nextName('ix'), columns: [column.name], unique: this.chance(0.3) };
    const expressions = this.dialect !== 'mysql';
    if (expressions && column.kind === 'string' && this.chance(0.3)) {
      index.columns = [];
      index.lowerOf = column.name;
    } else if (expressions && this.chance(0.3)) {
      index.whereNotNull = column.name;
    } else if (columns.length > 1 && this.chance(0.3)) {
      const second = this.pick(columns.filter((other) => other !== column));
      index.columns.push(second.name);
    }
    table.indexes.push(index);
    return { description: `add index ${index.name} on ${table.name}` };
  }

  private dropIndex(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    if (table.indexes.length === 0) return null;
    const index = this.pick(table.indexes);
    table.indexes = table.indexes.filter((other) => other !== index);
    return { description: `drop index ${index.name}` };
  }

  private addUnique(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    const columns = this.indexable(table);
    if (columns.length === 0) return null;
    const unique = { name: this.nextName('uq'), columns: [this.pick(columns).name] };
    table.uniques.push(unique);
    return { description: `add unique ${unique.name} on ${table.name}` };
  }

  private dropUnique(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    if (table.uniques.length === 0) return null;
    const unique = this.pick(table.uniques);
    table.uniques = table.uniques.filter((other) => other !== unique);
    return { description: `drop unique ${unique.name}` };
  }

  private addForeignKey(schema: GenSchema): Change {
    const table = this.pick(schema.tables);
    const target = this.pick(schema.tables);
    const column = this.nextName(`${table.name}_ref`);
    table.columns.push({ name: column, kind: 'integer', nullable: true });
    const onDelete = this.pick([undefined, 'CASCADE', 'SET NULL'] as const);
    table.foreignKeys.push({
      name: this.nextName('fk'),
      column,
      table: target.name,
      ...(onDelete === undefined ? {} : { onDelete }),
    });
    return { description: `add column ${table.name}.${column} referencing ${target.name}` };
  }

  private dropForeignKey(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    if (table.foreignKeys.length === 0) return null;
    const key = this.pick(table.foreignKeys);
    table.foreignKeys = table.foreignKeys.filter((other) => other !== key);
    return { description: `drop foreign key ${key.name}` };
  }

  private addCheck(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    // MariaDB refuses a CHECK on a column whose foreign key has an ON DELETE action.
    const keys = new Set(table.foreignKeys.map((key) => key.column));
    const numbers = table.columns.filter(
      (column) =>
        column.name !== 'id' &&
        !keys.has(column.name) &&
        (column.kind === 'integer' || column.kind === 'bigint'),
    );
    if (numbers.length === 0) return null;
    const column = this.pick(numbers);
    const check = {
      name: this.nextName('ck'),
      column: column.name,
      minimum: Math.floor(this.random() * 10) - 5,
    };
    // A default must satisfy the check, or the table could not hold a row with it.
    if (column.default?.kind === 'number' && column.default.value < check.minimum) return null;
    table.checks.push(check);
    return { description: `add check ${check.name} on ${table.name}` };
  }

  private dropCheck(schema: GenSchema): Change | null {
    const table = this.pick(schema.tables);
    if (table.checks.length === 0) return null;
    const check = this.pick(table.checks);
    table.checks = table.checks.filter((other) => other !== check);
    return { description: `drop check ${check.name}` };
  }
}

interface Change {
  readonly description: string;
  readonly rename?: string;
}

/** The schema module's source: `export default defineSchema({...})`. */
export function renderSchemaModule(schema: GenSchema): string {
  const tables = schema.tables.map(renderTable).join('\n');
  return (
    "import { check, column, defineSchema, foreignKey, index, now, sql, table, unique } from 'ambix';\n\n" +
    `export default defineSchema({\n${tables}\n});\n`
  );
}

function renderTable(table: GenTable): string {
  const columns = table.columns.map((column) => `    ${column.name}: ${renderColumn(column)},`).join('\n');
  const options: string[] = [];
  if (table.indexes.length > 0) options.push(`indexes: [${table.indexes.map(renderIndex).join(', ')}]`);
  if (table.uniques.length > 0) {
    options.push(
      `uniques: [${table.uniques.map((u) => `unique('${u.name}', ${JSON.stringify(u.columns)})`).join(', ')}]`,
    );
  }
  if (table.foreignKeys.length > 0) {
    const keys = table.foreignKeys.map(
      (key) =>
        `foreignKey(['${key.column}'], '${key.table}', ['id'], { name: '${key.name}'${key.onDelete === undefined ? '' : `, onDelete: '${key.onDelete}'`} })`,
    );
    options.push(`foreignKeys: [${keys.join(', ')}]`);
  }
  if (table.checks.length > 0) {
    options.push(
      `checks: [${table.checks.map((c) => `check('${c.name}', '${c.column} >= ${c.minimum}')`).join(', ')}]`,
    );
  }
  const tail = options.length === 0 ? '' : `, {\n    ${options.join(',\n    ')},\n  }`;
  return `  ${table.name}: table({\n${columns}\n  }${tail}),`;
}

function renderColumn(column: GenColumn): string {
  if (column.name === 'id') return 'column.integer().primaryKey()';
  let code = `column.${column.kind}(${column.length ?? ''})`;
  if (!column.nullable) code += '.notNull()';
  if (column.default !== undefined) code += `.default(${renderDefault(column.default)})`;
  if (column.comment !== undefined) code += `.comment(${JSON.stringify(column.comment)})`;
  return code;
}

function renderDefault(value: DefaultValue): string {
  switch (value.kind) {
    case 'now':
      return 'now()';
    case 'string':
      return JSON.stringify(value.value);
    default:
      return String(value.value);
  }
}

function renderIndex(index: GenIndex): string {
  const elements =
    index.lowerOf !== undefined ? `[sql\`lower(${index.lowerOf})\`]` : JSON.stringify(index.columns);
  const options = [
    ...(index.unique ? ['unique: true'] : []),
    ...(index.whereNotNull === undefined ? [] : [`where: '${index.whereNotNull} IS NOT NULL'`]),
  ];
  return `index('${index.name}', ${elements}${options.length === 0 ? '' : `, { ${options.join(', ')} }`})`;
}

/**
 * The `--rename` texts that name something the database has and the new schema keeps: a table
 * added and renamed in one step is simply added, one renamed and dropped is dropped (a rename
 * that matches nothing is an error).
 */
function applicableRenames(renames: readonly string[], before: GenSchema, after: GenSchema): string[] {
  const tableOf = (schema: GenSchema, name: string) => schema.tables.find((table) => table.name === name);
  const has = (table: GenTable | undefined, column: string) =>
    table?.columns.some((candidate) => candidate.name === column) ?? false;
  const tableRenames = renames
    .filter((rename) => !rename.includes('.'))
    .map((rename) => rename.split(':') as [string, string])
    .filter(([from, to]) => tableOf(before, from) !== undefined && tableOf(after, to) !== undefined);
  const oldName = (name: string) => tableRenames.find(([, to]) => to === name)?.[0] ?? name;
  const newName = (name: string) => tableRenames.find(([from]) => from === name)?.[1] ?? name;
  const columnRenames = renames.filter((rename) => {
    if (!rename.includes('.')) return false;
    const [from, to] = rename.split(':') as [string, string];
    const [table, oldColumn] = from.split('.') as [string, string];
    const newColumn = to.split('.')[1]!;
    return has(tableOf(before, oldName(table)), oldColumn) && has(tableOf(after, newName(table)), newColumn);
  });
  return [...tableRenames.map(([from, to]) => `${from}:${to}`), ...columnRenames];
}
