/**
 * PostgreSQL: four pg_catalog queries over every table of the connection's current schema
 * (tables, columns, constraints, indexes), whatever the number of tables.
 */
import { checkCondition, keyNames, REFERENTIAL_ACTIONS } from '../../operations/inspect/postgresql.js';
import type { IndexElement } from '../../operations/types.js';
import type { ColumnModel, IndexModel, TableModel } from '../model.js';
import { postgresqlColumnType } from './column-types.js';
import type { CatalogRow } from './connection.js';
import { postgresqlDefault } from './defaults.js';
import type { IntrospectionDialect } from './dialect.js';
import { byName, groupBy, nullableText, text, textArray } from './rows.js';

/**
 * Ordinary and partitioned tables of the current schema; `c` is pg_class. A partition is part of
 * its partitioned table, not a table of the schema: dropping it would drop that table's rows.
 */
const IN_SCHEMA = `c.relkind in ('r', 'p') and not c.relispartition and c.relnamespace = (
  select oid from pg_catalog.pg_namespace where nspname = current_schema())`;

// No query sorts by table name: with thousands of tables the planner then walks pg_class's name
// index, which costs more than the whole query; the model is sorted afterwards anyway.
export const POSTGRESQL_QUERIES = {
  // Comments are gathered per table (objsubid 0 is the table's, n its column n's): one lookup
  // per table rather than one per column.
  tables: `select c.relname::text as name,
      (select json_object_agg(d.objsubid, d.description) from pg_catalog.pg_description d
        where d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass) as comments
    from pg_catalog.pg_class c
    where ${IN_SCHEMA}`,
  columns: `select c.relname::text as table_name, a.attnum, a.attname::text as name,
      pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
      pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) as default_sql, a.attidentity as identity,
      a.attgenerated as generated
    from pg_catalog.pg_class c
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where ${IN_SCHEMA}
    order by c.oid, a.attnum`,
  // Key columns come as attribute numbers, named from the columns query: naming them here
  // costs a sub-select per key. Only a key into another schema's table is named here.
  constraints: `select c.relname::text as table_name, con.conname::text as name, con.contype as type,
      con.conkey as keys, r.relname::text as referenced_table, con.confkey as referenced_keys,
      case when r.relnamespace <> c.relnamespace
        then ${keyNames('con.confkey', 'con.confrelid')} end as referenced_columns,
      con.confdeltype as on_delete, con.confupdtype as on_update,
      case when con.contype = 'c' then pg_catalog.pg_get_constraintdef(con.oid, true) end as definition
    from pg_catalog.pg_constraint con
      join pg_catalog.pg_class c on c.oid = con.conrelid
      left join pg_catalog.pg_class r on r.oid = con.confrelid
    where ${IN_SCHEMA} and con.contype in ('p', 'u', 'f', 'c')`,
  // Indexes that back a primary key, unique or exclusion constraint are the constraint's own.
  indexes: `select c.relname::text as table_name, i.relname::text as name, x.indisunique as is_unique,
      array(select case when x.indkey[k - 1] = 0 then null
              else (select a.attname::text from pg_catalog.pg_attribute a
                    where a.attrelid = x.indrelid and a.attnum = x.indkey[k - 1]) end
            from generate_series(1, x.indnkeyatts) as k order by k) as columns,
      case when 0 = any (x.indkey::int2[]) then
        array(select pg_catalog.pg_get_indexdef(x.indexrelid, k, true)
              from generate_series(1, x.indnkeyatts) as k order by k) end as elements,
      pg_catalog.pg_get_expr(x.indpred, x.indrelid, true) as predicate
    from pg_catalog.pg_index x
      join pg_catalog.pg_class c on c.oid = x.indrelid
      join pg_catalog.pg_class i on i.oid = x.indexrelid
    where ${IN_SCHEMA} and not x.indisprimary
      and x.indexrelid not in (select con.conindid from pg_catalog.pg_constraint con
                               where con.contype in ('p', 'u', 'x'))`,
} as const;

