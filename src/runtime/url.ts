import { isAbsolute, resolve } from 'node:path';
import type { DialectName } from '../dialect.js';
import { InvalidDatabaseUrlError } from './errors.js';

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
 * (`postgresql+psycopg2://`), so a Python app's `DATABASE_URL` works unchanged.
 */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): ConnectionSpec {
  const match = /^([a-z][a-z0-9]*)(?:\+[a-z0-9_]+)?:\/\/(.*)$/i.exec(url);
  const dialect = match ? SCHEMES[match[1]!.toLowerCase()] : undefined;
  if (!match || dialect === undefined) {
    throw new InvalidDatabaseUrlError(
      `Unsupported database URL ${redactUrl(url)}: use sqlite:///path.db, postgresql://user@host/db or ` +
        'mysql://user@host/db.',
    );
  }
  const rest = match[2]!;
  if (dialect === 'sqlite') return { dialect, filename: sqliteFilename(rest, cwd), url };

  const scheme = dialect === 'postgresql' ? 'postgresql' : 'mysql';
  const driverUrl = `${scheme}://${rest}`;
  let parsed: URL;
  try {
    parsed = new URL(driverUrl);
  } catch {
    throw new InvalidDatabaseUrlError(`Cannot parse the database URL ${redactUrl(url)}.`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') {
    throw new InvalidDatabaseUrlError(
      `The database URL ${redactUrl(url)} names no database; add it as the path (…/dbname).`,
    );
  }
  return {
    dialect,
    host: parsed.hostname === '' ? 'localhost' : parsed.hostname,
    port: parsed.port === '' ? DEFAULT_PORTS[dialect] : Number(parsed.port),
    user: decodeURIComponent(parsed.username) || (dialect === 'postgresql' ? defaultUser() : 'root'),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    database,
    driverUrl,
    url,
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

/** The URL with its password replaced by `***`: the only form in which a URL may be printed. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^@/?#]*@/i, '$1:***@');
}

/** `user@host:port/database` (no password) for messages about a connection. */
export function describeConnection(spec: ConnectionSpec): string {
  if (spec.dialect === 'sqlite') return `SQLite database ${spec.filename}`;
  const server = spec.dialect === 'postgresql' ? 'PostgreSQL' : 'MySQL/MariaDB';
  return `${server} database "${spec.database}" at ${spec.host}:${spec.port} as user "${spec.user}"`;
}
