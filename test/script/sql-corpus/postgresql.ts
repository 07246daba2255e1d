import type { Corpus } from './types.js';

export const postgresqlCorpus: Corpus = {
  statements: [
    'CREATE TABLE corpus_check (label text PRIMARY KEY, body text NOT NULL)',
    'CREATE SCHEMA app',
    "CREATE TYPE app.mood AS ENUM ('sad', 'ok;', 'happy')",
    "CREATE DOMAIN app.email AS text CHECK (VALUE ~ '^[^@;]+@[^@]+$')",
    'CREATE SEQUENCE app.invoice_number START 1000 INCREMENT 1',
    `-- people; the core table
CREATE TABLE app.person (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email app.email NOT NULL UNIQUE,
  display_name text NOT NULL DEFAULT 'it''s me; hello',
  mood app.mood NOT NULL DEFAULT 'ok;',
  tags text[] NOT NULL DEFAULT '{}',
  profile jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
)`,
    "COMMENT ON TABLE app.person IS 'people; one row each'",
    'CREATE INDEX ix_person_profile ON app.person USING gin (profile jsonb_path_ops)',
    "CREATE INDEX ix_person_recent ON app.person (created_at DESC) WHERE mood <> 'sad'",
    `/* updated_at is kept by a trigger /* nested comment; still inside */ on every UPDATE */
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$`,
    `CREATE TRIGGER person_touch BEFORE UPDATE ON app.person
  FOR EACH ROW EXECUTE FUNCTION app.touch()`,
    `CREATE FUNCTION app.slug(title text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  result text;
BEGIN
  -- a $$ inside a tagged body is just text; so is a ;
  result := lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g'));
  RETURN trim(both '-' from result);
END
$fn$`,
    `CREATE FUNCTION app.add(a integer, b integer) RETURNS integer
  LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
  SELECT CASE WHEN a IS NULL THEN b ELSE a + b END;
END`,
    `CREATE PROCEDURE app.log_count(label text)
LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO corpus_check (label, body) SELECT label, count(*)::text FROM app.person;
  UPDATE corpus_check SET body = body || ' people' WHERE corpus_check.label = log_count.label;
END`,
    `CREATE FUNCTION app.run_dynamic() RETURNS void LANGUAGE plpgsql AS $outer$
BEGIN
  EXECUTE $q$INSERT INTO corpus_check (label, body) VALUES ('dynamic', 'ran; inside')$q$;
END
$outer$`,
    "INSERT INTO app.person (email, display_name) VALUES ('ada@example.com', 'Ada')",
    "INSERT INTO app.person (email, display_name, tags) VALUES ('grace@example.com', 'Grace', '{\"navy;\",compilers}')",
    `INSERT INTO app.person (email, profile)
  VALUES ('linus@example.com', '{"shell": "bash; zsh", "editor": {"name": "ed"}}')`,
    "UPDATE app.person SET mood = 'happy' WHERE email = 'ada@example.com'",
    "INSERT INTO corpus_check (label, body) VALUES ('escape string', E'it\\'s; escaped\\tTab')",
    "INSERT INTO corpus_check (label, body) VALUES ('standard backslash', 'C:\\temp\\')",
    "INSERT INTO corpus_check (label, body) VALUES ('doubled', 'it''s; done')",
    "INSERT INTO corpus_check (label, body) VALUES ('unicode escape', U&'d\\0061t\\+000061;')",
    "INSERT INTO corpus_check (label, body) VALUES ('dollar string', $$it's; a $1 $$)",
    `INSERT INTO corpus_check (label, body)
  SELECT 'json path', profile #>> '{editor,name}' FROM app.person WHERE email = 'linus@example.com'`,
    "INSERT INTO corpus_check (label, body) SELECT 'slug', app.slug('Hello; World!')",
    "INSERT INTO corpus_check (label, body) SELECT 'sql body', app.add(2, 3)::text",
    "CALL app.log_count('procedure')",
    'SELECT app.run_dynamic()',
    `DO $$
DECLARE
  n integer;
BEGIN
  SELECT count(*) INTO n FROM app.person;
  INSERT INTO corpus_check (label, body) VALUES ('do block', n || ' rows; counted');
END
$$`,
    'CREATE TABLE "odd;name" ("semi;colon" text, "quote""d" text, a$b text)',
    `INSERT INTO "odd;name" ("semi;colon", "quote""d", a$b) VALUES ('a', 'b', 'c')`,
    `INSERT INTO corpus_check (label, body) SELECT 'quoted names', "semi;colon" || "quote""d" || a$b FROM "odd;name"`,
    `CREATE TABLE app.event (
  id bigint NOT NULL,
  happened_on date NOT NULL,
  payload jsonb
) PARTITION BY RANGE (happened_on)`,
    "CREATE TABLE app.event_2026 PARTITION OF app.event FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
    'INSERT INTO app.event VALUES (1, \'2026-06-01\', \'{"kind": "signup;"}\')',
    `CREATE MATERIALIZED VIEW app.mood_count AS
  SELECT mood, count(*) AS n FROM app.person GROUP BY mood`,
    "ALTER TABLE app.person ADD CONSTRAINT person_name_not_blank CHECK (display_name <> '')",
    'ALTER TABLE app.person ENABLE ROW LEVEL SECURITY',
    "CREATE POLICY person_self ON app.person USING (email = current_setting('app.email', true))",
    `WITH moved AS (
  UPDATE app.person SET tags = array_append(tags, 'moved') WHERE mood = 'happy' RETURNING id
)
INSERT INTO corpus_check (label, body) SELECT 'cte', count(*)::text FROM moved`,
    `INSERT INTO corpus_check (label, body) VALUES ('upsert', 'first')
  ON CONFLICT (label) DO UPDATE SET body = EXCLUDED.body || '; again'`,
    "INSERT INTO corpus_check (label, body) VALUES ('upsert', 'second') ON CONFLICT (label) DO UPDATE SET body = corpus_check.body || '; again'",
    'PREPARE find_person (text) AS SELECT id FROM app.person WHERE email = $1',
    'DEALLOCATE find_person',
    `-- a line comment; then the statement
/* and a block one */
INSERT INTO corpus_check (label, body) VALUES ('after comments', 'ok')`,
  ],
  checks: {
    dynamic: 'ran; inside',
    'escape string': "it's; escaped\tTab",
    'standard backslash': 'C:\\temp\\',
    doubled: "it's; done",
    'unicode escape': 'data;',
    'dollar string': "it's; a $1 ",
    'json path': 'ed',
    slug: 'hello-world',
    'sql body': '5',
    procedure: '3 people',
    'do block': '3 rows; counted',
    'quoted names': 'abc',
    cte: '1',
    upsert: 'first; again',
    'after comments': 'ok',
  },
};
