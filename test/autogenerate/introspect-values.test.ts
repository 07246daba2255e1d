import { describe, expect, it } from 'vitest';
import {
  mysqlColumnType,
  postgresqlColumnType,
  sqliteColumnType,
} from '../../src/autogenerate/introspect/column-types.js';
import {
  mysqlDefault,
  postgresqlDefault,
  sqliteDefault,
} from '../../src/autogenerate/introspect/defaults.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';

describe('catalog types to neutral column types', () => {
  it('maps the spellings ambix renders back to their kinds and keeps the rest raw', () => {
    expect(sqliteColumnType('varchar(50)')).toEqual(t.string(50));
    expect(sqliteColumnType('NUMERIC(10,2)')).toEqual(t.numeric(10, 2));
    // INT is no rowid alias where INTEGER is: only the exact spelling is `integer`.
    expect(sqliteColumnType('INT')).toEqual(t.raw('INT'));
    expect(sqliteColumnType('')).toEqual(t.raw(''));
    expect(postgresqlColumnType('character varying(255)')).toEqual(t.string(255));
    expect(postgresqlColumnType('timestamp without time zone')).toEqual(t.datetime());
    expect(postgresqlColumnType('integer[]')).toEqual(t.raw('INTEGER[]'));
    expect(postgresqlColumnType('time with time zone')).toEqual(t.raw('TIME WITH TIME ZONE'));
    expect(mysqlColumnType('tinyint(1)', false)).toEqual(t.boolean());
    expect(mysqlColumnType('tinyint(4)', false)).toEqual(t.raw('TINYINT'));
    expect(mysqlColumnType('int(11)', false)).toEqual(t.integer());
    expect(mysqlColumnType('int(10) unsigned', false)).toEqual(t.raw('INT UNSIGNED'));
    expect(mysqlColumnType('varbinary(16)', false)).toEqual(t.binary(16));
    expect(mysqlColumnType('longtext', true)).toEqual(t.json());
    expect(mysqlColumnType('longtext', false)).toEqual(t.raw('LONGTEXT'));
  });
});

describe('server defaults to neutral defaults', () => {
  it('strips PostgreSQL casts from literals and types them by the column', () => {
    expect(postgresqlDefault("'x''y'::character varying", t.string(5))).toBe("x'y");
    expect(postgresqlDefault("'-1'::integer", t.integer())).toBe(-1);
    expect(postgresqlDefault("'-1'::character varying", t.string())).toBe('-1');
    expect(postgresqlDefault("'{}'::jsonb", t.jsonb())).toBe('{}');
    expect(postgresqlDefault("'2020-01-01'::date", t.date())).toBe('2020-01-01');
    expect(postgresqlDefault('NULL::character varying', t.string())).toBeNull();
    expect(postgresqlDefault('false', t.boolean())).toBe(false);
    expect(postgresqlDefault('CURRENT_TIMESTAMP', t.timestamp({ withTimeZone: true }))).toEqual(now());
    expect(postgresqlDefault("lower('X'::text)", t.text())).toEqual(sqlExpression("lower('X'::text)"));
    expect(postgresqlDefault("('a'::text || 'b'::text)", t.text())).toEqual(
      sqlExpression("('a'::text || 'b'::text)"),
    );
  });

  it('reads SQLite defaults as written', () => {
    expect(sqliteDefault("'it''s'", t.text())).toBe("it's");
    expect(sqliteDefault('0', t.boolean())).toBe(false);
    expect(sqliteDefault('0', t.integer())).toBe(0);
    expect(sqliteDefault('CURRENT_TIMESTAMP', t.datetime())).toEqual(now());
    expect(sqliteDefault("'a' || 'b'", t.text())).toEqual(sqlExpression("'a' || 'b'"));
  });

  it('reads MariaDB quoted literals and MySQL 8 bare literals and generated defaults', () => {
    expect(mysqlDefault("'x'", '', t.string(5), true)).toBe('x');
    expect(mysqlDefault('NULL', '', t.string(5), true)).toBeNull();
    expect(mysqlDefault('-1.50', '', t.numeric(10, 2), true)).toBe(-1.5);
    expect(mysqlDefault('current_timestamp()', '', t.datetime(), true)).toEqual(now());
    expect(mysqlDefault('x', '', t.string(5), false)).toBe('x');
    expect(mysqlDefault('1', '', t.boolean(), false)).toBe(true);
    expect(mysqlDefault('7', '', t.string(5), false)).toBe('7');
    expect(mysqlDefault('CURRENT_TIMESTAMP', 'DEFAULT_GENERATED', t.datetime(), false)).toEqual(now());
    expect(mysqlDefault("lower(_utf8mb4'X')", 'DEFAULT_GENERATED', t.string(5), false)).toEqual(
      sqlExpression("lower(_utf8mb4'X')"),
    );
  });

  it('unescapes the backslashes, newlines and NULs MariaDB escapes in a printed literal', () => {
    expect(mysqlDefault("'C:\\\\temp'", '', t.string(9), true)).toBe('C:\\temp');
    expect(mysqlDefault("'a\\nb\\0c''d'", '', t.string(9), true)).toBe("a\nb\0c'd");
  });
});
