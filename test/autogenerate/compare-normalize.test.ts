import { describe, expect, it } from 'vitest';
import { canonicalDefault, canonicalSql, canonicalType } from '../../src/autogenerate/compare/index.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';

/** Rules for what counts as "the same" on each database, with the spellings the databases report. */
describe('type normalisation', () => {
  it('spells a neutral VARCHAR with no length as VARCHAR(255) on MySQL, as the DDL renderer writes it', () => {
    expect(canonicalType('mysql', t.string())).toBe(canonicalType('mysql', t.raw('VARCHAR(255)')));
    expect(canonicalType('postgresql', t.string())).not.toBe(
      canonicalType('postgresql', t.raw('VARCHAR(255)')),
    );
  });

  it('treats INT and INTEGER (and integer display widths) as one type on MySQL', () => {
    expect(canonicalType('mysql', t.raw('INT'))).toBe(canonicalType('mysql', t.integer()));
    expect(canonicalType('mysql', t.raw('int(11)'))).toBe(canonicalType('mysql', t.integer()));
    expect(canonicalType('mysql', t.raw('BIGINT(20)'))).toBe(canonicalType('mysql', t.bigint()));
  });

  it("treats MySQL's TINYINT(1) as the boolean it renders BOOL to", () => {
    expect(canonicalType('mysql', t.raw('TINYINT(1)'))).toBe(canonicalType('mysql', t.boolean()));
    expect(canonicalType('mysql', t.raw('TINYINT(4)'))).not.toBe(canonicalType('mysql', t.boolean()));
  });

  it('treats DECIMAL and NUMERIC, with the spacing each database prints, as one type', () => {
    expect(canonicalType('mysql', t.raw('DECIMAL(10, 2)'))).toBe(canonicalType('mysql', t.numeric(10, 2)));
    expect(canonicalType('postgresql', t.raw('numeric(10,2)'))).toBe(
      canonicalType('postgresql', t.numeric(10, 2)),
    );
    expect(canonicalType('mysql', t.raw('DECIMAL(10,0)'))).toBe(canonicalType('mysql', t.numeric()));
  });

  it('reads PostgreSQL catalog spellings as the types ambix writes', () => {
    expect(canonicalType('postgresql', t.raw('character varying(50)'))).toBe(
      canonicalType('postgresql', t.string(50)),
    );
    expect(canonicalType('postgresql', t.raw('timestamp'))).toBe(canonicalType('postgresql', t.datetime()));
    expect(canonicalType('postgresql', t.raw('timestamptz'))).toBe(
      canonicalType('postgresql', t.timestamp({ withTimeZone: true })),
    );
    expect(canonicalType('postgresql', t.raw('TIME WITHOUT TIME ZONE'))).toBe(
      canonicalType('postgresql', t.time()),
    );
    expect(canonicalType('postgresql', t.raw('int4'))).toBe(canonicalType('postgresql', t.integer()));
    expect(canonicalType('postgresql', t.raw('float8'))).toBe(canonicalType('postgresql', t.double()));
  });

  it('upper-cases raw types and folds their whitespace', () => {
    expect(canonicalType('sqlite', t.raw('  varchar ( 20 )'))).toBe(
      canonicalType('sqlite', t.raw('VARCHAR(20)')),
    );
    expect(canonicalType('mysql', t.raw("enum('a',  'b')"))).toBe(
      canonicalType('mysql', t.raw("ENUM('a', 'b')")),
    );
  });

  it('keeps types that differ apart', () => {
    expect(canonicalType('sqlite', t.string(50))).not.toBe(canonicalType('sqlite', t.string(100)));
    expect(canonicalType('postgresql', t.json())).not.toBe(canonicalType('postgresql', t.jsonb()));
    expect(canonicalType('mysql', t.raw('INT UNSIGNED'))).not.toBe(canonicalType('mysql', t.integer()));
  });
});

