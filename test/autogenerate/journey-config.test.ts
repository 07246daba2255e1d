/**
 * Project settings that shape a generated revision: `autogenerate.exclude` patterns and
 * `revisionFormat: 'js'`.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { type Journey, startJourney } from './journey-fixture.js';

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** A JavaScript revision imports the installed (built) ambix, as Node resolves it. */
const BUILT = existsSync(join(REPOSITORY, 'dist', 'index.js'));

describeEachDialect('autogenerate: project settings', (dialect) => {
  let database: TestDatabase;
  let journey: Journey | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });

  afterEach(async () => {
    journey?.remove();
    await database.drop();
  });

  it('leaves tables matching autogenerate.exclude out of the revision and of check', async () => {
    journey = startJourney(database, { autogenerate: { exclude: ['legacy_*'] } });
    await journey.sql('create table legacy_orders (id integer primary key, total integer)');
    const step = await journey.migrateTo(`  legacy_items: table({ id: column.integer().primaryKey() }),
  items: table({ id: column.integer().primaryKey() }),`);
    expect(step.result.changes).toEqual([expect.objectContaining({ kind: 'addTable' })]);
    expect(step.source).not.toMatch(/legacy/);
    expect(step.after.matches).toBe(true);
  });

  it.skipIf(!BUILT)(
    "writes a JavaScript revision with revisionFormat 'js' that upgrades and downgrades",
    async () => {
      journey = startJourney(database, { revisionFormat: 'js' });
      // A JavaScript revision imports `t` from the installed ambix, as in a user's project.
      mkdirSync(join(journey.project.dir, 'node_modules'));
      symlinkSync(REPOSITORY, join(journey.project.dir, 'node_modules', 'ambix'), 'dir');
      await journey.migrateTo(`  items: table({ id: column.integer().primaryKey() }),`);
      const step = await journey.migrateTo(`  items: table({
    id: column.integer().primaryKey(),
    flag: column.boolean().notNull().default(false),
    added_at: column.timestamp().default(now()),
  }),`);
      expect(step.result.path).toMatch(/\.m?js$/);
      expect(step.source).not.toMatch(/: Promise<void>|import \{ type /);
      expect(step.after.matches).toBe(true);
      expect((await journey.stepBack()).matches).toBe(true);
    },
  );
});
