// Benchmark (issue #6): introspect + diff a generated 1,000-table, 20,000-column schema.
//
//   npm run build && node bench/autogenerate.mjs [--tables 1000] [--columns 20] [--runs 3]
//                                              [--dialects sqlite,postgresql[,mysql]]
//
// The benchmark generates one schema (each table: an auto-incrementing key, a foreign key to an
// earlier table, a unique constraint, two indexes, server defaults, eight column types), creates
// it once in a fresh SQLite file and a fresh PostgreSQL database (MariaDB with --dialects …,mysql),
// then times whole cold processes, median of `runs`, on the same database:
//  - ambix: connect, `introspect` the whole schema, `compareSchemas` against the identical schema
//    model in code (dist/autogenerate/compare; when it is not built, introspection alone, marked);
//  - `ambix check --json`, the product path: the CLI loads a generated schema module (TypeScript,
//    `defineSchema`), introspects and compares;
//  - Alembic 1.8 (Debian's python3-alembic): `compare_metadata(MigrationContext.configure(conn),
//    metadata)` against SQLAlchemy models the benchmark generates from the same schema.
// Each process prints how many differences it found; both should find none, and the table shows
// both counts (the run fails if ambix did not reflect every table and column).
// Servers: PostgreSQL 127.0.0.1:5432 (postgres, trust), MariaDB 127.0.0.1:3306 (root, no
// password); override with AMBIX_TEST_POSTGRES_URL / AMBIX_TEST_MYSQL_URL.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { alembicAvailable, median, printTable, timeProcess } from './support.mjs';

const { values } = parseArgs({
  options: {
    tables: { type: 'string', default: '1000' },
    columns: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    dialects: { type: 'string', default: 'sqlite,postgresql' },
    // Keep the generated databases (their URLs are printed), to look into them afterwards.
    keep: { type: 'boolean', default: false },
    // Internal: run one timed ambix process against --url.
    child: { type: 'boolean', default: false },
    url: { type: 'string' },
    dialect: { type: 'string' },
  },
});
const tableCount = Number(values.tables);
const columnCount = Number(values.columns);
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'dist');
const POSTGRES = process.env.AMBIX_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const MYSQL = process.env.AMBIX_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

// --- the generated schema ----------------------------------------------------------------------

/** The kinds data columns cycle through, with the neutral type each one is in code. */
const KINDS = [
  { kind: 'string', type: { kind: 'string', length: 50 } },
  { kind: 'integer', type: { kind: 'integer' }, default: 0 },
  { kind: 'text', type: { kind: 'text' } },
  { kind: 'bigint', type: { kind: 'bigint' } },
  { kind: 'boolean', type: { kind: 'boolean' }, default: false },
  { kind: 'numeric', type: { kind: 'numeric', precision: 10, scale: 2 } },
  { kind: 'timestamp', type: { kind: 'timestamp', withTimeZone: false } },
  { kind: 'date', type: { kind: 'date' } },
];

const tableName = (i) => `t${String(i).padStart(4, '0')}`;

/**
 * Table i: `id` (key), `parent_id` (foreign key to table (i-1)/2: the keys form a binary tree, as
 * a chain 1,000 tables deep makes SQLAlchemy's recursive reflection overflow Python's stack), then
 * data columns c2… cycling through KINDS. A unique constraint on c2 (a string), indexes on c3 and
 * on (c2, c5).
 */
function generateSchema() {
  const tables = [];
  for (let i = 0; i < tableCount; i++) {
    const name = tableName(i);
    const columns = [
      { name: 'id', kind: 'integer', type: { kind: 'integer' }, nullable: false, key: true },
      { name: 'parent_id', kind: 'integer', type: { kind: 'integer' }, nullable: true },
    ];
    for (let c = 2; c < columnCount; c++) {
      const spec = KINDS[(c - 2) % KINDS.length];
      columns.push({
        name: `c${c}`,
        kind: spec.kind,
        type: spec.type,
        nullable: c % 3 !== 0,
        default: spec.default,
      });
    }
    tables.push({
      name,
      columns,
      foreignKey:
        i === 0 ? null : { name: `fk_${name}_parent`, referencedTable: tableName(Math.floor((i - 1) / 2)) },
      unique: { name: `uq_${name}_c2`, columns: ['c2'] },
      indexes: [
        { name: `ix_${name}_c3`, columns: ['c3'] },
        { name: `ix_${name}_c2_c5`, columns: ['c2', 'c5'] },
      ],
    });
  }
  return tables;
}

