import type { Corpus } from './types.js';

export const mysqlCorpus: Corpus = {
  statements: [
    '/*!40101 SET @saved_cs_client = @@character_set_client */',
    '/*!40101 SET character_set_client = utf8mb4 */',
    'CREATE TABLE corpus_check (label VARCHAR(64) PRIMARY KEY, body TEXT NOT NULL)',
    `# accounts; one row per person
CREATE TABLE account (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) NOT NULL DEFAULT 'it\\'s me; hello',
  status ENUM('active', 'locked;', 'gone') NOT NULL DEFAULT 'active',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NULL ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY ux_account_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people; one row each'`,
    `-- posts belong to accounts
CREATE TABLE post (
  id BIGINT NOT NULL AUTO_INCREMENT,
  account_id INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  body MEDIUMTEXT,
  published TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY ix_post_account (account_id, published),
  CONSTRAINT fk_post_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB`,
    `CREATE TABLE audit_log (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  entity VARCHAR(32) NOT NULL,
  entity_id BIGINT NOT NULL,
  action VARCHAR(100) NOT NULL
)`,
    'CREATE TRIGGER post_before_insert BEFORE INSERT ON post FOR EACH ROW SET NEW.title = TRIM(NEW.title)',
    {
      delimiter: '$$',
      sql: `CREATE TRIGGER post_after_insert AFTER INSERT ON post
FOR EACH ROW
BEGIN
  IF NEW.published = 1 THEN
    INSERT INTO audit_log (entity, entity_id, action) VALUES ('post', NEW.id, 'published; live');
  END IF;
  INSERT INTO audit_log (entity, entity_id, action) VALUES ('post', NEW.id, 'END; BEGIN');
END`,
    },
    {
      delimiter: '//',
      sql: `CREATE PROCEDURE count_posts(IN who INT UNSIGNED, OUT total INT)
BEGIN
  DECLARE n INT DEFAULT 0;
  SELECT COUNT(*) INTO n FROM post WHERE account_id = who;
  SET total = n;
END`,
    },
    {
      delimiter: ';;',
      sql: `CREATE FUNCTION initials(full_name VARCHAR(100)) RETURNS VARCHAR(10) DETERMINISTIC NO SQL
BEGIN
  DECLARE result VARCHAR(10) DEFAULT '';
  DECLARE rest VARCHAR(100) DEFAULT TRIM(full_name);
  WHILE rest <> '' DO
    SET result = CONCAT(result, LEFT(rest, 1));
    SET rest = TRIM(SUBSTRING(rest, LOCATE(' ', CONCAT(rest, ' '))));
  END WHILE;
  RETURN result;
END`,
    },
    "INSERT INTO account (email, name) VALUES ('ada@example.com', 'Ada Lovelace')",
    `INSERT INTO account (email, name) VALUES ('grace@example.com', "Grace \\"Amazing\\" Hopper; RADM")`,
    "INSERT INTO post (account_id, title, body, published) VALUES (1, '  Notes; on the engine  ', 'It''s # not a comment', 1)",
    "INSERT INTO post (account_id, title, published) VALUES (2, '/* not a comment */', 0)",
    "UPDATE account SET name = 'Ada King' WHERE email = 'ada@example.com'",
    "INSERT INTO corpus_check (label, body) VALUES ('backslash quote', 'O\\'Brien; Ltd')",
    "INSERT INTO corpus_check (label, body) VALUES ('doubled', 'it''s; done')",
    `INSERT INTO corpus_check (label, body) VALUES ('double quoted', "say \\"hi\\"; bye")`,
    "INSERT INTO corpus_check (label, body) VALUES ('escaped backslash', 'C:\\\\temp\\\\')",
    "INSERT INTO corpus_check (label, body) VALUES ('comment marks', '-- /* # */')",
    "INSERT INTO corpus_check (label, body) VALUES ('dash dash', CONCAT('', 1--1))",
    "INSERT INTO corpus_check (label, body) SELECT 'trimmed title', title FROM post WHERE id = 1",
    "INSERT INTO corpus_check (label, body) SELECT 'trigger ran', action FROM audit_log WHERE action LIKE 'END%' AND entity_id = 1",
    "INSERT INTO corpus_check (label, body) VALUES ('function', initials('Grace Brewster Hopper'))",
    'CALL count_posts(1, @total)',
    "INSERT INTO corpus_check (label, body) VALUES ('procedure', @total)",
    'CREATE TABLE `odd;name` (`semi;colon` VARCHAR(10), `back``tick` VARCHAR(10), `hash#col` VARCHAR(10))',
    "INSERT INTO `odd;name` VALUES ('a', 'b', 'c')",
    "INSERT INTO corpus_check (label, body) SELECT 'quoted names', CONCAT(`semi;colon`, `back``tick`, `hash#col`) FROM `odd;name`",
    `CREATE TABLE setting (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  value VARCHAR(255) NOT NULL
)`,
    "INSERT INTO setting (name, value) VALUES ('theme', 'dark') ON DUPLICATE KEY UPDATE value = VALUES(value)",
    "INSERT INTO setting (name, value) VALUES ('theme', 'light; new') ON DUPLICATE KEY UPDATE value = VALUES(value)",
    "INSERT INTO corpus_check (label, body) SELECT 'upsert', value FROM setting WHERE name = 'theme'",
    "REPLACE INTO setting (name, value) VALUES ('locale', 'en;GB')",
    'ALTER TABLE account ADD COLUMN locale VARCHAR(16) NULL AFTER name, ADD INDEX ix_account_status (status)',
    "ALTER TABLE account MODIFY COLUMN locale VARCHAR(32) NULL COMMENT 'BCP 47; e.g. en-GB'",
    `CREATE OR REPLACE VIEW published_post AS
  SELECT p.id, p.title, a.name AS author
  FROM post AS p JOIN account AS a ON a.id = p.account_id
  WHERE p.published = 1`,
    "INSERT INTO corpus_check (label, body) SELECT 'view', author FROM published_post",
    "SET @greeting = 'hello; world'",
    "INSERT INTO corpus_check (label, body) VALUES ('variable', @greeting)",
    `INSERT INTO corpus_check (label, body) VALUES ('hex', HEX(X'3B23'))`,
    `/* a block comment; spanning
   several lines */ # and a hash comment
-- and a dash one
INSERT INTO corpus_check (label, body) VALUES ('after comments', 'ok')`,
    "DELETE FROM audit_log WHERE entity = 'nothing'",
    '/*!40101 SET character_set_client = @saved_cs_client */',
  ],
  checks: {
    'backslash quote': "O'Brien; Ltd",
    doubled: "it's; done",
    'double quoted': 'say "hi"; bye',
    'escaped backslash': 'C:\\temp\\',
    'comment marks': '-- /* # */',
    'dash dash': '2',
    'trimmed title': 'Notes; on the engine',
    'trigger ran': 'END; BEGIN',
    function: 'GBH',
    procedure: '1',
    'quoted names': 'abc',
    upsert: 'light; new',
    view: 'Ada King',
    variable: 'hello; world',
    hex: '3B23',
    'after comments': 'ok',
  },
};
