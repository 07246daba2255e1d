/**
 * SQLite: four queries, each joining `sqlite_master` with a pragma table-valued function so that
 * one statement covers every table. Constraint names, CHECK texts and index expressions live only
 * in the stored DDL, which `operations/inspect/sqlite-sql.ts` parses.
 */

import { canonicalNames, sqliteForeignKeys } from '../../operations/inspect/sqlite-foreign-keys.js';
import { type ParsedTable, parseCreateIndex, parseCreateTable } from '../../operations/inspect/sqlite-sql.js';
import type { IndexElement } from '../../operations/types.js';
import type {
  CheckConstraintModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  TableModel,
  UniqueConstraintModel,
} from '../model.js';
import { sqliteColumnType } from './column-types.js';
import type { CatalogRow } from './connection.js';
import { sqliteDefault } from './defaults.js';
import type { IntrospectionDialect } from './dialect.js';
import { UnreadableTableDefinitionError } from './errors.js';
import { byName, groupBy, nullableText, text } from './rows.js';

/** A user's table `t`: SQLite's own (`sqlite_sequence`, `sqlite_stat1`…) and virtual tables left out. */
const USER_TABLE = `t.type = 'table' and t.name not like 'sqlite\\_%' escape '\\' and t.sql not like 'CREATE VIRTUAL %'`;

export const SQLITE_QUERIES = {
  /** The user's tables and every index's stored DDL (null for the ones constraints created). */
  objects: `select t.type, t.name, t.sql from sqlite_master t
    where t.type = 'index' or (${USER_TABLE})
    order by t.name`,
  columns: `select t.name as table_name, c.cid, c.name, c.type, c."notnull" as not_null,
      c.dflt_value, c.pk
    from sqlite_master t join pragma_table_xinfo(t.name) c
    where ${USER_TABLE} and c.hidden <> 1
    order by t.name, c.cid`,
  // Joining sqlite_master again here for the index DDL would make SQLite scan it once per index.
  indexes: `select t.name as table_name, l.name as index_name, x.cid, x.name as column_name
    from sqlite_master t
      join pragma_index_list(t.name) l
      join pragma_index_xinfo(l.name) x
    where ${USER_TABLE} and l.origin = 'c' and x.key = 1
    order by t.name, l.name, x.seqno`,
  foreignKeys: `select t.name as table_name, f.id, f."table" as referenced_table, f."from" as local,
      f."to" as remote, f.on_update, f.on_delete
    from sqlite_master t join pragma_foreign_key_list(t.name) f
    where ${USER_TABLE}
    order by t.name, f.id, f.seq`,
} as const;

export const sqliteIntrospection: IntrospectionDialect = {
  async readTables(query, keep) {
    const objectRows = await query(SQLITE_QUERIES.objects);
    const columnRows = await query(SQLITE_QUERIES.columns);
    const indexRows = await query(SQLITE_QUERIES.indexes);
    const foreignKeyRows = await query(SQLITE_QUERIES.foreignKeys);
    const columnsByTable = groupBy(columnRows, 'table_name');
    const indexesByTable = groupBy(indexRows, 'table_name');
    const foreignKeysByTable = groupBy(foreignKeyRows, 'table_name');
    const tableRows = objectRows.filter((row) => row.type === 'table');
    const indexSql = new Map(
      objectRows.filter((row) => row.type === 'index').map((row) => [text(row.name), nullableText(row.sql)]),
    );
    const primaryKeys = new Map(
      [...columnsByTable].map(([table, rows]) => [table, primaryKeyColumns(rows)] as const),
    );

    const tables: TableModel[] = [];
    for (const row of tableRows) {
      const name = text(row.name);
      if (!keep(name)) continue;
      const sql = text(row.sql);
      const parsed = readTableDefinition(name, sql);
      const columnList = columnsByTable.get(name) ?? [];
      const declared = columnList.map((column) => text(column.name));
      const keyColumns = primaryKeys.get(name) ?? [];
      tables.push({
        name,
        columns: columns(columnList, parsed),
        primaryKey:
          keyColumns.length === 0 ? null : { name: parsed.primaryKey?.name ?? null, columns: keyColumns },
        uniqueConstraints: uniqueConstraints(parsed, declared),
        foreignKeys: foreignKeys(foreignKeysByTable.get(name) ?? [], parsed, declared, primaryKeys),
        indexes: indexes(indexesByTable.get(name) ?? [], indexSql),
        checkConstraints: byName(
          parsed.checks.map(
            (check): CheckConstraintModel => ({ name: check.name, expression: check.sqltext }),
          ),
        ),
        comment: null,
      });
    }
    return tables;
  },
};

function readTableDefinition(table: string, sql: string): ParsedTable {
  try {
    return parseCreateTable(sql);
  } catch (error) {
    throw new UnreadableTableDefinitionError(table, sql, error);
  }
}

function primaryKeyColumns(rows: readonly CatalogRow[]): string[] {
  return rows
    .filter((row) => Number(row.pk) > 0)
    .sort((left, right) => Number(left.pk) - Number(right.pk))
    .map((row) => text(row.name));
}

function columns(rows: readonly CatalogRow[], parsed: ParsedTable): ColumnModel[] {
  const keyCount = rows.filter((row) => Number(row.pk) > 0).length;
  const withoutRowid = /\bWITHOUT\s+ROWID\b/i.test(parsed.optionsSql);
  return rows.map((row) => {
    const name = text(row.name);
    const type = sqliteColumnType(text(row.type));
    const declared = parsed.columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
    // An INTEGER PRIMARY KEY is an alias of the rowid: SQLite generates its values, never NULL.
    const rowidAlias = !withoutRowid && keyCount === 1 && Number(row.pk) === 1 && type.kind === 'integer';
    return {
      name,
      type,
      nullable: Number(row.not_null) === 0 && !rowidAlias,
      default: sqliteDefault(nullableText(row.dflt_value), type),
      autoincrement: rowidAlias || (declared?.autoincrement ?? false),
      comment: null,
    };
  });
}

function uniqueConstraints(parsed: ParsedTable, declared: readonly string[]): UniqueConstraintModel[] {
  return byName(
    parsed.uniques.map((unique) => ({
      name: unique.name,
      columns: canonicalNames(unique.columns, declared),
    })),
  );
}

function foreignKeys(
  rows: readonly CatalogRow[],
  parsed: ParsedTable,
  declared: readonly string[],
  primaryKeys: ReadonlyMap<string, readonly string[]>,
): ForeignKeyModel[] {
  return byName(sqliteForeignKeys(rows, parsed, declared, (table) => primaryKeys.get(table) ?? []));
}

function indexes(rows: readonly CatalogRow[], indexSql: ReadonlyMap<string, string | null>): IndexModel[] {
  const result: IndexModel[] = [];
  for (const [name, members] of groupBy(rows, 'index_name')) {
    const parsed = parseCreateIndex(indexSql.get(name) ?? '');
    const columns = members.map(
      (member, at): IndexElement =>
        // cid -2 marks an expression element; its text is only in the stored DDL.
        Number(member.cid) >= 0 ? text(member.column_name) : { kind: 'sql', sql: parsed.elements[at] ?? '' },
    );
    result.push({ name, columns, unique: parsed.unique, where: parsed.where });
  }
  return result;
}