const SQL_TYPES = {
  sqlite: { timestamp: 'DATETIME', boolean: 'BOOLEAN', numeric: 'NUMERIC(10, 2)' },
  postgresql: { timestamp: 'TIMESTAMP WITHOUT TIME ZONE', boolean: 'BOOLEAN', numeric: 'NUMERIC(10, 2)' },
  mysql: { timestamp: 'DATETIME', boolean: 'BOOL', numeric: 'DECIMAL(10, 2)' },
};

function sqlType(dialect, column) {
  const common = { string: 'VARCHAR(50)', integer: 'INTEGER', text: 'TEXT', bigint: 'BIGINT', date: 'DATE' };
  return common[column.kind] ?? SQL_TYPES[dialect][column.kind];
}

function sqlDefault(dialect, value) {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return ` DEFAULT ${dialect === 'postgresql' ? value : value ? 1 : 0}`;
  return ` DEFAULT ${value}`;
}

function ddl(dialect) {
  const statements = [];
  for (const table of generateSchema()) {
    const items = table.columns.map((column) => {
      if (column.key) {
        if (dialect === 'postgresql') return 'id SERIAL NOT NULL';
        if (dialect === 'mysql') return 'id INTEGER NOT NULL AUTO_INCREMENT';
        return 'id INTEGER NOT NULL';
      }
      return `${column.name} ${sqlType(dialect, column)}${column.nullable ? '' : ' NOT NULL'}${sqlDefault(dialect, column.default)}`;
    });
    items.push(`CONSTRAINT pk_${table.name} PRIMARY KEY (id)`);
    items.push(`CONSTRAINT ${table.unique.name} UNIQUE (${table.unique.columns.join(', ')})`);
    if (table.foreignKey !== null) {
      items.push(
        `CONSTRAINT ${table.foreignKey.name} FOREIGN KEY (parent_id) REFERENCES ${table.foreignKey.referencedTable} (id) ON DELETE CASCADE`,
      );
    }
    statements.push(`CREATE TABLE ${table.name} (\n  ${items.join(',\n  ')}\n)`);
    for (const index of table.indexes) {
      statements.push(`CREATE INDEX ${index.name} ON ${table.name} (${index.columns.join(', ')})`);
    }
  }
  return statements;
}

/** The same schema as ambix's model of the schema in code (what a schema module builds). */
function codeModel(dialect) {
  return {
    tables: generateSchema().map((table) => ({
      name: table.name,
      columns: table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        nullable: column.nullable,
        default: column.default ?? null,
        autoincrement: column.key === true,
        comment: null,
      })),
      primaryKey: { name: dialect === 'mysql' ? 'PRIMARY' : `pk_${table.name}`, columns: ['id'] },
      uniqueConstraints: [table.unique],
      foreignKeys:
        table.foreignKey === null
          ? []
          : [
              {
                name: table.foreignKey.name,
                columns: ['parent_id'],
                referencedTable: table.foreignKey.referencedTable,
                referencedColumns: ['id'],
                onDelete: 'CASCADE',
                onUpdate: null,
              },
            ],
      indexes: table.indexes
        .map((index) => ({ ...index, unique: false, where: null }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      checkConstraints: [],
      comment: null,
    })),
  };
}

