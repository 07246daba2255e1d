import type { ReferentialAction } from '../types.js';
import { byName, type CatalogQuery, canonicalTypeName, nullableText, text } from './query.js';
import type { CatalogReader } from './reader.js';
import { type ParsedTable, parseCreateIndex, parseCreateTable } from './sqlite-sql.js';
import type { ReflectedForeignKey, ReflectedIndex } from './types.js';

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

  /** Names as the table declares them: DDL may spell a column in another case than its definition. */
  function canonical(names: readonly string[], declared: readonly string[]): string[] {
    return names.map(
      (name) => declared.find((column) => column.toLowerCase() === name.toLowerCase()) ?? name,
    );
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
        parsed.uniques.map((unique) => ({ name: unique.name, columns: canonical(unique.columns, declared) })),
      );
    },

    async getForeignKeys(table) {
      const parsed = await parsedTable(table);
      const declared = await columnNames(table);
      const rows = await query(
        'select id, seq, "table" as referenced, "from" as local, "to" as remote, on_update, on_delete from pragma_foreign_key_list(?) order by id, seq',
        [table],
      );
      const groups = new Map<number, typeof rows>();
      for (const row of rows) {
        const id = Number(row.id);
        groups.set(id, [...(groups.get(id) ?? []), row]);
      }
      const found: { key: ReflectedForeignKey; declaredAt: number }[] = [];
      for (const members of groups.values()) {
        const first = members[0]!;
        const referencedTable = text(first.referenced);
        const columns = canonical(
          members.map((member) => text(member.local)),
          declared,
        );
        let referencedColumns = members.map((member) => nullableText(member.remote));
        if (referencedColumns.some((column) => column === null)) {
          // `REFERENCES t` without columns means t's primary key.
          referencedColumns = await primaryKeyColumns(referencedTable);
        }
        const declaredAt = parsed.foreignKeys.findIndex(
          (candidate) =>
            candidate.referencedTable.toLowerCase() === referencedTable.toLowerCase() &&
            sameNames(canonical(candidate.columns, declared), columns),
        );
        found.push({
          declaredAt,
          key: {
            name: parsed.foreignKeys[declaredAt]?.name ?? null,
            columns,
            referencedTable,
            referencedColumns: referencedColumns as string[],
            onDelete: action(first.on_delete),
            onUpdate: action(first.on_update),
          },
        });
      }
      found.sort((left, right) => left.declaredAt - right.declaredAt);
      return byName(found.map((entry) => entry.key));
    },

    async getCheckConstraints(table) {
      const parsed = await parsedTable(table);
      return byName(parsed.checks.map((check) => ({ name: check.name, sqltext: check.sqltext })));
    },
  };
}

function sameNames(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((name, at) => name === right[at]);
}

function action(value: unknown): ReferentialAction | null {
  const normalised = text(value).toUpperCase();
  return normalised === 'NO ACTION' || normalised === '' ? null : (normalised as ReferentialAction);
}
