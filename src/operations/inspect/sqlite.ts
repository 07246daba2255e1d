import { byName, type CatalogQuery, canonicalTypeName, nullableText, text } from './query.js';
import type { CatalogReader } from './reader.js';
import { canonicalNames, sqliteForeignKeys, tablesReferencedByKey } from './sqlite-foreign-keys.js';
import { type ParsedTable, parseCreateIndex, parseCreateTable } from './sqlite-sql.js';
import type { ReflectedIndex } from './types.js';

/**
 * SQLite reflection: the pragmas give columns, keys and index members; constraint names, CHECK
 * texts and index expressions exist only in the stored DDL, which `sqlite-sql.ts` reads.
 */
export function sqliteReader(query: CatalogQuery): CatalogReader {
  async function tableSql(table: string): Promise<string> {
    const rows = await query(
      "select sql from sqlite_master where type = 'table' and lower(name) = lower(?)",
      [table],
    );
    return text(rows[0]?.sql ?? '');
  }

  async function parsedTable(table: string): Promise<ParsedTable> {
    return parseCreateTable(await tableSql(table));
  }

  async function columnNames(table: string): Promise<string[]> {
    const rows = await query('select name from pragma_table_xinfo(?) where hidden <> 1 order by cid', [
      table,
    ]);
    return rows.map((row) => text(row.name));
  }

  async function primaryKeyColumns(table: string): Promise<string[]> {
    const rows = await query('select name, pk from pragma_table_info(?) where pk > 0 order by pk', [table]);
    return rows.map((row) => text(row.name));
  }

  return {
    async hasTable(table) {
      const rows = await query(
        "select 1 as found from sqlite_master where type = 'table' and lower(name) = lower(?)",
        [table],
      );
      return rows.length > 0;
    },

    async getTables() {
      const rows = await query(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name",
      );
      return rows.map((row) => text(row.name));
    },

    async getColumns(table) {
      const parsed = await parsedTable(table);
      const rows = await query('select * from pragma_table_xinfo(?) where hidden <> 1 order by cid', [table]);
      const keyColumns = rows.filter((row) => Number(row.pk) > 0);
      const withoutRowid = /\bWITHOUT\s+ROWID\b/i.test(parsed.optionsSql);
      return rows.map((row) => {
        const name = text(row.name);
        const type = canonicalTypeName(text(row.type));
        const declared = parsed.columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
        // An INTEGER PRIMARY KEY is an alias of the rowid, so SQLite generates its values.
        const rowidAlias =
          !withoutRowid && keyColumns.length === 1 && Number(row.pk) === 1 && type === 'INTEGER';
        return {
          name,
          type,
          // The rowid cannot hold NULL even when the DDL does not say NOT NULL.
          nullable: Number(row.notnull) === 0 && !rowidAlias,
          default: nullableText(row.dflt_value),
          autoincrement: rowidAlias || (declared?.autoincrement ?? false),
          comment: null,
        };
      });
    },

    async getIndexes(table) {
      const rows = await query(
        "select name, sql from sqlite_master where type = 'index' and lower(tbl_name) = lower(?) and sql is not null order by name",
        [table],
      );
      const indexes: ReflectedIndex[] = [];
      for (const row of rows) {
        const name = text(row.name);
        const parsed = parseCreateIndex(text(row.sql));
        const members = await query(
          'select cid, name from pragma_index_xinfo(?) where key = 1 order by seqno',
          [name],
        );
        const columns = members.map((member) => (Number(member.cid) >= 0 ? text(member.name) : null));
        const hasExpression = columns.some((column) => column === null);
        indexes.push({
          name,
          unique: parsed.unique,
          columns,
          ...(hasExpression
            ? { expressions: parsed.elements.map((element, at) => columns[at] ?? element) }
            : {}),
          where: parsed.where,
        });
      }
      return indexes;
    },

    async getPrimaryKey(table) {
      const parsed = await parsedTable(table);
      const columns = await primaryKeyColumns(table);
      return { name: columns.length > 0 ? (parsed.primaryKey?.name ?? null) : null, columns };
    },

    async getUniqueConstraints(table) {
      const parsed = await parsedTable(table);
      const declared = await columnNames(table);
      return byName(
        parsed.uniques.map((unique) => ({
          name: unique.name,
          columns: canonicalNames(unique.columns, declared),
        })),
      );
    },

    async getForeignKeys(table) {
      const parsed = await parsedTable(table);
      const declared = await columnNames(table);
      const rows = await query(
        'select id, "table" as referenced_table, "from" as local, "to" as remote, on_update, on_delete from pragma_foreign_key_list(?) order by id, seq',
        [table],
      );
      const primaryKeys = new Map<string, string[]>();
      for (const referenced of tablesReferencedByKey(rows)) {
        primaryKeys.set(referenced, await primaryKeyColumns(referenced));
      }
      return byName(
        sqliteForeignKeys(rows, parsed, declared, (referenced) => primaryKeys.get(referenced) ?? []),
      );
    },

    async getCheckConstraints(table) {
      const parsed = await parsedTable(table);
      return byName(parsed.checks.map((check) => ({ name: check.name, sqltext: check.sqltext })));
    },
  };
}
