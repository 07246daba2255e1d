import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { introspect, sessionCatalog } from '../../src/autogenerate/introspect/index.js';
import {
  AutogenerateFormatError,
  autogenerateRevision,
  checkSchema,
  InvalidSchemaModuleError,
  MissingSchemaModuleError,
  TargetDatabaseNotUpToDateError,
} from '../../src/commands/autogenerate.js';
import { downgrade } from '../../src/commands/downgrade.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { connect } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { createSchemaProject, type SchemaProject } from './command-fixture.js';

/** Every table of the database, ambix's own included. */
async function tablesIn(url: string): Promise<string[]> {
  const session = await connect(parseDatabaseUrl(url));
  try {
    return (await introspect(sessionCatalog(session))).tables.map((table) => table.name);
  } finally {
    await session.close();
  }
}

const ACCOUNT = `  account: table({
    id: column.integer().primaryKey(),
    email: column.string(200).notNull().unique(),
    name: column.string(100),
  }),`;

const ACCOUNT_AND_POST = `${ACCOUNT}
  post: table({
    id: column.integer().primaryKey(),
    account_id: column.integer().notNull().references('account.id', { onDelete: 'CASCADE' }),
    title: column.string(200).notNull().default('untitled'),
  }, { indexes: [index('ix_post_title', ['title'])] }),`;

describeEachDialect('revision --autogenerate and check', (dialect) => {
  let database: TestDatabase;
  let project: SchemaProject;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    project = createSchemaProject(database.url, ACCOUNT_AND_POST);
  });

  afterEach(async () => {
    project.remove();
    await database.drop();
  });

  const cwd = () => project.dir;

  it('writes a revision that creates the declared tables, after which check is clean', async () => {
    const result = await autogenerateRevision({ cwd: cwd(), message: 'create account and post' });
    expect(result.changes.map((change) => change.kind)).toEqual(
      expect.arrayContaining(['addTable', 'addTable']),
    );
    expect(project.revisionFiles()).toHaveLength(1);
    await upgrade({ cwd: cwd(), target: 'head' });
    const after = await checkSchema({ cwd: cwd() });
    expect(after.changes).toEqual([]);
    expect(after.matches).toBe(true);
  });

  it('writes a downgrade that returns the database to the previous schema', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'account' });
    await upgrade({ cwd: cwd(), target: 'head' });
    project.writeSchema(
      ACCOUNT_AND_POST.replace(
        'name: column.string(100),',
        'name: column.string(100),\n    nickname: column.string(30),',
      ),
    );
    const second = await autogenerateRevision({ cwd: cwd(), message: 'nickname' });
    await upgrade({ cwd: cwd(), target: 'head' });
    expect((await checkSchema({ cwd: cwd() })).matches).toBe(true);
    await downgrade({ cwd: cwd(), target: '-1' });
    // With the revision gone, the database is at the new head again: compare with the old schema.
    rmSync(second.path);
    project.writeSchema(ACCOUNT_AND_POST);
    expect((await checkSchema({ cwd: cwd() })).matches).toBe(true);
  });

  it('refuses when the database is not at every head, and writes and creates nothing', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'first' });
    const before = project.revisionFiles();
    const refusal = autogenerateRevision({ cwd: cwd(), message: 'second' });
    await expect(refusal).rejects.toBeInstanceOf(TargetDatabaseNotUpToDateError);
    await expect(refusal).rejects.toThrow(
      /Target database is not up to date: it is at <base>, the revisions' heads are \w+/,
    );
    expect(project.revisionFiles()).toEqual(before);
    if (dialect === 'sqlite') expect(existsSync(database.name)).toBe(false);
    else expect(await tablesIn(database.url)).toEqual([]);
  });

  it('check refuses the same way when the database is behind', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'first' });
    await expect(checkSchema({ cwd: cwd() })).rejects.toBeInstanceOf(TargetDatabaseNotUpToDateError);
  });

  it('lists a table the schema does not declare as a warning and does not drop it', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'both' });
    await upgrade({ cwd: cwd(), target: 'head' });
    project.writeSchema(ACCOUNT);
    const result = await autogenerateRevision({ cwd: cwd(), message: 'without post' });
    expect(result.changes).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'tableNotDropped', table: 'post' })]);
    expect(readFileSync(result.path, 'utf8')).not.toMatch(/dropTable/);
  });

  it('drops an undeclared table with --drop-tables, marking it destructive in output and file', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'both' });
    await upgrade({ cwd: cwd(), target: 'head' });
    project.writeSchema(ACCOUNT);
    const result = await autogenerateRevision({ cwd: cwd(), message: 'drop post', dropTables: true });
    expect(result.changes).toEqual([expect.objectContaining({ kind: 'dropTable', destructive: true })]);
    expect(readFileSync(result.path, 'utf8')).toMatch(
      /\/\/ DESTRUCTIVE[^\n]*\n\s*await op\.dropTable\('post'\)/,
    );
    await upgrade({ cwd: cwd(), target: 'head' });
    expect((await checkSchema({ cwd: cwd() })).matches).toBe(true);
  });

  it('keeps an undeclared column unless --drop-columns is given', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'both' });
    await upgrade({ cwd: cwd(), target: 'head' });
    project.writeSchema(ACCOUNT_AND_POST.replace('    name: column.string(100),\n', ''));
    const kept = await checkSchema({ cwd: cwd() });
    expect(kept.changes).toEqual([]);
    expect(kept.warnings).toEqual([
      expect.objectContaining({ kind: 'columnNotDropped', table: 'account', column: 'name' }),
    ]);
    expect(kept.matches).toBe(false);
    const dropped = await checkSchema({ cwd: cwd(), dropColumns: true });
    expect(dropped.changes).toEqual([expect.objectContaining({ kind: 'dropColumn', destructive: true })]);
  });

  it('renames a column when told to, and hints at the rename when not', async () => {
    await autogenerateRevision({ cwd: cwd(), message: 'both' });
    await upgrade({ cwd: cwd(), target: 'head' });
    project.writeSchema(
      ACCOUNT_AND_POST.replace('name: column.string(100)', 'full_name: column.string(100)'),
    );
    const unstated = await checkSchema({ cwd: cwd(), dropColumns: true });
    expect(unstated.hints).toEqual([expect.objectContaining({ rename: 'account.name:account.full_name' })]);
    const result = await autogenerateRevision({
      cwd: cwd(),
      message: 'rename name',
      renames: ['account.name:account.full_name'],
    });
    expect(result.changes).toEqual([expect.objectContaining({ kind: 'renameColumn' })]);
    await upgrade({ cwd: cwd(), target: 'head' });
    expect((await checkSchema({ cwd: cwd() })).matches).toBe(true);
  });

  it('ambix check exits 1 with the changes, and 0 once the revision is applied', async () => {
    const differs = await cli(['check'], { cwd: cwd() });
    expect(differs.code).toBe(1);
    expect(differs.stdout).toMatch(/account/);
    expect(differs.stderr).toMatch(/differs from the schema/);
    const generated = await cli(['revision', '--autogenerate', '-m', 'all'], { cwd: cwd() });
    expect(generated.code).toBe(0);
    expect(generated.stdout).toMatch(/Generated .*_all\.ts/);
    expect((await cli(['upgrade', 'head'], { cwd: cwd() })).code).toBe(0);
    const clean = await cli(['check'], { cwd: cwd() });
    expect(clean.stdout).toMatch(/No changes detected/);
    expect(clean.code).toBe(0);
  });

  it('ambix check --json prints one document listing the operations', async () => {
    const run = await cli(['check', '--json'], { cwd: cwd() });
    expect(run.code).toBe(1);
    const document = JSON.parse(run.stdout) as { matches: boolean; changes: { kind: string }[] };
    expect(document.matches).toBe(false);
    expect(document.changes.filter((change) => change.kind === 'addTable')).toHaveLength(2);
  });
});