export const postgresqlIntrospection: IntrospectionDialect = {
  async readTables(query, keep) {
    const tableRows = await query(POSTGRESQL_QUERIES.tables);
    const columnRows = await query(POSTGRESQL_QUERIES.columns);
    const constraintRows = await query(POSTGRESQL_QUERIES.constraints);
    const indexRows = await query(POSTGRESQL_QUERIES.indexes);
    const columnsByTable = groupBy(columnRows, 'table_name');
    const columnNames = new Map(
      [...columnsByTable].map(([table, rows]) => [
        table,
        new Map(rows.map((row) => [Number(row.attnum), text(row.name)])),
      ]),
    );
    /** The names of a table's columns by attribute number, in key order. */
    const named = (table: string, keys: unknown): string[] =>
      (Array.isArray(keys) ? keys : []).map((key) => columnNames.get(table)?.get(Number(key)) ?? String(key));
    const constraintsByTable = groupBy(constraintRows, 'table_name');
    const indexesByTable = groupBy(indexRows, 'table_name');

    const tables: TableModel[] = [];
    for (const row of tableRows) {
      const name = text(row.name);
      if (!keep(name)) continue;
      const constraints = constraintsByTable.get(name) ?? [];
      const ofType = (type: string) => constraints.filter((constraint) => constraint.type === type);
      const primaryKey = ofType('p')[0];
      const comments = (row.comments ?? {}) as Readonly<Record<string, unknown>>;
      tables.push({
        name,
        columns: (columnsByTable.get(name) ?? []).map((entry) =>
          column(entry, nullableText(comments[text(entry.attnum)])),
        ),
        primaryKey:
          primaryKey === undefined
            ? null
            : { name: text(primaryKey.name), columns: named(name, primaryKey.keys) },
        uniqueConstraints: ofType('u').map((unique) => ({
          name: text(unique.name),
          columns: named(name, unique.keys),
        })),
        foreignKeys: ofType('f').map((key) => ({
          name: text(key.name),
          columns: named(name, key.keys),
          referencedTable: text(key.referenced_table),
          referencedColumns:
            key.referenced_columns === null || key.referenced_columns === undefined
              ? named(text(key.referenced_table), key.referenced_keys)
              : textArray(key.referenced_columns),
          onDelete: REFERENTIAL_ACTIONS[text(key.on_delete)] ?? null,
          onUpdate: REFERENTIAL_ACTIONS[text(key.on_update)] ?? null,
        })),
        indexes: (indexesByTable.get(name) ?? []).map(index),
        checkConstraints: byName(
          ofType('c').map((check) => ({
            name: text(check.name),
            expression: checkCondition(text(check.definition)),
          })),
        ),
        comment: nullableText(comments['0']),
      });
    }
    return tables;
  },
};

function column(row: CatalogRow, comment: string | null): ColumnModel {
  const type = postgresqlColumnType(text(row.type));
  const defaultSql = nullableText(row.default_sql);
  const identity = row.identity === 'a' || row.identity === 'd';
  // A serial column's default is the sequence it owns: the column is generated, not defaulted.
  const serial = defaultSql !== null && /^nextval\('.*'::regclass\)$/.test(defaultSql);
  // A generated column's expression is not a default (pg_attrdef stores both).
  const generated = text(row.generated ?? '') !== '';
  return {
    name: text(row.name),
    type,
    nullable: row.not_null !== true,
    default: serial || generated ? null : postgresqlDefault(defaultSql, type),
    autoincrement: identity || serial,
    comment,
  };
}

function index(row: CatalogRow): IndexModel {
  const names = Array.isArray(row.columns) ? (row.columns as unknown[]) : [];
  const elements = textArray(row.elements);
  const columns = names.map(
    (name, at): IndexElement =>
      name === null || name === undefined ? { kind: 'sql', sql: elements[at] ?? '' } : text(name),
  );
  return {
    name: text(row.name),
    columns,
    unique: row.is_unique === true,
    where: nullableText(row.predicate),
  };
}
