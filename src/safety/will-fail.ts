import type { DialectName } from '../dialect.js';
import type { StatementResult } from '../operations/context.js';
import { quoteIdentifier } from '../operations/ddl/sql-text.js';
import type { Inspector } from '../operations/inspect/types.js';
import type { ColumnSpec, IndexElement, TableSpec } from '../operations/types.js';
import type { RowProbe } from './classify.js';
import { describeCall, type OperationCall } from './operation-call.js';

/** An operation the live database will refuse, and what to do about it before upgrading. */
export interface WillFail {
  readonly operation: string;
  readonly reason: string;
  /** The fix: SQL to run before upgrading where one exists, else the change the revision needs. */
  readonly fix: string;
}

/** What the checks read from the live database. */
export interface LiveCatalog {
  readonly dialect: DialectName;
  readonly inspector: Inspector;
  readonly rows: RowProbe;
  /** Runs one read-only query (the duplicate and NULL probes). */
  readonly query: (sql: string) => Promise<StatementResult>;
}

type KeySets = string[][];

/**
 * Follows the pending revisions in order against the live catalog and data, and names the
 * operations the database will refuse: a foreign key to columns with no primary key or unique
 * constraint, a NOT NULL column without default added to a table with rows, NOT NULL set on a
 * column holding NULLs, a unique index or constraint over duplicate values. Tables created,
 * keyed or dropped by earlier pending revisions are taken into account; what the checks cannot
 * know (raw SQL, tables of unknown shape) is not guessed at.
 */
export class LiveFailureCheck {
  readonly #live: LiveCatalog;
  /** Tables the pending revisions create, with their key column sets. */
  readonly #created = new Map<string, KeySets>();
  /** Keys the pending revisions add to existing tables. */
  readonly #addedKeys = new Map<string, KeySets>();
  readonly #dropped = new Set<string>();
  /** Tables the pending revisions fill (bulkInsert), created ones included. */
  readonly #filled = new Set<string>();

  constructor(live: LiveCatalog) {
    this.#live = live;
  }

  /** The failures among one revision's operations; then records what they change for the next. */
  async check(calls: readonly OperationCall[]): Promise<WillFail[]> {
    const failures: WillFail[] = [];
    for (const call of calls) {
      const failure = await this.#checkCall(call);
      if (failure !== null) failures.push({ operation: describeCall(call), ...failure });
      this.#apply(call);
    }
    return failures;
  }