/** The same schema as an ambix schema module, for the `ambix check` process. */
function schemaModule() {
  const builders = {
    string: 'column.string(50)',
    integer: 'column.integer()',
    text: 'column.text()',
    bigint: 'column.bigint()',
    boolean: 'column.boolean()',
    numeric: 'column.numeric(10, 2)',
    timestamp: 'column.datetime()',
    date: 'column.date()',
  };
  const lines = [
    "import { column, defineSchema, foreignKey, index, table, unique } from 'ambix';",
    '',
    'export default defineSchema({',
  ];
  for (const table of generateSchema()) {
    lines.push(`  ${table.name}: table({`);
    for (const column of table.columns) {
      if (column.key) {
        lines.push('    id: column.integer().primaryKey(),');
        continue;
      }
      let code = builders[column.kind];
      if (!column.nullable) code += '.notNull()';
      if (column.default !== undefined) code += `.default(${column.default})`;
      lines.push(`    ${column.name}: ${code},`);
    }
    lines.push('  }, {');
    lines.push(`    uniques: [unique(${JSON.stringify(table.unique.name)}, ['c2'])],`);
    if (table.foreignKey !== null) {
      lines.push(
        `    foreignKeys: [foreignKey(['parent_id'], ${JSON.stringify(table.foreignKey.referencedTable)}, ['id'], { name: ${JSON.stringify(table.foreignKey.name)}, onDelete: 'CASCADE' })],`,
      );
    }
    const indexes = table.indexes.map(
      (ix) => `index(${JSON.stringify(ix.name)}, ${JSON.stringify(ix.columns)})`,
    );
    lines.push(`    indexes: [${indexes.join(', ')}],`);
    lines.push('  }),');
  }
  lines.push('});', '');
  return lines.join('\n');
}

/** The same schema as SQLAlchemy models, for Alembic. */
function sqlalchemyModels(dialect) {
  const types = {
    string: 'sa.String(50)',
    integer: 'sa.Integer()',
    text: 'sa.Text()',
    bigint: 'sa.BigInteger()',
    boolean: 'sa.Boolean()',
    numeric: 'sa.Numeric(10, 2)',
    timestamp: 'sa.DateTime()',
    date: 'sa.Date()',
  };
  const lines = ['import sqlalchemy as sa', '', 'metadata = sa.MetaData()', ''];
  for (const table of generateSchema()) {
    lines.push(`sa.Table(`, `    ${JSON.stringify(table.name)}, metadata,`);
    for (const column of table.columns) {
      const args = [
        JSON.stringify(column.name),
        types[column.kind],
        `nullable=${column.nullable ? 'True' : 'False'}`,
      ];
      if (column.key) args.push('autoincrement=True');
      if (column.default !== undefined) {
        const text =
          typeof column.default === 'boolean'
            ? dialect === 'postgresql'
              ? String(column.default)
              : column.default
                ? '1'
                : '0'
            : String(column.default);
        args.push(`server_default=sa.text(${JSON.stringify(text)})`);
      }
      lines.push(`    sa.Column(${args.join(', ')}),`);
    }
    lines.push(`    sa.PrimaryKeyConstraint("id", name=${JSON.stringify(`pk_${table.name}`)}),`);
    lines.push(`    sa.UniqueConstraint("c2", name=${JSON.stringify(table.unique.name)}),`);
    if (table.foreignKey !== null) {
      lines.push(
        `    sa.ForeignKeyConstraint(["parent_id"], [${JSON.stringify(`${table.foreignKey.referencedTable}.id`)}], name=${JSON.stringify(table.foreignKey.name)}, ondelete="CASCADE"),`,
      );
    }
    for (const index of table.indexes) {
      lines.push(`    sa.Index(${[index.name, ...index.columns].map((v) => JSON.stringify(v)).join(', ')}),`);
    }
    lines.push(')', '');
  }
  return lines.join('\n');
}

const ALEMBIC_COMPARE = `import sys, time
sys.path.insert(0, sys.argv[2])
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.autogenerate import compare_metadata
from models import metadata
engine = sa.create_engine(sys.argv[1])
with engine.connect() as connection:
    diff = compare_metadata(MigrationContext.configure(connection), metadata)
print(len(diff))
`;

// --- the timed ambix process ---------------------------------------------------------------------