describe('server default normalisation', () => {
  it("strips PostgreSQL's casts from literals", () => {
    expect(canonicalDefault('postgresql', sqlExpression("'x'::character varying"), true)).toBe(
      canonicalDefault('postgresql', 'x', true),
    );
    expect(canonicalDefault('postgresql', sqlExpression("'2.5'::numeric"), false)).toBe(
      canonicalDefault('postgresql', 2.5, false),
    );
    expect(canonicalDefault('postgresql', sqlExpression("'{}'::jsonb"), false)).toBe(
      canonicalDefault('postgresql', '{}', false),
    );
  });

  it('treats now(), CURRENT_TIMESTAMP and current_timestamp() as one default', () => {
    const expected = canonicalDefault('postgresql', now(), false);
    expect(canonicalDefault('postgresql', sqlExpression('now()'), false)).toBe(expected);
    expect(canonicalDefault('sqlite', sqlExpression('CURRENT_TIMESTAMP'), false)).toBe(
      canonicalDefault('sqlite', now(), false),
    );
    expect(canonicalDefault('mysql', sqlExpression('current_timestamp()'), false)).toBe(
      canonicalDefault('mysql', now(), false),
    );
  });

  it('treats booleans written as true/false or 1/0 as one default', () => {
    expect(canonicalDefault('postgresql', sqlExpression('true'), false)).toBe(
      canonicalDefault('postgresql', true, false),
    );
    expect(canonicalDefault('sqlite', sqlExpression('1'), false)).toBe(
      canonicalDefault('sqlite', true, false),
    );
    expect(canonicalDefault('mysql', 0, false)).toBe(canonicalDefault('mysql', false, false));
  });

  it("treats a quoted number as the number on a numeric column, as SQLite and MariaDB report '1' and 0.00", () => {
    expect(canonicalDefault('sqlite', sqlExpression("'1'"), false)).toBe(
      canonicalDefault('sqlite', 1, false),
    );
    expect(canonicalDefault('mysql', sqlExpression('0.00'), false)).toBe(canonicalDefault('mysql', 0, false));
    expect(canonicalDefault('postgresql', sqlExpression("'-1'::integer"), false)).toBe(
      canonicalDefault('postgresql', -1, false),
    );
  });

  it('keeps a quoted number distinct from the number on a text column', () => {
    expect(canonicalDefault('sqlite', '007', true)).not.toBe(canonicalDefault('sqlite', 7, true));
  });

  it('drops the parentheses SQLite and MySQL need around expressions', () => {
    expect(canonicalDefault('sqlite', sqlExpression("(lower('X'))"), true)).toBe(
      canonicalDefault('sqlite', sqlExpression("lower('X')"), true),
    );
  });

  it('treats a NULL default as no default', () => {
    expect(canonicalDefault('mysql', sqlExpression('NULL'), true)).toBeNull();
  });

  it('keeps different literals apart', () => {
    expect(canonicalDefault('sqlite', 'a', true)).not.toBe(canonicalDefault('sqlite', 'A', true));
    expect(canonicalDefault('postgresql', 1, false)).not.toBe(canonicalDefault('postgresql', 2, false));
  });
});

