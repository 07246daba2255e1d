/**
 * MySQL/MariaDB: six information_schema queries over every table of the connection's database
 * (tables, columns, index members, foreign-key columns and actions, checks), whatever the number
 * of tables.
 *
 * On MySQL a unique index is a unique constraint (there is no other kind), so unique indexes on
 * plain columns are reported as unique constraints; and InnoDB adds an index for a foreign key
 * that has none, which belongs to the key and is not reported.
 */
import { referentialAction } from '../../operations/inspect/mysql.js';
import type { IndexElement } from '../../operations/types.js';
import type {
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueConstraintModel,
} from '../model.js';
import { mysqlColumnType } from './column-types.js';
import type { CatalogRow } from './connection.js';
import { mysqlDefault } from './defaults.js';
import type { IntrospectionDialect } from './dialect.js';
import { groupBy, nullableText, text } from './rows.js';

export function mysqlQueries(mariadb: boolean) {
  return {
    tables: `select TABLE_NAME as name, TABLE_COMMENT as comment from information_schema.TABLES
      where TABLE_SCHEMA = database() and TABLE_TYPE = 'BASE TABLE'`,
    columns: `select TABLE_NAME as table_name, COLUMN_NAME as name, COLUMN_TYPE as type,
        IS_NULLABLE as nullable, COLUMN_DEFAULT as default_sql, EXTRA as extra, COLUMN_COMMENT as comment
      from information_schema.COLUMNS where TABLE_SCHEMA = database()
      order by TABLE_NAME, ORDINAL_POSITION`,
    // MariaDB has no functional indexes, and no EXPRESSION column.
    indexes: `select TABLE_NAME as table_name, INDEX_NAME as index_name, NON_UNIQUE as non_unique,
        COLUMN_NAME as column_name ${mariadb ? '' : ', EXPRESSION as expression'}
      from information_schema.STATISTICS where TABLE_SCHEMA = database()
      order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
    // Key columns and their actions come apart and are joined here: joining the two views in
    // SQL makes the server rebuild one of them per row (0.25 s for 1,000 keys on MariaDB 10.11).
    foreignKeyColumns: `select TABLE_NAME as table_name, CONSTRAINT_NAME as name, COLUMN_NAME as column_name,
        REFERENCED_TABLE_NAME as referenced_table, REFERENCED_COLUMN_NAME as referenced_column
      from information_schema.KEY_COLUMN_USAGE
      where TABLE_SCHEMA = database() and REFERENCED_TABLE_NAME is not null
      order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
    foreignKeyActions: `select TABLE_NAME as table_name, CONSTRAINT_NAME as name,
        DELETE_RULE as on_delete, UPDATE_RULE as on_update
      from information_schema.REFERENTIAL_CONSTRAINTS where CONSTRAINT_SCHEMA = database()`,
    // MariaDB scopes check names to their table, so its join needs the table too; MySQL 8's
    // CHECK_CONSTRAINTS has no TABLE_NAME column.
    checks: `select tc.TABLE_NAME as table_name, tc.CONSTRAINT_NAME as name, cc.CHECK_CLAUSE as clause
      from information_schema.TABLE_CONSTRAINTS tc
        join information_schema.CHECK_CONSTRAINTS cc
          on cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
          ${mariadb ? 'and cc.TABLE_NAME = tc.TABLE_NAME' : ''}
      where tc.TABLE_SCHEMA = database() and tc.CONSTRAINT_TYPE = 'CHECK'`,
  } as const;
}

export function mysqlIntrospection(mariadb: boolean): IntrospectionDialect {
  const queries = mysqlQueries(mariadb);
  return {
    async readTables(query, keep) {
      const tableRows = await query(queries.tables);
      const columnRows = await query(queries.columns);
      const indexRows = await query(queries.indexes);
      const foreignKeyRows = await query(queries.foreignKeyColumns);
      const actionRows = await query(queries.foreignKeyActions);
      const checkRows = await query(queries.checks);
      const columnsByTable = groupBy(columnRows, 'table_name');
      const indexesByTable = groupBy(indexRows, 'table_name');
      const foreignKeysByTable = groupBy(foreignKeyRows, 'table_name');
      const actions = new Map(actionRows.map((row) => [`${text(row.table_name)}.${text(row.name)}`, row]));
      const checksByTable = groupBy(checkRows, 'table_name');

      const tables: TableModel[] = [];
      for (const row of tableRows) {
        const name = text(row.name);
        if (!keep(name)) continue;
        const checks = checksByTable.get(name) ?? [];
        const tableColumns = columnsByTable.get(name) ?? [];
        const json = mariadb ? mariadbJsonColumns(tableColumns, checks) : new Set<string>();
        const foreignKeys = foreignKeyList(foreignKeysByTable.get(name) ?? [], (key) =>
          actions.get(`${name}.${key}`),
        );
        const keys = indexList(indexesByTable.get(name) ?? [], foreignKeys);
        const comment = text(row.comment ?? '');
        tables.push({
          name,
          columns: tableColumns.map((column) => columnModel(column, json, mariadb)),
          primaryKey: keys.primaryKey,
          uniqueConstraints: keys.uniqueConstraints,
          foreignKeys,
          indexes: keys.indexes,
          checkConstraints: checks
            .filter((check) => !(json.has(text(check.name)) && isJsonCheck(check)))
            .map((check) => ({ name: text(check.name), expression: text(check.clause) })),
          comment: comment === '' ? null : comment,
        });
      }
      return tables;
    },
  };
}