async function child() {
  const load = (path) => import(pathToFileURL(join(dist, path)).href);
  const started = performance.now();
  const [{ connect }, { parseDatabaseUrl }, { introspect, sessionCatalog }] = await Promise.all([
    load('runtime/session.js'),
    load('runtime/url.js'),
    load('autogenerate/introspect/index.js'),
  ]);
  const compare = existsSync(join(dist, 'autogenerate/compare/index.js'))
    ? await load('autogenerate/compare/index.js')
    : null;
  const session = await connect(parseDatabaseUrl(values.url));
  const connected = performance.now();
  const database = await introspect(sessionCatalog(session), { internalTables: ['alembic_version'] });
  const introspected = performance.now();
  await session.close();
  // DIFF: compareSchemas from dist/autogenerate/compare when it is built; null means "not timed".
  const changes =
    compare === null
      ? null
      : compare.compareSchemas(codeModel(values.dialect), database, { dialect: values.dialect }).changes;
  const compared = performance.now();
  console.log(
    JSON.stringify({
      tables: database.tables.length,
      columns: database.tables.reduce((sum, table) => sum + table.columns.length, 0),
      changes: changes === null ? null : changes.length,
      firstChanges: changes === null ? [] : changes.slice(0, 3),
      ms: {
        startAndConnect: Math.round(connected - started),
        introspect: Math.round(introspected - connected),
        compare: Math.round(compared - introspected),
      },
    }),
  );
}

// --- databases -----------------------------------------------------------------------------------