describeEachDialect(
  'autogenerate input errors',
  (dialect) => {
    let database: TestDatabase;
    let project: SchemaProject;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
    });

    afterEach(async () => {
      project.remove();
      await database.drop();
    });

    it('names the config key when no schema module is configured', async () => {
      project = createSchemaProject(database.url, ACCOUNT, { schema: undefined });
      await expect(checkSchema({ cwd: project.dir })).rejects.toBeInstanceOf(MissingSchemaModuleError);
    });

    it('names the file when the schema module exports no schema', async () => {
      project = createSchemaProject(database.url, ACCOUNT, { schema: 'tables.ts' });
      writeFileSync(join(project.dir, 'tables.ts'), 'export default { account: {} };\n');
      const failure = checkSchema({ cwd: project.dir });
      await expect(failure).rejects.toBeInstanceOf(InvalidSchemaModuleError);
      await expect(failure).rejects.toThrow(/tables\.ts does not export a schema/);
    });

    it('refuses a project whose revision format is sql', async () => {
      project = createSchemaProject(database.url, ACCOUNT, { revisionFormat: 'sql' });
      await expect(autogenerateRevision({ cwd: project.dir })).rejects.toBeInstanceOf(
        AutogenerateFormatError,
      );
      expect(project.revisionFiles()).toEqual([]);
    });

    it('checks the new revision against the graph before reading the database', async () => {
      project = createSchemaProject('postgresql://nobody@127.0.0.1:1/unreachable', ACCOUNT);
      const failure = autogenerateRevision({ cwd: project.dir, head: 'no_such_revision' });
      await expect(failure).rejects.toThrow(/no_such_revision/);
      expect(project.revisionFiles()).toEqual([]);
    });

    it('--rename without --autogenerate is a usage error naming the option', async () => {
      project = createSchemaProject(database.url, ACCOUNT);
      const run = await cli(['revision', '-m', 'x', '--rename', 'a.b:a.c'], { cwd: project.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--rename' needs --autogenerate/);
    });
  },
  ['sqlite'],
);
