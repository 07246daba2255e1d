import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { downgrade } from '../../src/commands/downgrade.js';
import { upgrade, upgradeSql } from '../../src/commands/upgrade.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { tableExists } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';
import { scenarios } from './support.js';

function sqlRevision(id: string, down: string | null, upgradeSql: string, downgradeSql: string): string {
  return [
    `-- revision: ${id}`,
    `-- downRevision: ${down ?? 'null'}`,
    `-- message: sql revision ${id}`,
    '',
    '-- upgrade',
    upgradeSql,
    '',
    '-- downgrade',
    downgradeSql,
    '',
  ].join('\n');
}

describeEachDialect('.sql revisions', (dialect) => {
  const scenario = scenarios(dialect);

  it('run each statement of their section, up and down', async () => {
    const s = await scenario([{ id: 'tsrev001' }]);
    writeFileSync(
      join(s.project.migrations, 'sqlrev02.sql'),
      sqlRevision(
        'sqlrev02',
        'tsrev001',
        "CREATE TABLE from_sql (id INTEGER);\nINSERT INTO ran_log (entry) VALUES ('upgrade sqlrev02');",
        "DROP TABLE from_sql;\nINSERT INTO ran_log (entry) VALUES ('downgrade sqlrev02');",
      ),
    );
    await upgrade({ ...s.options, target: 'head' });
    expect(await tableExists(s.db.url, 'from_sql')).toBe(true);
    expect(await s.rows()).toEqual(['sqlrev02']);
    await downgrade({ ...s.options, target: 'tsrev001' });
    expect(await tableExists(s.db.url, 'from_sql')).toBe(false);
    expect(await s.ran()).toEqual(['upgrade tsrev001', 'upgrade sqlrev02', 'downgrade sqlrev02']);
  });

  it('report the failing statement of a .sql revision', async () => {
    const s = await scenario([{ id: 'tsrev001' }]);
    writeFileSync(
      join(s.project.migrations, 'sqlrev02.sql'),
      sqlRevision('sqlrev02', 'tsrev001', 'SELECT 1;\nINSERT INTO nowhere VALUES (1);', ''),
    );
    const error = await upgrade({ ...s.options, target: 'head' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).statement).toBe('INSERT INTO nowhere VALUES (1)');
    expect((error as MigrationFailedError).path).toBe(join(s.project.migrations, 'sqlrev02.sql'));
    expect(await s.rows()).toEqual(['tsrev001']);
  });

  it('render offline as their statements', async () => {
    const s = await scenario([{ id: 'tsrev001' }]);
    writeFileSync(
      join(s.project.migrations, 'sqlrev02.sql'),
      sqlRevision('sqlrev02', 'tsrev001', 'CREATE TABLE from_sql (id INTEGER);', 'DROP TABLE from_sql;'),
    );
    const script = await upgradeSql({ ...s.options, range: 'tsrev001:head' });
    expect(script.dialect).toBe(dialect);
    expect(script.sql).toContain(
      '-- Running upgrade tsrev001 -> sqlrev02\n\nCREATE TABLE from_sql (id INTEGER);',
    );
  });
});