async function freshDatabase(dialect, dir) {
  const name = `ambix_bench_autogen_${process.pid}`;
  if (dialect === 'sqlite') {
    const file = join(dir, `${name}.db`);
    rmSync(file, { force: true });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    db.exec('BEGIN');
    for (const statement of ddl(dialect)) db.exec(statement);
    db.exec('COMMIT');
    db.close();
    return { url: `sqlite:///${file}`, sqlalchemy: `sqlite:///${file}`, drop: async () => rmSync(file) };
  }
  if (dialect === 'postgresql') {
    const pg = (await import('pg')).default;
    const run = async (url, statements) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      for (const statement of statements) await client.query(statement);
      await client.end();
    };
    await run(POSTGRES, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
    const url = new URL(POSTGRES);
    url.pathname = `/${name}`;
    await run(url.toString(), ['BEGIN', ...ddl(dialect), 'COMMIT', 'ANALYZE']);
    return {
      url: url.toString(),
      sqlalchemy: url.toString().replace(/^postgres(ql)?:/, 'postgresql+psycopg2:'),
      drop: () => run(POSTGRES, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
    };
  }
  const mysql = (await import('mysql2/promise')).default;
  const run = async (url, statements) => {
    const connection = await mysql.createConnection({ uri: url });
    for (const statement of statements) await connection.query(statement);
    await connection.end();
  };
  await run(MYSQL, [`DROP DATABASE IF EXISTS ${name}`, `CREATE DATABASE ${name}`]);
  const url = new URL(MYSQL);
  url.pathname = `/${name}`;
  await run(url.toString(), ddl(dialect));
  return {
    url: url.toString(),
    sqlalchemy: url.toString().replace(/^(mysql|mariadb):/, 'mysql+pymysql:'),
    drop: () => run(MYSQL, [`DROP DATABASE IF EXISTS ${name}`]),
  };
}

// --- main ----------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(dist, 'autogenerate/introspect/index.js'))) {
    throw new Error(
      'dist/ has no autogenerate/introspect: run `npm run build` first (npm run bench:autogenerate does).',
    );
  }
  const runs = Number(values.runs);
  const dialects = values.dialects.split(',');
  const work = join(root, 'bench', '.work', `autogenerate-${tableCount}x${columnCount}`);
  const alembicVersion = alembicAvailable();
  const diffBuilt = existsSync(join(dist, 'autogenerate/compare/index.js'));
  const rows = [];
  const notes = [];
  for (const dialect of dialects) {
    const dir = join(work, dialect);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'models.py'), sqlalchemyModels(dialect));
    writeFileSync(join(dir, 'alembic_compare.py'), ALEMBIC_COMPARE);
    writeFileSync(join(dir, 'schema.ts'), schemaModule());
    mkdirSync(join(dir, 'migrations'));
    const created = performance.now();
    const database = await freshDatabase(dialect, dir);
    writeFileSync(
      join(dir, 'ambix.config.json'),
      JSON.stringify({ url: database.url, migrations: 'migrations', schema: 'schema.ts' }),
    );
    notes.push(`${dialect}: schema created in ${((performance.now() - created) / 1000).toFixed(1)} s`);
    try {
      const ambixTimes = [];
      const checkTimes = [];
      let checkResult = null;
      const alembicTimes = [];
      let ambixOutput = null;
      let alembicDiffs = null;
      for (let run = 0; run < runs; run++) {
        const ambix = timeProcess(process.execPath, [
          fileURLToPath(import.meta.url),
          '--child',
          '--url',
          database.url,
          '--dialect',
          dialect,
          '--tables',
          String(tableCount),
          '--columns',
          String(columnCount),
        ]);
        ambixTimes.push(ambix.seconds);
        ambixOutput = JSON.parse(ambix.stdout.trim().split('\n').pop());
        // The product path: the CLI loads the schema module (TypeScript), introspects, compares.
        const check = timeProcess(process.execPath, [join(root, 'bin', 'ambix.js'), 'check', '--json'], {
          cwd: dir,
        });
        checkTimes.push(check.seconds);
        checkResult = JSON.parse(check.stdout);
        if (alembicVersion !== null) {
          const alembic = timeProcess('/usr/bin/python3', [
            join(dir, 'alembic_compare.py'),
            database.sqlalchemy,
            dir,
          ]);
          alembicTimes.push(alembic.seconds);
          alembicDiffs = Number(alembic.stdout.trim().split('\n').pop());
        }
      }
      if (ambixOutput.tables !== tableCount || ambixOutput.columns !== tableCount * columnCount) {
        throw new Error(
          `${dialect}: ambix reflected ${ambixOutput.tables} tables / ${ambixOutput.columns} columns`,
        );
      }
      if (ambixOutput.changes !== null && ambixOutput.changes !== 0) {
        notes.push(
          `${dialect}: ambix found ${ambixOutput.changes} differences, e.g. ${JSON.stringify(ambixOutput.firstChanges)}`,
        );
      }
      if (checkResult.matches !== true) {
        notes.push(
          `${dialect}: ambix check found differences: ${JSON.stringify(checkResult.changes?.slice(0, 3) ?? checkResult)}`,
        );
      }
      const ambix = median(ambixTimes);
      const checkSeconds = median(checkTimes);
      const alembic = alembicTimes.length === 0 ? null : median(alembicTimes);
      notes.push(
        `${dialect}: ambix runs ${ambixTimes.map((t) => t.toFixed(2)).join(', ')} s; inside the last (ms) ${JSON.stringify(ambixOutput.ms)}`,
      );
      if (alembicTimes.length > 0) {
        notes.push(`${dialect}: alembic runs ${alembicTimes.map((t) => t.toFixed(2)).join(', ')} s`);
      }
      rows.push([
        dialect,
        `${ambixOutput.tables} / ${ambixOutput.columns}`,
        ambix.toFixed(2),
        ambixOutput.changes === null ? 'not built' : String(ambixOutput.changes),
        alembic === null ? 'n/a' : alembic.toFixed(2),
        alembicDiffs === null ? 'n/a' : String(alembicDiffs),
        checkSeconds.toFixed(2),
        checkResult.matches === true ? '0' : String(checkResult.changes?.length ?? '?'),
        alembic === null ? 'n/a' : `${(alembic / checkSeconds).toFixed(1)}x`,
        Math.max(ambix, checkSeconds) < 2 ? 'yes' : 'NO',
      ]);
    } finally {
      if (values.keep) notes.push(`${dialect}: kept ${database.url}`);
      else await database.drop();
    }
  }
  console.log(
    `${tableCount} tables x ${columnCount} columns; median of ${runs} cold processes on the same database; seconds` +
      (diffBuilt ? '' : '\nNOTE: dist/autogenerate/compare is not built: ambix timed introspection alone.'),
  );
  printTable(
    [
      'dialect',
      'tables / columns',
      diffBuilt ? 'ambix introspect+diff' : 'ambix introspect (no diff)',
      'ambix diffs',
      `alembic ${alembicVersion ?? ''} compare_metadata`,
      'alembic diffs',
      '`ambix check` (CLI)',
      'check diffs',
      'alembic / ambix check',
      'both < 2 s',
    ],
    rows,
  );
  for (const note of notes) console.log(`- ${note}`);
}

if (values.child) await child();
else await main();
