/**
 * The splitter on real-world SQL: each dialect's corpus, written as one `.sql` revision, splits
 * back into exactly its statements, and runs on the real database through `upgrade`, leaving the
 * values its tricky strings spell.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { upgrade, upgradeSql } from '../../src/commands/upgrade.js';
import type { DialectName } from '../../src/dialect.js';
import { splitSqlStatements } from '../../src/script/sql/statements.js';
import { scenarios } from '../commands-online/support.js';
import { withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import { mysqlCorpus } from './sql-corpus/mysql.js';
import { postgresqlCorpus } from './sql-corpus/postgresql.js';
import { sqliteCorpus } from './sql-corpus/sqlite.js';
import { type Corpus, corpusFile, corpusStatements } from './sql-corpus/types.js';

const CORPORA: Record<DialectName, Corpus> = {
  sqlite: sqliteCorpus,
  postgresql: postgresqlCorpus,
  mysql: mysqlCorpus,
};

function revisionFile(corpus: Corpus): string {
  return `-- revision: corpus01\n-- downRevision: null\n\n-- upgrade\n${corpusFile(corpus)}\n-- downgrade\n`;
}

describeEachDialect('the SQL corpus', (dialect) => {
  const corpus = CORPORA[dialect];
  const scenario = scenarios(dialect);

  it('holds at least 40 statements', () => {
    expect(corpus.statements.length).toBeGreaterThanOrEqual(40);
  });

  it('splits back into exactly its statements', () => {
    const split = splitSqlStatements(corpusFile(corpus), dialect).map((statement) => statement.text);
    expect(split).toEqual(corpusStatements(corpus));
  });

  it('runs as a .sql revision on the real database, strings arriving as written', async () => {
    const s = await scenario([]);
    writeFileSync(join(s.project.migrations, 'corpus01.sql'), revisionFile(corpus));
    await upgrade({ ...s.options, target: 'head' });
    const rows = await withSession(s.db.url, (session) =>
      session.execute('SELECT label, body FROM corpus_check ORDER BY label', []),
    );
    const checks = Object.fromEntries(rows.rows.map((row) => [String(row.label), String(row.body)]));
    expect(checks).toEqual(corpus.checks);
  });

  it("renders offline (--sql) as a script the database's client splits back into the same statements", async () => {
    const s = await scenario([]);
    writeFileSync(join(s.project.migrations, 'corpus01.sql'), revisionFile(corpus));
    const script = await upgradeSql({ ...s.options, range: 'head' });
    const scripted = splitSqlStatements(script.sql, dialect).map((statement) => statement.text);
    for (const statement of corpusStatements(corpus)) {
      // The first one follows the script's `-- Running upgrade` comment.
      expect(scripted.filter((text) => text.endsWith(statement))).toHaveLength(1);
    }
  });
});
