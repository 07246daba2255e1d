import type { ReferentialAction } from '../types.js';
import { byName, type CatalogQuery, canonicalTypeName, nullableText, type Row, text } from './query.js';
import type { CatalogReader } from './reader.js';
import type { ReflectedIndex } from './types.js';

/**
 * MySQL/MariaDB reflection from information_schema, limited to the connection's database.
 * MariaDB and MySQL 8 differ in a few catalog columns; `mariadb` selects the variant.
 */
export function mysqlReader(query: CatalogQuery, mariadb: boolean): CatalogReader {
  async function checkRows(table: string): Promise<Row[]> {
    // MariaDB scopes check names to their table (column checks are named after the column), so
    // the join needs the table too; MySQL 8's CHECK_CONSTRAINTS has no TABLE_NAME column.
    return query(
      `select tc.CONSTRAINT_NAME as name, cc.CHECK_CLAUSE as clause
         from information_schema.TABLE_CONSTRAINTS tc
         join information_schema.CHECK_CONSTRAINTS cc
           on cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
           ${mariadb ? 'and cc.TABLE_NAME = tc.TABLE_NAME' : ''}
        where tc.TABLE_SCHEMA = database() and tc.TABLE_NAME = ? and tc.CONSTRAINT_TYPE = 'CHECK'
        order by tc.CONSTRAINT_NAME`,
      [table],
    );
  }

  /** Columns MariaDB declares JSON: a LONGTEXT with the `json_valid` check it adds by itself. */
  async function jsonColumns(table: string): Promise<Set<string>> {
    if (!mariadb) return new Set();
    const rows = await checkRows(table);
    return new Set(
      rows
        .filter((row) => text(row.clause) === `json_valid(\`${text(row.name)}\`)`)
        .map((row) => text(row.name)),
    );
  }

  async function keyConstraints(
    table: string,
    type: 'PRIMARY KEY' | 'UNIQUE',
  ): Promise<Map<string, string[]>> {
    const rows = await query(
      `select k.CONSTRAINT_NAME as name, k.COLUMN_NAME as column_name
         from information_schema.TABLE_CONSTRAINTS tc
         join information_schema.KEY_COLUMN_USAGE k
           on k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and k.TABLE_NAME = tc.TABLE_NAME
          and k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
        where tc.TABLE_SCHEMA = database() and tc.TABLE_NAME = ? and tc.CONSTRAINT_TYPE = ?
        order by k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      [table, type],
    );
    return groupColumns(rows);
  }

  return {
    async hasTable(table) {
      const rows = await query(
        `select 1 as found from information_schema.TABLES
          where TABLE_SCHEMA = database() and TABLE_NAME = ? and TABLE_TYPE = 'BASE TABLE'`,
        [table],
      );
      return rows.length > 0;
    },

    async getTables() {
      const rows = await query(
        `select TABLE_NAME as name from information_schema.TABLES
          where TABLE_SCHEMA = database() and TABLE_TYPE = 'BASE TABLE' order by TABLE_NAME`,
      );
      return rows.map((row) => text(row.name));
    },

    async getColumns(table) {
      const json = await jsonColumns(table);
      const rows = await query(
        `select COLUMN_NAME as name, COLUMN_TYPE as type, IS_NULLABLE as nullable,
                COLUMN_DEFAULT as default_sql, EXTRA as extra, COLUMN_COMMENT as comment
           from information_schema.COLUMNS
          where TABLE_SCHEMA = database() and TABLE_NAME = ?
          order by ORDINAL_POSITION`,
        [table],
      );
      return rows.map((row) => {
        const name = text(row.name);
        const type = text(row.type);
        const comment = text(row.comment ?? '');
        return {
          name,
          type: json.has(name) && type === 'longtext' ? 'JSON' : columnTypeName(type),
          nullable: text(row.nullable) === 'YES',
          default: columnDefault(row.default_sql, mariadb),
          autoincrement: /auto_increment/i.test(text(row.extra ?? '')),
          comment: comment === '' ? null : comment,
        };
      });
    },

    async getIndexes(table) {
      const rows = await query(
        `select INDEX_NAME as name, NON_UNIQUE as non_unique, COLUMN_NAME as column_name
                ${mariadb ? '' : ', EXPRESSION as expression'}
           from information_schema.STATISTICS
          where TABLE_SCHEMA = database() and TABLE_NAME = ? and INDEX_NAME <> 'PRIMARY'
          order by INDEX_NAME, SEQ_IN_INDEX`,
        [table],
      );
      const uniques = await keyConstraints(table, 'UNIQUE');
      const indexes = new Map<string, { unique: boolean; columns: (string | null)[]; elements: string[] }>();
      for (const row of rows) {
        const name = text(row.name);
        const index = indexes.get(name) ?? {
          unique: Number(row.non_unique) === 0,
          columns: [],
          elements: [],
        };
        const column = nullableText(row.column_name);
        index.columns.push(column);
        index.elements.push(column ?? text(row.expression));
        indexes.set(name, index);
      }
      return [...indexes].map(
        ([name, index]): ReflectedIndex => ({
          name,
          unique: index.unique,
          columns: index.columns,
          ...(index.columns.some((column) => column === null) ? { expressions: index.elements } : {}),
          where: null,
          ...(uniques.has(name) ? { duplicatesConstraint: name } : {}),
        }),
      );
    },

    async getPrimaryKey(table) {
      const keys = await keyConstraints(table, 'PRIMARY KEY');
      const columns = keys.get('PRIMARY');
      return columns === undefined ? { name: null, columns: [] } : { name: 'PRIMARY', columns };
    },

    async getUniqueConstraints(table) {
      const keys = await keyConstraints(table, 'UNIQUE');
      return [...keys].map(([name, columns]) => ({ name, columns }));
    },

    async getForeignKeys(table) {
      const rows = await query(
        `select k.CONSTRAINT_NAME as name, k.COLUMN_NAME as column_name,
                k.REFERENCED_TABLE_NAME as referenced_table, k.REFERENCED_COLUMN_NAME as referenced_column,
                r.DELETE_RULE as on_delete, r.UPDATE_RULE as on_update
           from information_schema.KEY_COLUMN_USAGE k
           join information_schema.REFERENTIAL_CONSTRAINTS r
             on r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA and r.TABLE_NAME = k.TABLE_NAME
            and r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
          where k.TABLE_SCHEMA = database() and k.TABLE_NAME = ? and k.REFERENCED_TABLE_NAME is not null
          order by k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
        [table],
      );
      const keys = new Map<string, Row[]>();
      for (const row of rows) keys.set(text(row.name), [...(keys.get(text(row.name)) ?? []), row]);
      return byName(
        [...keys].map(([name, members]) => ({
          name,
          columns: members.map((member) => text(member.column_name)),
          referencedTable: text(members[0]!.referenced_table),
          referencedColumns: members.map((member) => text(member.referenced_column)),
          onDelete: referentialAction(members[0]!.on_delete),
          onUpdate: referentialAction(members[0]!.on_update),
        })),
      );
    },

    async getCheckConstraints(table) {
      const json = await jsonColumns(table);
      const rows = await checkRows(table);
      return rows
        .filter(
          (row) => !json.has(text(row.name)) || text(row.clause) !== `json_valid(\`${text(row.name)}\`)`,
        )
        .map((row) => ({ name: text(row.name), sqltext: text(row.clause) }));
    },
  };
}

