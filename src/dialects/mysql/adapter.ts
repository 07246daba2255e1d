import type { ResultSetHeader } from 'mysql2';
import { quoteIdentifier } from '../../operations/ddl/sql-text.js';
import {
  columnShapes,
  type DialectAdapter,
  errorField,
  type MigrationLock,
  renderStandardLiteral,
} from '../adapter.js';
import { mysql2Driver } from '../drivers.js';
import { lockName, sha256 } from '../lock-key.js';
import { networkFailureReason } from '../postgresql/adapter.js';
import { causesImplicitCommit, MYSQL_PARSE_ERROR } from './implicit-commit.js';

const CONNECT_TIMEOUT_MS = 10_000;
/** MySQL rejects GET_LOCK names longer than 64 characters. */
const MAX_LOCK_NAME = 64;

const CONNECTION_ERROR_CODES: Record<string, string> = {
  ER_ACCESS_DENIED_ERROR: 'access denied (wrong user or password)',
  ER_DBACCESS_DENIED_ERROR: 'this user may not use the database',
  ER_BAD_DB_ERROR: 'the database does not exist',
  ER_CON_COUNT_ERROR: 'too many connections',
  ER_HOST_NOT_PRIVILEGED: 'this host may not connect to the server',
};

export const mysqlAdapter: DialectAdapter = {
  name: 'mysql',
  // MySQL and MariaDB commit DDL implicitly: a transaction only protects a migration's DML.
  transactionalDdl: false,
  beginStatement: 'START TRANSACTION',
  stepsAsSavepoints: false,
  offlineTransactions: false,
  placeholderStyle: 'question',
  serverVersionQuery: 'SELECT VERSION() AS version',

  async open(spec) {
    if (spec.dialect === 'sqlite') throw new TypeError('mysql adapter given a sqlite spec');
    const connection = await mysql2Driver().createConnection({
      uri: spec.driverUrl,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    // See the PostgreSQL adapter: a dropped connection must not crash the process.
    connection.on('error', () => {});
    return {
      async query(sql, parameters) {
        const [result] = await connection.query(sql, [...parameters]);
        if (Array.isArray(result)) return { rows: result as Record<string, unknown>[] };
        const header = result as ResultSetHeader;
        return { rows: [], numAffectedRows: BigInt(header.affectedRows), insertId: BigInt(header.insertId) };
      },
      async close() {
        await connection.end();
      },
    };
  },

  quoteIdentifier: (name) => quoteIdentifier('mysql', name),
  renderLiteral: (value) => renderStandardLiteral(value, { backslashEscapes: true }),
  isMissingTable: (error) => errorField(error, 'code') === 'ER_NO_SUCH_TABLE',

  connectionFailureReason(error) {
    const code = errorField(error, 'code');
    if (code !== undefined && code in CONNECTION_ERROR_CODES) return CONNECTION_ERROR_CODES[code]!;
    return networkFailureReason(error);
  },

  offlineInsertSuffix: () => '',

  createLock(spec, run, table): MigrationLock {
    const database = spec.dialect === 'sqlite' ? '' : spec.database;
    // GET_LOCK names are server-wide, so the database is part of the name.
    const fullName = `${lockName(table)}@${database}`;
    const name =
      fullName.length <= MAX_LOCK_NAME ? fullName : `ambix:${sha256(fullName).digest('hex').slice(0, 40)}`;
    return {
      description: `on database "${database}" (GET_LOCK '${name}')`,
      async tryAcquire() {
        const { rows } = await run('SELECT GET_LOCK(?, 0) AS acquired', [name]);
        return Number(rows[0]?.acquired) === 1;
      },
      async holder() {
        const { rows } = await run('SELECT IS_USED_LOCK(?) AS holder', [name]);
        const id = rows[0]?.holder;
        return id === null || id === undefined ? null : { connectionId: String(id), applicationName: null };
      },
      async release() {
        await run('SELECT RELEASE_LOCK(?)', [name]);
      },
    };
  },

  async committedBeforeFailure(run, sql, error) {
    // MariaDB says whether a transaction is still open: when not, the failed statement had
    // committed it before failing (or there was none to lose). MySQL has no such variable; its
    // manual's rule decides: a statement that commits implicitly commits as it starts, unless the
    // server could not even parse it.
    try {
      const { rows } = await run('SELECT @@in_transaction AS open');
      return Number(rows[0]?.open) === 0;
    } catch {
      return causesImplicitCommit(sql) && errorField(error, 'errno') !== MYSQL_PARSE_ERROR;
    }
  },

  async tableColumns(run, table) {
    const { rows } = await run(
      'SELECT column_name AS name, column_type AS type, character_maximum_length AS max ' +
        'FROM information_schema.columns WHERE table_name = ? AND table_schema = COALESCE(?, DATABASE()) ' +
        'ORDER BY ordinal_position',
      [table.name, table.schema],
    );
    return columnShapes(rows);
  },
};
