import type pg from 'pg';
import { quoteIdentifier } from '../../operations/ddl/sql-text.js';
import {
  columnShapes,
  type DialectAdapter,
  errorField,
  type MigrationLock,
  renderStandardLiteral,
} from '../adapter.js';
import { pgDriver } from '../drivers.js';
import { lockKey64 } from '../lock-key.js';
import { postgresTls, retryWithNextAttempt } from './tls.js';

const CONNECT_TIMEOUT_MS = 10_000;

/** Shown in `pg_stat_activity`, so a waiting process can say which process holds the lock. */
export function applicationName(): string {
  return `ambix-${process.pid}`;
}

const CONNECTION_ERROR_CODES: Record<string, string> = {
  '28P01': 'password authentication failed',
  '28000': 'the server rejected this user (check pg_hba.conf and the user name)',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'too many connections',
};

const NETWORK_ERROR_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening on that port?)',
  ENOTFOUND: 'unknown host',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset by the server',
};

export function networkFailureReason(error: unknown): string | null {
  const code = errorField(error, 'code');
  if (code !== undefined && code in NETWORK_ERROR_CODES) return NETWORK_ERROR_CODES[code]!;
  if (/timeout/i.test(errorField(error, 'message') ?? '')) return 'connection timed out';
  return null;
}

/** Connects as the URL's `sslmode` says (libpq's meaning; see postgres-tls.ts). */
async function connectWithTls(driverUrl: string): Promise<pg.Client> {
  const tls = postgresTls(driverUrl);
  for (const [index, ssl] of tls.attempts.entries()) {
    const client = new (pgDriver().Client)({
      connectionString: tls.connectionString,
      ssl,
      application_name: applicationName(),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // A connection the server drops later surfaces on the next query; without a listener the
    // 'error' event would crash the process instead.
    client.on('error', () => {});
    try {
      await client.connect();
      return client;
    } catch (error) {
      if (index === tls.attempts.length - 1 || !retryWithNextAttempt(tls.mode, error)) throw error;
    }
  }
  throw new Error('unreachable: postgresTls always gives at least one attempt');
}

export const postgresqlAdapter: DialectAdapter = {
  name: 'postgresql',
  transactionalDdl: true,
  beginStatement: 'BEGIN',
  stepsAsSavepoints: false,
  offlineTransactions: true,
  placeholderStyle: 'dollar',
  serverVersionQuery: 'SHOW server_version',

  async open(spec) {
    if (spec.dialect === 'sqlite') throw new TypeError('postgresql adapter given a sqlite spec');
    const client = await connectWithTls(spec.driverUrl);
    return {
      async query(sql, parameters) {
        const result: pg.QueryResult | pg.QueryResult[] = await client.query(sql, [...parameters]);
        // Several statements in one text (simple protocol) give one result each; the last counts.
        const last = Array.isArray(result) ? result[result.length - 1] : result;
        return {
          rows: (last?.rows ?? []) as Record<string, unknown>[],
          ...(last?.rowCount === null || last?.rowCount === undefined
            ? {}
            : { numAffectedRows: BigInt(last.rowCount) }),
        };
      },
      async close() {
        await client.end();
      },
    };
  },

  quoteIdentifier: (name) => quoteIdentifier('postgresql', name),
  renderLiteral: (value) => {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
      return `'\\x${Buffer.from(value).toString('hex')}'::bytea`;
    }
    return renderStandardLiteral(value, { backslashEscapes: false });
  },
  isMissingTable: (error) => errorField(error, 'code') === '42P01',

  connectionFailureReason(error) {
    const code = errorField(error, 'code');
    if (code !== undefined && code in CONNECTION_ERROR_CODES) return CONNECTION_ERROR_CODES[code]!;
    return networkFailureReason(error);
  },

  offlineInsertSuffix: (table) => ` RETURNING ${table}.version_num`,

  createLock(spec, run, table): MigrationLock {
    const key = lockKey64(table);
    const database = spec.dialect === 'sqlite' ? '' : spec.database;
    // pg_locks shows a bigint advisory key as two 32-bit halves.
    const high = (key >> 32n) & 0xffffffffn;
    const low = key & 0xffffffffn;
    return {
      description: `on database "${database}" (PostgreSQL advisory lock ${key})`,
      async tryAcquire() {
        const { rows } = await run('SELECT pg_try_advisory_lock($1::bigint) AS acquired', [key.toString()]);
        return rows[0]?.acquired === true;
      },
      async holder() {
        const { rows } = await run(
          `SELECT l.pid, a.application_name FROM pg_locks l
             LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.classid::bigint = $1 AND l.objid::bigint = $2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [high.toString(), low.toString()],
        );
        const row = rows[0];
        if (row === undefined) return null;
        const name = row.application_name;
        return {
          connectionId: String(row.pid),
          applicationName: typeof name === 'string' && name !== '' ? name : null,
        };
      },
      async release() {
        await run('SELECT pg_advisory_unlock($1::bigint)', [key.toString()]);
      },
    };
  },

  async tableColumns(run, table) {
    const { rows } = await run(
      "SELECT column_name AS name, data_type || COALESCE('(' || character_maximum_length || ')', '') AS type, " +
        'character_maximum_length AS max FROM information_schema.columns ' +
        'WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema()) ORDER BY ordinal_position',
      [table.name, table.schema],
    );
    return columnShapes(rows);
  },
};