  async #checkCall(call: OperationCall): Promise<Omit<WillFail, 'operation'> | null> {
    switch (call.kind) {
      case 'createTable':
        for (const reference of tableReferences(call.definition ?? {})) {
          const failure = await this.#checkReference(reference);
          if (failure !== null) return failure;
        }
        return null;
      case 'addColumn': {
        const reference = columnReference(call.column);
        if (reference !== null) {
          const failure = await this.#checkReference({
            ...reference,
            name: `${call.table}.${call.column.name}`,
          });
          if (failure !== null) return failure;
        }
        return this.#checkNotNullColumn(call.table, call.column);
      }
      case 'createForeignKey':
        if (call.referencedColumns === undefined) return null;
        return this.#checkReference({
          name: call.name,
          table: call.referencedTable,
          columns: call.referencedColumns,
        });
      case 'createIndex':
        if (!call.unique || call.columns === undefined) return null;
        return this.#checkDuplicates(call.table, call.columns, call.where ?? null, call.name);
      case 'createUniqueConstraint':
      case 'createPrimaryKey':
        if (call.columns === undefined) return null;
        return this.#checkDuplicates(call.table, call.columns, null, call.name);
      case 'alterColumn':
        if (call.changes.nullable !== false || call.changes.existingNullable === false) return null;
        return this.#checkNulls(call.table, call.column);
      default:
        return null;
    }
  }

  #apply(call: OperationCall): void {
    switch (call.kind) {
      case 'createTable':
        this.#created.set(call.table, tableKeys(call.definition ?? {}, this.#live.dialect === 'mysql'));
        this.#dropped.delete(call.table);
        break;
      case 'dropTable':
        this.#created.delete(call.table);
        this.#dropped.add(call.table);
        break;
      case 'renameTable': {
        const keys = this.#created.get(call.table);
        if (keys !== undefined) this.#created.set(call.to, keys);
        this.#created.delete(call.table);
        this.#dropped.add(call.table);
        break;
      }
      case 'createPrimaryKey':
      case 'createUniqueConstraint':
      case 'createIndex':
        if (call.kind === 'createIndex' && call.where !== undefined) break;
        if (call.kind === 'createIndex' && !call.unique && this.#live.dialect !== 'mysql') break;
        if (call.columns === undefined || !call.columns.every((column) => typeof column === 'string')) break;
        this.#keysOf(call.table).push([...(call.columns as string[])]);
        break;
      case 'bulkInsert':
        if (call.rows > 0) this.#filled.add(call.table);
        break;
      default:
        break;
    }
  }

  #keysOf(table: string): KeySets {
    const created = this.#created.get(table);
    if (created !== undefined) return created;
    let added = this.#addedKeys.get(table);
    if (added === undefined) {
      added = [];
      this.#addedKeys.set(table, added);
    }
    return added;
  }

  /** Whether the table exists in the live database and no pending revision dropped or created it. */
  async #isLive(table: string): Promise<boolean> {
    if (this.#created.has(table) || this.#dropped.has(table)) return false;
    return this.#live.inspector.hasTable(table);
  }

  async #checkReference(reference: Reference): Promise<Omit<WillFail, 'operation'> | null> {
    const { table, columns } = reference;
    const created = this.#created.get(table);
    const live = created === undefined && (await this.#isLive(table));
    if (created === undefined && !live) return null;
    const keys: KeySets = created ?? [
      ...(await this.#liveKeys(table)),
      ...(this.#addedKeys.get(table) ?? []),
    ];
    if (keys.some((key) => this.#keyServes(key, columns))) return null;
    const target = `${table}(${columns.join(', ')})`;
    const reason = {
      mysql: `the foreign key ${reference.name} references ${target}, which no index of ${table} starts with: MySQL/MariaDB refuse it (errno 1005/1822)`,
      postgresql: `the foreign key ${reference.name} references ${target}, which has no primary key or unique constraint: PostgreSQL refuses it (InvalidForeignKey: there is no unique constraint matching given keys for referenced table "${table}")`,
      sqlite: `the foreign key ${reference.name} references ${target}, which has no primary key or unique index: SQLite refuses it (foreign key mismatch)`,
    }[this.#live.dialect];
    if (!live) {
      return {
        reason,
        fix: `give ${table} a primary key or unique constraint on (${columns.join(', ')}) in the revision that creates it`,
      };
    }
    return { reason, fix: await this.#keyFix(table, columns) };
  }

  /** PostgreSQL needs a unique key on exactly those columns; MySQL/MariaDB any index starting with them. */
  #keyServes(key: readonly string[], columns: readonly string[]): boolean {
    if (this.#live.dialect === 'mysql') return columns.every((column, index) => key[index] === column);
    return key.length === columns.length && columns.every((column) => key.includes(column));
  }

  async #liveKeys(table: string): Promise<KeySets> {
    const { inspector } = this.#live;
    const primaryKey = await inspector.getPrimaryKey(table);
    const keys: KeySets = primaryKey.columns.length > 0 ? [[...primaryKey.columns]] : [];
    for (const unique of await inspector.getUniqueConstraints(table)) keys.push([...unique.columns]);
    for (const index of await inspector.getIndexes(table)) {
      const plain = index.where === null && index.columns.every((column) => column !== null);
      if (plain && (index.unique || this.#live.dialect === 'mysql')) keys.push(index.columns as string[]);
    }
    return keys;
  }

  /**
   * The key to add before upgrading: the primary key when the table has none, else a unique
   * constraint; on SQLite, which cannot add either to a table, a unique index.
   */
  async #keyFix(table: string, columns: readonly string[]): Promise<string> {
    const q = (name: string) => quoteIdentifier(this.#live.dialect, name);
    const list = columns.map(q).join(', ');
    const name = q(`${table}_${columns.join('_')}_key`);
    if (this.#live.dialect === 'sqlite') return `CREATE UNIQUE INDEX ${name} ON ${q(table)} (${list});`;
    const primaryKey = await this.#live.inspector.getPrimaryKey(table);
    if (primaryKey.columns.length === 0) return `ALTER TABLE ${q(table)} ADD PRIMARY KEY (${list});`;
    return `ALTER TABLE ${q(table)} ADD CONSTRAINT ${name} UNIQUE (${list});`;
  }

  async #checkNotNullColumn(table: string, column: ColumnSpec): Promise<Omit<WillFail, 'operation'> | null> {
    // MySQL/MariaDB fill a new NOT NULL column with its type's implicit default instead of refusing.
    if (this.#live.dialect === 'mysql') return null;
    if (column.nullable !== false || column.default !== undefined || column.primaryKey === true) return null;
    if (!(await this.#hasRows(table))) return null;
    return {
      reason: `adds NOT NULL column ${table}.${column.name} without a default to ${table}, which has rows: the database refuses it`,
      fix:
        `change the revision: give ${column.name} a server default, or add it nullable, fill it, then alter it to NOT NULL ` +
        `(no SQL run before upgrading can help: the column does not exist yet)`,
    };
  }

  async #hasRows(table: string): Promise<boolean> {
    if (this.#filled.has(table)) return true;
    if (!(await this.#isLive(table))) return false;
    return (await this.#live.rows(table)) === 'rows';
  }

  async #checkNulls(table: string, column: string): Promise<Omit<WillFail, 'operation'> | null> {
    if (!(await this.#isLive(table))) return null;
    const q = (name: string) => quoteIdentifier(this.#live.dialect, name);
    const found = await this.#probe(`SELECT 1 AS found FROM ${q(table)} WHERE ${q(column)} IS NULL LIMIT 1`);
    if (!found) return null;
    return {
      reason: `sets ${table}.${column} NOT NULL, but rows of ${table} hold NULL there: the database refuses it`,
      fix: `UPDATE ${q(table)} SET ${q(column)} = <value> WHERE ${q(column)} IS NULL;  -- or delete those rows`,
    };
  }

  async #checkDuplicates(
    table: string,
    elements: readonly IndexElement[],
    where: string | null,
    name: string,
  ): Promise<Omit<WillFail, 'operation'> | null> {
    if (!(await this.#isLive(table))) return null;
    const q = (identifier: string) => quoteIdentifier(this.#live.dialect, identifier);
    const terms = elements.map((element) => (typeof element === 'string' ? q(element) : element.sql));
    // NULLs never collide in a unique index; a partial index only covers its condition.
    const conditions = [
      ...terms.map((term) => `${term} IS NOT NULL`),
      ...(where === null ? [] : [`(${where})`]),
    ];
    const from = `FROM ${q(table)} WHERE ${conditions.join(' AND ')} GROUP BY ${terms.join(', ')} HAVING COUNT(*) > 1`;
    if (!(await this.#probe(`SELECT 1 AS found ${from} LIMIT 1`))) return null;
    return {
      reason: `${name} makes (${terms.join(', ')}) unique in ${table}, but rows of ${table} share values there: the database refuses it`,
      fix: `SELECT ${terms.join(', ')}, COUNT(*) AS copies ${from};  -- merge or delete these duplicates before upgrading`,
    };
  }

  /**
   * Whether a probe query finds a row. A probe the database cannot run (a column an earlier
   * pending revision adds, an expression of another dialect) proves nothing: no finding.
   */
  async #probe(sql: string): Promise<boolean> {
    try {
      return (await this.#live.query(sql)).rows.length > 0;
    } catch {
      return false;
    }
  }
}

interface Reference {
  /** The foreign key's name, or the column it is declared on. */
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

function columnReference(column: ColumnSpec): Omit<Reference, 'name'> | null {
  const reference = column.references;
  if (reference === undefined) return null;
  return { table: reference.table, columns: [reference.column] };
}

/** The foreign keys a createTable declares, on columns and at table level. */
function tableReferences(definition: Partial<Omit<TableSpec, 'name'>>): Reference[] {
  const references: Reference[] = [];
  for (const column of definition.columns ?? []) {
    const reference = columnReference(column);
    if (reference !== null) references.push({ ...reference, name: column.references?.name ?? column.name });
  }
  for (const key of definition.foreignKeys ?? []) {
    references.push({
      name: key.name ?? key.columns.join(', '),
      table: key.referencedTable,
      columns: key.referencedColumns,
    });
  }
  return references;
}

/**
 * The key column sets a createTable declares: primary key, unique columns, constraints and unique
 * indexes; with `anyIndex` (MySQL/MariaDB, where any index can back a foreign key) every index.
 */
function tableKeys(definition: Partial<Omit<TableSpec, 'name'>>, anyIndex: boolean): KeySets {
  const columns = definition.columns ?? [];
  const keys: KeySets = [];
  const primary = definition.primaryKey?.columns ?? columns.filter((c) => c.primaryKey).map((c) => c.name);
  if (primary.length > 0) keys.push([...primary]);
  for (const column of columns) {
    if (column.unique === true || (anyIndex && column.index === true)) keys.push([column.name]);
  }
  for (const unique of definition.uniqueConstraints ?? []) keys.push([...unique.columns]);
  for (const index of definition.indexes ?? []) {
    const plain = index.where === undefined && index.columns.every((column) => typeof column === 'string');
    if (plain && (index.unique === true || anyIndex)) {
      keys.push([...(index.columns as string[])]);
    }
  }
  return keys;
}
