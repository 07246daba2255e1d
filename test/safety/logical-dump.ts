import { connect } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';

/**
 * A logical dump of a database: every schema object's definition and every row of every table,
 * in a fixed order, as text. Two databases with equal dumps hold the same schema and data.
 */
export async function logicalDump(url: string): Promise<string> {
  const session = await connect(parseDatabaseUrl(url));
  const all = async (sql: string) => (await session.execute(sql)).rows;
  try {
    let lines: string[];
    let tables: string[];
    if (session.spec.dialect === 'sqlite') {
      const objects = await all(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
      );
      lines = objects.map((row) => `${row.type} ${row.name}: ${row.sql}`);
      tables = objects.filter((row) => row.type === 'table').map((row) => String(row.name));
    } else if (session.spec.dialect === 'postgresql') {
      const columns = await all(
        `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      );
      const constraints = await all(
        `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
           FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
      );
      const indexes = await all(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
      );
      const sequences = await all(
        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
      );
      const owners = await all(
        `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1`,
      );
      lines = [...columns, ...constraints, ...indexes, ...sequences, ...owners].map((row) =>
        JSON.stringify(row),
      );
      tables = (await all("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map(
        (row) => String(row.tablename),
      );
    } else {
      tables = (
        await all(
          "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1",
        )
      ).map((row) => String(row.name));
      lines = [];
      for (const table of tables) {
        const [row] = await all(`SHOW CREATE TABLE \`${table}\``);
        lines.push(String(row?.['Create Table']));
      }
    }
    for (const table of tables) {
      const rows = await all(`SELECT * FROM ${session.adapter.quoteIdentifier(table)}`);
      lines.push(
        `${table}: ${rows
          .map((row) => JSON.stringify(row))
          .sort()
          .join(' | ')}`,
      );
    }
    return lines.join('\n');
  } finally {
    await session.close();
  }
}
