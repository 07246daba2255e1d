import type { ReferentialAction } from '../types.js';
import { type CatalogQuery, canonicalTypeName, nullableText, type Row, text } from './query.js';
import type { CatalogReader } from './reader.js';
import type { ReflectedIndex } from './types.js';

/** The table's oid in the current schema; `$1` is the table name. */
const TABLE_OID = `(select c.oid from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname = current_schema() and c.relname = $1 and c.relkind in ('r', 'p'))`;

/** Column names of a key array (`conkey`, `confkey`) of `relation`, in key order. */
export function keyNames(keys: string, relation: string): string {
  return `array(select a.attname::text from unnest(${keys}) with ordinality as k(attnum, position)
    join pg_catalog.pg_attribute a on a.attrelid = ${relation} and a.attnum = k.attnum
    order by k.position)`;
}

/** `pg_constraint.confdeltype` / `confupdtype` codes; `a` (no action) is the default: null. */
export const REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction | null>> = {
  a: null,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** PostgreSQL reflection from pg_catalog, limited to the connection's current schema. */
export function postgresqlReader(query: CatalogQuery): CatalogReader {
  async function constraints(table: string, type: 'p' | 'u' | 'f' | 'c'): Promise<Row[]> {
    return query(
      `select con.conname as name, ${keyNames('con.conkey', 'con.conrelid')} as columns,
         (select r.relname::text from pg_catalog.pg_class r where r.oid = con.confrelid) as referenced_table,
         ${keyNames('con.confkey', 'con.confrelid')} as referenced_columns,
         con.confdeltype as on_delete, con.confupdtype as on_update,
         pg_catalog.pg_get_constraintdef(con.oid, true) as definition
       from pg_catalog.pg_constraint con
       where con.conrelid = ${TABLE_OID} and con.contype = $2
       order by con.conname`,
      [table, type],
    );
  }

  return {
    async hasTable(table) {
      const rows = await query(`select ${TABLE_OID} as oid`, [table]);
      return rows[0]?.oid !== null && rows[0]?.oid !== undefined;
    },

    async getTables() {
      const rows = await query(
        `select c.relname::text as name from pg_catalog.pg_class c
           join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p')
         order by c.relname`,
      );
      return rows.map((row) => text(row.name));
    },

    async getColumns(table) {
      const rows = await query(
        `select a.attname::text as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as type,
           a.attnotnull as not_null, pg_catalog.pg_get_expr(d.adbin, d.adrelid) as default_sql,
           a.attidentity as identity, pg_catalog.col_description(a.attrelid, a.attnum) as comment
         from pg_catalog.pg_attribute a
           left join pg_catalog.pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where a.attrelid = ${TABLE_OID} and a.attnum > 0 and not a.attisdropped
         order by a.attnum`,
        [table],
      );
      return rows.map((row) => {
        const defaultSql = nullableText(row.default_sql);
        return {
          name: text(row.name),
          type: catalogTypeName(text(row.type)),
          nullable: row.not_null !== true,
          default: defaultSql,
          autoincrement:
            row.identity === 'a' || row.identity === 'd' || (defaultSql?.startsWith('nextval(') ?? false),
          comment: nullableText(row.comment),
        };
      });
    },

    async getIndexes(table) {
      const rows = await query(
        `select i.relname::text as name, x.indisunique as is_unique,
           array(select case when x.indkey[k - 1] = 0 then null
                   else (select a.attname::text from pg_catalog.pg_attribute a
                         where a.attrelid = x.indrelid and a.attnum = x.indkey[k - 1]) end
                 from generate_series(1, x.indnkeyatts) as k order by k) as columns,
           array(select pg_catalog.pg_get_indexdef(x.indexrelid, k, true)
                 from generate_series(1, x.indnkeyatts) as k order by k) as elements,
           pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) as predicate,
           (select con.conname::text from pg_catalog.pg_constraint con
             where con.conindid = x.indexrelid and con.contype = 'u' limit 1) as constraint_name
         from pg_catalog.pg_index x
           join pg_catalog.pg_class i on i.oid = x.indexrelid
         where x.indrelid = ${TABLE_OID} and not x.indisprimary
         order by i.relname`,
        [table],
      );
      return rows.map((row): ReflectedIndex => {
        const columns = (row.columns as (string | null)[]).map((column) => column ?? null);
        const elements = (row.elements as string[]).map(text);
        const constraint = nullableText(row.constraint_name);
        return {
          name: text(row.name),
          unique: row.is_unique === true,
          columns,
          ...(columns.some((column) => column === null) ? { expressions: elements } : {}),
          where: nullableText(row.predicate),
          ...(constraint === null ? {} : { duplicatesConstraint: constraint }),
        };
      });
    },

    async getPrimaryKey(table) {
      const [row] = await constraints(table, 'p');
      if (row === undefined) return { name: null, columns: [] };
      return { name: text(row.name), columns: (row.columns as string[]).map(text) };
    },

    async getUniqueConstraints(table) {
      const rows = await constraints(table, 'u');
      return rows.map((row) => ({ name: text(row.name), columns: (row.columns as string[]).map(text) }));
    },

    async getForeignKeys(table) {
      const rows = await constraints(table, 'f');
      return rows.map((row) => ({
        name: text(row.name),
        columns: (row.columns as string[]).map(text),
        referencedTable: text(row.referenced_table),
        referencedColumns: (row.referenced_columns as string[]).map(text),
        onDelete: REFERENTIAL_ACTIONS[text(row.on_delete)] ?? null,
        onUpdate: REFERENTIAL_ACTIONS[text(row.on_update)] ?? null,
      }));
    },

    async getCheckConstraints(table) {
      const rows = await constraints(table, 'c');
      return rows.map((row) => ({ name: text(row.name), sqltext: checkCondition(text(row.definition)) }));
    },
  };
}

/**
 * `format_type` spells types the long way (`character varying(255)`, `numeric(10,2)`); report
 * the usual SQL names, upper case, as SQLAlchemy prints them (`VARCHAR(255)`, `NUMERIC(10, 2)`). Quoted user-defined type names stay as they are.
 */
export function catalogTypeName(formatted: string): string {
  if (formatted.includes('"')) return formatted;
  return canonicalTypeName(
    formatted
      .replace(/^character varying/, 'varchar')
      .replace(/^character(?= |\(|$|\[)/, 'char')
      .replace(/^bit varying/, 'varbit'),
  );
}

/** `CHECK ((price >= 0))` → `price >= 0`: the condition without the wrapper the catalog adds. */
export function checkCondition(definition: string): string {
  const match = /^CHECK \((.*)\)( NOT VALID)?$/s.exec(definition);
  let condition = match?.[1] ?? definition;
  while (condition.startsWith('(') && condition.endsWith(')') && wrapsWhole(condition)) {
    condition = condition.slice(1, -1);
  }
  return condition;
}

/** Whether the first `(` of `sql` closes at its last character (parentheses in literals skipped). */
function wrapsWhole(sql: string): boolean {
  let depth = 0;
  for (let index = 0; index < sql.length; index += 1) {
    if (sql[index] === "'") {
      index = sql.indexOf("'", index + 1);
      if (index === -1) return false;
      continue;
    }
    if (sql[index] === '(') depth += 1;
    if (sql[index] === ')') depth -= 1;
    if (depth === 0 && index < sql.length - 1) return false;
  }
  return true;
}