function groupColumns(rows: readonly Row[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const name = text(row.name);
    groups.set(name, [...(groups.get(name) ?? []), text(row.column_name)]);
  }
  return groups;
}

/** `int(11)` → `INT`: display widths carry no meaning, except `tinyint(1)`, the boolean convention. */
export function columnTypeName(columnType: string): string {
  const withoutWidth = columnType.replace(/^(smallint|mediumint|int|integer|bigint)\(\d+\)/i, '$1');
  const tinyint = /^tinyint\((\d+)\)/i.exec(withoutWidth);
  const normalised =
    tinyint !== null && tinyint[1] !== '1'
      ? withoutWidth.replace(/^tinyint\(\d+\)/i, 'tinyint')
      : withoutWidth;
  return canonicalTypeName(normalised);
}

/**
 * MariaDB reports "no default" as the text `NULL` and quotes literal defaults (`'x'`); MySQL
 * reports SQL NULL and bare literals. Either way, no default is null.
 */
function columnDefault(value: unknown, mariadb: boolean): string | null {
  const reported = nullableText(value);
  if (reported === null) return null;
  if (mariadb && reported === 'NULL') return null;
  return reported;
}

/** `UPDATE_RULE` / `DELETE_RULE` of information_schema.referential_constraints. */
export function referentialAction(value: unknown): ReferentialAction | null {
  if (value === null || value === undefined) return null;
  const rule = text(value).toUpperCase();
  // InnoDB treats RESTRICT and NO ACTION alike and reports RESTRICT when none was given.
  return rule === 'RESTRICT' || rule === 'NO ACTION' ? null : (rule as ReferentialAction);
}