describe('condition and expression normalisation', () => {
  it('reads PostgreSQL check text with casts and added parentheses as the condition written', () => {
    expect(canonicalSql('(price >= (0)::numeric)')).toBe(canonicalSql('price >= 0'));
    expect(canonicalSql('score >= 0::numeric')).toBe(canonicalSql('score >= 0'));
  });

  it("reads MariaDB's backquoted identifiers and octet_length as the condition written", () => {
    expect(canonicalSql('octet_length(`nickname`) > 1')).toBe(canonicalSql('length(nickname) > 1'));
  });

  it("reads PostgreSQL's = ANY (ARRAY[...]) as the IN list written", () => {
    expect(
      canonicalSql(
        "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      ),
    ).toBe(canonicalSql("status IN ('a', 'b')"));
  });

  it('lower-cases keywords but keeps string literals as written', () => {
    expect(canonicalSql('email IS NOT NULL')).toBe(canonicalSql('(email is not null)'));
    expect(canonicalSql("kind = 'A'")).not.toBe(canonicalSql("kind = 'a'"));
  });

  it("reads PostgreSQL's index expression lower(email::text) as lower(email)", () => {
    expect(canonicalSql('lower((email)::text)')).toBe(canonicalSql('lower(email)'));
  });

  it('keeps different comparisons apart', () => {
    expect(canonicalSql('score > 0')).not.toBe(canonicalSql('score >= 0'));
  });
});

describe('type normalisation of literals', () => {
  it('keeps the case of enum values', () => {
    expect(canonicalType('mysql', t.raw("ENUM('a')"))).not.toBe(canonicalType('mysql', t.raw("ENUM('A')")));
  });
});

describe('MariaDB function spellings', () => {
  it('reads lcase and ucase, as MariaDB prints lower and upper, as the functions written', () => {
    expect(canonicalSql("lcase('X')")).toBe(canonicalSql("lower('X')"));
    expect(canonicalSql('ucase(`name`)')).toBe(canonicalSql('upper(name)'));
  });
});

describe('numbers PostgreSQL prints as cast strings', () => {
  it("reads '-100'::integer in a check as the number -100", () => {
    expect(canonicalSql("c >= '-100'::integer")).toBe(canonicalSql('c >= -100'));
    expect(canonicalSql("c = '-100'")).not.toBe(canonicalSql('c = -100'));
  });
});

describe('conditions PostgreSQL rewrites', () => {
  it("reads PostgreSQL's expanded BETWEEN and NOT BETWEEN as the BETWEEN written", () => {
    expect(canonicalSql('(n >= 1) AND (n <= 10)')).toBe(canonicalSql('n BETWEEN 1 AND 10'));
    expect(canonicalSql("n < '-5'::integer OR n > '-1'::integer")).toBe(
      canonicalSql('n NOT BETWEEN -5 AND -1'),
    );
    expect(canonicalSql('length(name::text) >= 1 AND length(name::text) <= 20')).toBe(
      canonicalSql('length(name) BETWEEN 1 AND 20'),
    );
  });

  it('keeps BETWEEN bounds that differ apart', () => {
    expect(canonicalSql('n BETWEEN 1 AND 10')).not.toBe(canonicalSql('n BETWEEN 1 AND 11'));
  });

  it("reads PostgreSQL's ~~, !~~, ~~* and !~~* as LIKE, NOT LIKE, ILIKE and NOT ILIKE", () => {
    expect(canonicalSql("(name)::text ~~ 'x%'::text")).toBe(canonicalSql("name LIKE 'x%'"));
    expect(canonicalSql("name::text !~~ 'x%'::text")).toBe(canonicalSql("name NOT LIKE 'x%'"));
    expect(canonicalSql("name::text ~~* 'x%'::text")).toBe(canonicalSql("name ILIKE 'x%'"));
    expect(canonicalSql("name::text !~~* 'x%'::text")).toBe(canonicalSql("name NOT ILIKE 'x%'"));
    expect(canonicalSql("name LIKE 'x%'")).not.toBe(canonicalSql("name NOT LIKE 'x%'"));
  });
});

describe('date defaults MariaDB prints as functions', () => {
  it('treats CURRENT_DATE and curdate(), CURRENT_TIME and curtime() as one default', () => {
    expect(canonicalDefault('mysql', sqlExpression('curdate()'), false)).toBe(
      canonicalDefault('mysql', sqlExpression('CURRENT_DATE'), false),
    );
    expect(canonicalDefault('mysql', sqlExpression('curtime()'), false)).toBe(
      canonicalDefault('mysql', sqlExpression('CURRENT_TIME'), false),
    );
    expect(canonicalDefault('mysql', sqlExpression('CURRENT_DATE'), false)).not.toBe(
      canonicalDefault('mysql', now(), false),
    );
  });
});

describe('SQLite spellings of hand-written tables', () => {
  it("treats SQLite's TIMESTAMP and REAL as the DATETIME and FLOAT ambix writes, there only", () => {
    expect(canonicalType('sqlite', t.raw('timestamp'))).toBe(canonicalType('sqlite', t.datetime()));
    expect(canonicalType('sqlite', t.raw('REAL'))).toBe(canonicalType('sqlite', t.float()));
    expect(canonicalType('mysql', t.raw('TIMESTAMP'))).not.toBe(canonicalType('mysql', t.datetime()));
  });
});
