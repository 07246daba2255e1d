import { afterEach, describe, expect, it } from 'vitest';
import { downgradeSql } from '../../src/commands/downgrade.js';
import { ensureVersionSql } from '../../src/commands/ensure-version.js';
import { stampSql } from '../../src/commands/stamp.js';
import { upgradeSql } from '../../src/commands/upgrade.js';
import { AmbixError } from '../../src/errors.js';
import { createProject, type ProjectDir, type RevisionSpec } from './project-fixture.js';

const LINEAR: RevisionSpec[] = [{ id: 'lin1abcd' }, { id: 'lin2abcd', down: 'lin1abcd' }];

const CREATE_TABLE =
  'CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n' +
  '    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);';

let project: ProjectDir | null = null;
afterEach(() => {
  project?.remove();
  project = null;
});

function options(revisions: readonly RevisionSpec[] = LINEAR) {
  project = createProject(revisions);
  return { cwd: project.dir, migrations: [project.migrations] };
}

describe('offline SQL', () => {
  it('renders an upgrade from empty for PostgreSQL in Alembic’s shape, one transaction per migration', async () => {
    const script = await upgradeSql({ ...options(), dialect: 'postgresql', range: 'head' });
    expect(script.sql).toBe(
      `${[
        CREATE_TABLE,
        'BEGIN;',
        '-- Running upgrade  -> lin1abcd',
        "INSERT INTO ran_log (entry) VALUES ('upgrade lin1abcd');",
        "INSERT INTO alembic_version (version_num) VALUES ('lin1abcd') RETURNING alembic_version.version_num;",
        'COMMIT;',
        'BEGIN;',
        '-- Running upgrade lin1abcd -> lin2abcd',
        "INSERT INTO ran_log (entry) VALUES ('upgrade lin2abcd');",
        "UPDATE alembic_version SET version_num='lin2abcd' WHERE alembic_version.version_num = 'lin1abcd';",
        'COMMIT;',
      ].join('\n\n')}\n`,
    );
  });

  it('renders MySQL without BEGIN/COMMIT, since its DDL commits implicitly', async () => {
    const script = await upgradeSql({ ...options(), dialect: 'mysql', range: 'head' });
    expect(script.sql).not.toContain('BEGIN');
    expect(script.sql).not.toContain('RETURNING');
    expect(script.sql).toContain("INSERT INTO alembic_version (version_num) VALUES ('lin1abcd');");
  });

  it('takes the dialect from the URL when --dialect is not given', async () => {
    const script = await upgradeSql({ ...options(), url: 'mysql://u@h/app', range: 'head' });
    expect(script.dialect).toBe('mysql');
  });

  it('needs a dialect or a URL', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      await expect(upgradeSql({ ...options(), range: 'head' })).rejects.toThrow(/--dialect/);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('renders a start:end range without creating the version table', async () => {
    const script = await upgradeSql({ ...options(), dialect: 'sqlite', range: 'lin1abcd:lin2abcd' });
    expect(script.sql).not.toContain('CREATE TABLE alembic_version');
    expect(script.sql).toContain('-- Running upgrade lin1abcd -> lin2abcd');
    expect(script.sql).not.toContain("VALUES ('upgrade lin1abcd')");
  });

  it('wraps the whole script in one transaction in transactionMode all', async () => {
    const base = options();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${base.cwd}/ambix.config.json`, JSON.stringify({ transactionMode: 'all' }));
    const script = await upgradeSql({ ...base, dialect: 'sqlite', range: 'head' });
    expect(script.sql.startsWith(`BEGIN;\n\n${CREATE_TABLE}`)).toBe(true);
    expect(script.sql.match(/BEGIN;/g)).toHaveLength(1);
    expect(script.sql.endsWith('COMMIT;\n')).toBe(true);
  });

  it('renders a downgrade to base ending with DROP TABLE', async () => {
    const script = await downgradeSql({ ...options(), dialect: 'postgresql', range: 'lin2abcd:base' });
    expect(script.sql).toContain('-- Running downgrade lin2abcd -> lin1abcd');
    expect(script.sql).toContain(
      "DELETE FROM alembic_version WHERE alembic_version.version_num = 'lin1abcd';",
    );
    expect(script.sql.trimEnd().endsWith('DROP TABLE alembic_version;')).toBe(true);
  });

  it('requires start:end for downgrade --sql', async () => {
    await expect(downgradeSql({ ...options(), dialect: 'sqlite', range: 'base' })).rejects.toThrow(
      'downgrade with --sql requires <fromrev>:<torev>',
    );
  });

  it('renders stamp as version-row statements only', async () => {
    const script = await stampSql({ ...options(), dialect: 'sqlite', revisions: ['lin1abcd:lin2abcd'] });
    expect(script.sql).toContain('-- Running stamp_revision lin1abcd -> lin2abcd');
    expect(script.sql).toContain("UPDATE alembic_version SET version_num='lin2abcd'");
    expect(script.sql).not.toContain('ran_log');
  });

  it('refuses --purge with --sql', async () => {
    await expect(
      stampSql({ ...options(), dialect: 'sqlite', revisions: ['head'], purge: true }),
    ).rejects.toThrow("Can't use --purge with --sql mode");
  });

  it('renders ensure-version as the CREATE TABLE alone', async () => {
    const script = await ensureVersionSql({ ...options(), dialect: 'postgresql' });
    expect(script.sql).toBe(`${CREATE_TABLE}\n`);
  });

  it('names a revision that reads the live database', async () => {
    const error = await upgradeSql({
      ...options([{ id: 'reads1234', upgradeCode: "  await op.db.selectFrom('t').selectAll().execute();" }]),
      dialect: 'postgresql',
      range: 'head',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbixError);
    expect((error as AmbixError).code).toBe('OFFLINE_NOT_SUPPORTED');
    expect((error as AmbixError).message).toContain('reads1234');
  });
});

describe('outsideTransaction offline', () => {
  it('closes the migration transaction around the block and reopens it after', async () => {
    const script = await upgradeSql({
      ...options([
        {
          id: 'conc0001',
          upgradeCode:
            "  await op.outsideTransaction(() => op.execute('CREATE INDEX CONCURRENTLY ix_a ON ran_log (entry)'));",
        },
      ]),
      dialect: 'postgresql',
      range: 'head',
    });
    expect(script.sql).toContain(
      "INSERT INTO ran_log (entry) VALUES ('upgrade conc0001');\n\nCOMMIT;\n\n" +
        'CREATE INDEX CONCURRENTLY ix_a ON ran_log (entry);\n\nBEGIN;\n\nINSERT INTO alembic_version',
    );
  });
});
