import { isAbsolute, resolve } from 'node:path';
import type { DialectName } from '../dialect.js';
import { InvalidDatabaseUrlError } from './errors.js';
import { redactUrl, rememberSecretsOf, safeDecode, splitUrl } from './redact.js';

export { redactUrl } from './redact.js';

/** Where to connect, parsed from a database URL. */
export type ConnectionSpec =
  | {
      readonly dialect: 'sqlite';
      /** Absolute path of the database file, or `:memory:`. */
      readonly filename: string;
      readonly url: string;
    }
  | {
      readonly dialect: 'postgresql' | 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string | null;
      readonly database: string;
      /** The URL the driver receives: scheme normalised, query options kept. */
      readonly driverUrl: string;
      readonly url: string;
    };

const SCHEMES: Record<string, DialectName> = {
  sqlite: 'sqlite',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  mysql: 'mysql',
  mariadb: 'mysql',
};

const DEFAULT_PORTS = { postgresql: 5432, mysql: 3306 } as const;

/**
 * Parses the URLs an ambix or SQLAlchemy app uses: `sqlite:///relative.db`, `sqlite:////abs.db`,
 * `sqlite://` (memory), `postgres[ql]://`, `mysql://`, `mariadb://`, with or without a driver suffix
 * (`postgresql+psycopg2://`), so a Python app's `DATABASE_URL` works unchanged. As SQLAlchemy does,
 * a password may hold `/`, `#`, `?`, `:` or `@` unencoded: the credentials end at the last `@`
 * (see `redact.ts`). No message ever quotes the credentials.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): ConnectionSpec {
  rememberSecretsOf(url);
  const parts = splitUrl(url);
  const dialect = parts === null ? undefined : SCHEMES[parts.scheme.replace(/\+.*$/, '').toLowerCase()];
  if (parts === null || dialect === undefined) {
    throw new InvalidDatabaseUrlError(
      `Unsupported database URL ${redactUrl(url)}: use sqlite:///path.db, postgresql://user@host/db or ` +
        'mysql://user@host/db.',
    );
  }
  if (dialect === 'sqlite') return { dialect, filename: sqliteFilename(parts.location, cwd), url };

  const scheme = dialect === 'postgresql' ? 'postgresql' : 'mysql';
  const unreadable = (reason: string, host?: string): InvalidDatabaseUrlError =>
    new InvalidDatabaseUrlError(
      `Cannot read the database URL (${parts.scheme}://${host === undefined || host === '' ? '' : `…@${host}`}): ${reason}.`,
    );
  const location = /^(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/s.exec(
    parts.location,
  );
  if (location === null) throw unreadable('the host part is malformed');
  const [, host = '', port, path = '', query] = location;
  if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9._~%-]*)$/i.test(host)) {
    throw unreadable(`the host "${host}" holds characters a host name cannot`, host);
  }
  if (port !== undefined && port !== '' && !(/^\d+$/.test(port) && Number(port) <= 65535)) {
    throw unreadable(`the port "${port}" is not a number from 0 to 65535`, host);
  }
  const database = safeDecode(path);
  if (database === '') {
    throw new InvalidDatabaseUrlError(
      `The database URL ${redactUrl(url)} names no database; add it as the path (…/dbname).`,
    );
  }
  const credentials = parts.credentials === null ? null : splitCredentials(parts.credentials);
  // The drivers parse URLs with WHATWG's parser: hand them the credentials percent-encoded.
  const userinfo =
    credentials === null
      ? ''
      : `${encodeURIComponent(credentials.user)}${credentials.password === null ? '' : `:${encodeURIComponent(credentials.password)}`}@`;
  const driverUrl =
    `${scheme}://${userinfo}${host}${port === undefined || port === '' ? '' : `:${port}`}/${path}` +
    (query === undefined ? '' : `?${query}`);
  return {
    dialect,
    host: host === '' ? 'localhost' : host.replace(/^\[(.*)\]$/, '$1'),
    port: port === undefined || port === '' ? DEFAULT_PORTS[dialect] : Number(port),
    user: credentials?.user || (dialect === 'postgresql' ? defaultUser() : 'root'),
    password: credentials === null || credentials.password === '' ? null : credentials.password,
    database,
    driverUrl,
    url,
  };
}

/** `user:password`, each percent-decoded; the user ends at the first `:`. */
function splitCredentials(credentials: string): { user: string; password: string | null } {
  const colon = credentials.indexOf(':');
  if (colon === -1) return { user: safeDecode(credentials), password: null };
  return {
    user: safeDecode(credentials.slice(0, colon)),
    password: safeDecode(credentials.slice(colon + 1)),
  };
}

/** SQLAlchemy's rule: the path after the third slash is the file, relative unless it starts with `/`. */
function sqliteFilename(rest: string, cwd: string): string {
  const withoutQuery = rest.replace(/\?.*$/, '');
  if (withoutQuery === '' || withoutQuery === '/' || withoutQuery === '/:memory:') return ':memory:';
  if (!withoutQuery.startsWith('/')) {
    throw new InvalidDatabaseUrlError(
      `SQLite URLs have no host: write sqlite:///relative/path.db or sqlite:////absolute/path.db (got sqlite://${withoutQuery}).`,
    );
  }
  const path = decodeURIComponent(withoutQuery.slice(1));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function defaultUser(): string {
  return process.env.PGUSER ?? process.env.USER ?? 'postgres';
}

/** `user@host:port/database` (no password) for messages about a connection. */
export function describeConnection(spec: ConnectionSpec): string {
  if (spec.dialect === 'sqlite') return `SQLite database ${spec.filename}`;
  const server = spec.dialect === 'postgresql' ? 'PostgreSQL' : 'MySQL/MariaDB';
  return `${server} database "${spec.database}" at ${spec.host}:${spec.port} as user "${spec.user}"`;
}