/** MariaDB's JSON is a LONGTEXT guarded by `json_valid(col)`, a check named after the column. */
function isJsonCheck(check: CatalogRow): boolean {
  return text(check.clause) === `json_valid(\`${text(check.name)}\`)`;
}

/** Columns that are MariaDB's JSON: their check belongs to the type and is not reported. */
function mariadbJsonColumns(columns: readonly CatalogRow[], checks: readonly CatalogRow[]): Set<string> {
  const longtext = new Set(
    columns.filter((column) => /^longtext$/i.test(text(column.type))).map((column) => text(column.name)),
  );
  return new Set(
    checks
      .filter((check) => isJsonCheck(check) && longtext.has(text(check.name)))
      .map((check) => text(check.name)),
  );
}

function columnModel(row: CatalogRow, json: ReadonlySet<string>, mariadb: boolean): ColumnModel {
  const name = text(row.name);
  const columnType = text(row.type);
  const type = mysqlColumnType(columnType, json.has(name));
  const extra = text(row.extra ?? '');
  const comment = text(row.comment ?? '');
  return {
    name,
    type,
    nullable: text(row.nullable) === 'YES',
    default: mysqlDefault(nullableText(row.default_sql), extra, type, mariadb),
    autoincrement: /auto_increment/i.test(extra),
    comment: comment === '' ? null : comment,
  };
}

function foreignKeyList(
  rows: readonly CatalogRow[],
  actionsOf: (key: string) => CatalogRow | undefined,
): ForeignKeyModel[] {
  return [...groupBy(rows, 'name')].map(([name, members]) => ({
    name,
    columns: members.map((member) => text(member.column_name)),
    referencedTable: text(members[0]!.referenced_table),
    referencedColumns: members.map((member) => text(member.referenced_column)),
    onDelete: referentialAction(actionsOf(name)?.on_delete),
    onUpdate: referentialAction(actionsOf(name)?.on_update),
  }));
}

interface IndexLists {
  readonly primaryKey: PrimaryKeyModel | null;
  readonly uniqueConstraints: UniqueConstraintModel[];
  readonly indexes: IndexModel[];
}

function indexList(rows: readonly CatalogRow[], foreignKeys: readonly ForeignKeyModel[]): IndexLists {
  let primaryKey: PrimaryKeyModel | null = null;
  const uniqueConstraints: UniqueConstraintModel[] = [];
  const indexes: IndexModel[] = [];
  for (const [name, members] of groupBy(rows, 'index_name')) {
    const unique = Number(members[0]!.non_unique) === 0;
    const columns = members.map(
      (member): IndexElement =>
        member.column_name === null || member.column_name === undefined
          ? { kind: 'sql', sql: text(member.expression) }
          : text(member.column_name),
    );
    const plainColumns = columns.filter((column): column is string => typeof column === 'string');
    if (name === 'PRIMARY') {
      primaryKey = { name, columns: plainColumns };
    } else if (unique && plainColumns.length === columns.length) {
      uniqueConstraints.push({ name, columns: plainColumns });
    } else if (!unique && backsForeignKey(name, plainColumns, foreignKeys)) {
      // InnoDB's own index for a foreign key: it goes with the key.
    } else {
      indexes.push({ name, columns, unique, where: null });
    }
  }
  return { primaryKey, uniqueConstraints, indexes };
}

/**
 * InnoDB names the index it creates for a foreign key after the constraint, or, for a key it
 * named itself (`<table>_ibfk_<n>`), after the key's first column.
 */
function backsForeignKey(index: string, columns: readonly string[], foreignKeys: readonly ForeignKeyModel[]) {
  return foreignKeys.some(
    (key) =>
      (index === key.name || (/_ibfk_\d+$/.test(key.name ?? '') && index === key.columns[0])) &&
      key.columns.length === columns.length &&
      key.columns.every((column, at) => column === columns[at]),
  );
}
