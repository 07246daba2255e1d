import type { Corpus } from './types.js';

export const sqliteCorpus: Corpus = {
  statements: [
    'CREATE TABLE corpus_check (label TEXT PRIMARY KEY, body TEXT NOT NULL)',
    `-- accounts; one row per person
CREATE TABLE account (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL DEFAULT 'anonymous; unnamed',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked;', 'gone')),
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  updated_at TEXT
)`,
    'CREATE UNIQUE INDEX ux_account_email ON account (email)',
    "CREATE INDEX ix_account_active ON account (created_at) WHERE status = 'active'",
    'CREATE INDEX ix_account_lower_name ON account (lower(name))',
    `/* posts belong to accounts; deleting an account deletes its posts */
CREATE TABLE post (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT,
  published INTEGER NOT NULL DEFAULT 0
)`,
    'CREATE INDEX ix_post_account ON post (account_id, published)',
    `CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)`,
    `CREATE TRIGGER account_touch AFTER UPDATE OF email, name ON account
BEGIN
  UPDATE account SET updated_at = datetime('now') WHERE id = NEW.id;
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('account', NEW.id, 'update; touched');
END`,
    `CREATE TRIGGER IF NOT EXISTS post_audit AFTER INSERT ON post
WHEN NEW.published = 1
BEGIN
  INSERT INTO audit_log (entity, entity_id, action)
    VALUES ('post', NEW.id, CASE WHEN NEW.body IS NULL THEN 'published empty' ELSE 'published' END);
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('post', NEW.id, 'END; BEGIN');
END`,
    `CREATE TRIGGER account_status_guard BEFORE UPDATE OF status ON account
WHEN CASE WHEN OLD.status = 'gone' THEN 1 ELSE 0 END
BEGIN
  SELECT RAISE(ABORT, 'a gone account stays gone; create a new one');
END`,
    `CREATE TRIGGER post_delete_log AFTER DELETE ON post FOR EACH ROW BEGIN
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('post', OLD.id, 'delete');
END`,
    `CREATE VIEW published_post AS
  SELECT p.id, p.title, a.name AS author
  FROM post AS p JOIN account AS a ON a.id = p.account_id
  WHERE p.published = 1`,
    "INSERT INTO account (email, name) VALUES ('ada@example.com', 'Ada Lovelace')",
    "INSERT INTO account (email, name) VALUES ('grace@example.com', 'Grace; \"Amazing\" Hopper')",
    "INSERT INTO post (account_id, title, body, published) VALUES (1, 'Notes; on the engine', 'It''s -- not a comment', 1)",
    "INSERT INTO post (account_id, title, published) VALUES (2, '/* not a comment */', 1)",
    "UPDATE account SET name = 'Ada King' WHERE email = 'ada@example.com'",
    `-- strings with every quote in them
INSERT INTO corpus_check (label, body) VALUES ('doubled', 'it''s; done')`,
    `INSERT INTO corpus_check (label, body) VALUES ('double quotes', 'say "hi"; bye')`,
    "INSERT INTO corpus_check (label, body) VALUES ('backslash', 'C:\\temp\\')",
    "INSERT INTO corpus_check (label, body) VALUES ('comment marks', '-- /* # */')",
    'CREATE TABLE "odd;name" ("semi;colon" TEXT, `back;tick` TEXT, [square;bracket] TEXT)',
    `INSERT INTO "odd;name" ("semi;colon", \`back;tick\`, [square;bracket]) VALUES ('a', 'b', 'c')`,
    `INSERT INTO corpus_check (label, body)
  SELECT 'quoted names', "semi;colon" || \`back;tick\` || [square;bracket] FROM "odd;name"`,
    'CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID',
    `INSERT INTO setting (key, value) VALUES ('theme', 'dark')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    "INSERT INTO setting (key, value) VALUES ('theme', 'light') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "REPLACE INTO setting (key, value) VALUES ('locale', 'en;GB')",
    'CREATE TABLE measurement (id INTEGER PRIMARY KEY, reading REAL NOT NULL, unit TEXT NOT NULL) STRICT',
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO measurement (reading, unit) SELECT i * 1.5, 'kg' FROM n`,
    "DELETE FROM measurement WHERE reading > 12 AND unit = 'kg'",
    `CREATE TABLE invoice (
  id INTEGER PRIMARY KEY,
  net INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  gross INTEGER GENERATED ALWAYS AS (net + tax) VIRTUAL
)`,
    'ALTER TABLE account ADD COLUMN locale TEXT',
    'ALTER TABLE account RENAME COLUMN locale TO language',
    'CREATE VIRTUAL TABLE post_search USING fts5(title, body)',
    `INSERT INTO post_search (title, body) SELECT title, coalesce(body, '') FROM post`,
    "INSERT INTO corpus_check (label, body) VALUES ('blob', hex(X'3B27'))",
    `CREATE TEMP TABLE scratch AS SELECT id, email FROM account`,
    'DROP TABLE scratch',
    `/* a block comment; spanning
   several lines */ -- and a line comment
INSERT INTO corpus_check (label, body) VALUES ('after comments', 'ok')`,
    "INSERT INTO corpus_check (label, body) SELECT 'trigger ran', action FROM audit_log WHERE action = 'END; BEGIN' LIMIT 1",
    "INSERT INTO corpus_check (label, body) SELECT 'touch trigger', action FROM audit_log WHERE entity = 'account'",
    'PRAGMA user_version = 7',
  ],
  checks: {
    doubled: "it's; done",
    'double quotes': 'say "hi"; bye',
    backslash: 'C:\\temp\\',
    'comment marks': '-- /* # */',
    'quoted names': 'abc',
    blob: '3B27',
    'after comments': 'ok',
    'trigger ran': 'END; BEGIN',
    'touch trigger': 'update; touched',
  },
};
