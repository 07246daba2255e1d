import { describe, expect, it } from 'vitest';
import { InvalidDatabaseUrlError } from '../../src/runtime/errors.js';
import { describeConnection, parseDatabaseUrl, redactUrl } from '../../src/runtime/url.js';

describe('parseDatabaseUrl', () => {
  it('reads sqlite:///relative.db relative to the working directory', () => {
    expect(parseDatabaseUrl('sqlite:///data/app.db', '/srv/app')).toMatchObject({
      dialect: 'sqlite',
      filename: '/srv/app/data/app.db',
    });
  });

  it('reads sqlite:////absolute.db as an absolute path', () => {
    expect(parseDatabaseUrl('sqlite:////var/lib/app.db', '/srv/app')).toMatchObject({
      filename: '/var/lib/app.db',
    });
  });

  it.each(['sqlite://', 'sqlite:///:memory:', 'sqlite+pysqlite://'])(
    'reads %s as an in-memory database',
    (url) => {
      expect(parseDatabaseUrl(url)).toMatchObject({ dialect: 'sqlite', filename: ':memory:' });
    },
  );

  it('rejects a SQLite URL with a host, saying how to write the path', () => {
    expect(() => parseDatabaseUrl('sqlite://app.db')).toThrow(/sqlite:\/\/\/relative\/path\.db/);
  });

  it.each([
    ['postgres://u:p@db.internal:6543/app', 'postgresql', 6543],
    ['postgresql://u@db.internal/app', 'postgresql', 5432],
    ['postgresql+psycopg2://u:p@db.internal/app', 'postgresql', 5432],
    ['mysql://u@db.internal/app', 'mysql', 3306],
    ['mariadb://u@db.internal:3307/app', 'mysql', 3307],
    ['mysql+pymysql://u:p@db.internal/app', 'mysql', 3306],
  ] as const)('reads %s as %s on port %i', (url, dialect, port) => {
    expect(parseDatabaseUrl(url)).toMatchObject({
      dialect,
      host: 'db.internal',
      port,
      user: 'u',
      database: 'app',
    });
  });

  it('hands the driver the URL with its query options and without the SQLAlchemy driver suffix', () => {
    const spec = parseDatabaseUrl('postgresql+psycopg2://u:p%40ss@h/app?sslmode=require&connect_timeout=5');
    expect(spec).toMatchObject({
      driverUrl: 'postgresql://u:p%40ss@h/app?sslmode=require&connect_timeout=5',
      password: 'p@ss',
    });
  });

  it('rejects an unknown scheme with the URL redacted', () => {
    const parse = () => parseDatabaseUrl('oracle://scott:tiger@h/db');
    expect(parse).toThrow(InvalidDatabaseUrlError);
    expect(parse).toThrow(/oracle:\/\/scott:\*\*\*@h\/db/);
  });

  it('rejects a server URL that names no database', () => {
    expect(() => parseDatabaseUrl('postgresql://u@h')).toThrow(/names no database/);
  });
});

describe('redactUrl', () => {
  it('replaces the password with ***', () => {
    expect(redactUrl('postgresql://app:s3cr3t@db:5432/app?sslmode=require')).toBe(
      'postgresql://app:***@db:5432/app?sslmode=require',
    );
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactUrl('mysql://root@127.0.0.1/app')).toBe('mysql://root@127.0.0.1/app');
    expect(redactUrl('sqlite:////var/app.db')).toBe('sqlite:////var/app.db');
  });

  it('redacts URLs with a driver suffix', () => {
    expect(redactUrl('mysql+pymysql://u:pw@h/db')).toBe('mysql+pymysql://u:***@h/db');
  });
});

describe('describeConnection', () => {
  it('names host, port, user and database but never the password', () => {
    const text = describeConnection(parseDatabaseUrl('postgresql://deploy:topsecret@db:5433/shop'));
    expect(text).toBe('PostgreSQL database "shop" at db:5433 as user "deploy"');
  });
});
