/**
 * The property autogenerate is trusted for: after applying a generated revision, `check` finds
 * nothing; after its downgrade, `check` against the previous schema finds nothing. Exercised over
 * a seeded random walk of schema changes (tables, columns, types, defaults, nullability, indexes,
 * unique constraints, foreign keys, checks, comments, renames, drops) on each database.
 *
 * AMBIX_PROPERTY_SEED and AMBIX_PROPERTY_REVISIONS replay or lengthen a run; a failure names the
 * seed, the step, the changes of the step and the generated revision.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { autogenerateRevision, checkSchema } from '../../src/commands/autogenerate.js';
import { downgrade } from '../../src/commands/downgrade.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { createSchemaProject, type SchemaProject } from './command-fixture.js';
import { type GenSchema, randomSource, renderSchemaModule, SchemaMutator } from './random-schema.js';

const REVISIONS = Number(process.env.AMBIX_PROPERTY_REVISIONS ?? 70);
const CHANGES_PER_REVISION = 3;
const SEED = Number(process.env.AMBIX_PROPERTY_SEED ?? 20261126);

describeEachDialect('autogenerate property: apply is clean, downgrade is clean', (dialect) => {
  let database: TestDatabase;
  let project: SchemaProject;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    project = createSchemaProject(database.url, '');
  });

  afterEach(async () => {
    project.remove();
    await database.drop();
  });

  it(`${REVISIONS * CHANGES_PER_REVISION} random schema changes in ${REVISIONS} revisions`, async () => {
    const mutator = new SchemaMutator(randomSource(SEED), dialect);
    const parked = join(project.dir, 'parked');
    mkdirSync(parked);
    const schemaFile = (step: number) => join(project.dir, `schema-step-${step}.ts`);
    const cwd = project.dir;
    let schema: GenSchema = { tables: [] };
    writeFileSync(schemaFile(0), renderSchemaModule(schema));
    let changes = 0;

    for (let step = 1; step <= REVISIONS; step += 1) {
      const mutated = mutator.mutate(schema, CHANGES_PER_REVISION);
      writeFileSync(schemaFile(step), renderSchemaModule(mutated.schema));
      const context = () =>
        `seed ${SEED}, ${dialect}, step ${step}: ${mutated.changes.described.join('; ')}\n` +
        `renames: ${mutated.changes.renames.join(' ') || 'none'}\n`;

      const generated = await autogenerateRevision({
        cwd,
        schema: schemaFile(step),
        message: `step ${step}`,
        renames: mutated.changes.renames,
        dropTables: true,
        dropColumns: true,
      }).catch((error: unknown) => {
        throw new Error(`${context()}autogenerate failed: ${String(error)}`);
      });
      const source = readFileSync(generated.path, 'utf8');
      const revisionText = () => `revision:\n${source}`;
      const run = async (what: string, work: () => Promise<unknown>) => {
        try {
          return await work();
        } catch (error) {
          throw new Error(`${context()}${what} failed: ${String(error)}\n${revisionText()}`);
        }
      };

      await run('upgrade', () => upgrade({ cwd, target: 'head' }));
      const afterUpgrade = await checkSchema({ cwd, schema: schemaFile(step) });
      expect(afterUpgrade.changes, `${context()}after upgrade\n${revisionText()}`).toEqual([]);
      expect(afterUpgrade.warnings, `${context()}after upgrade\n${revisionText()}`).toEqual([]);

      await run('downgrade', () => downgrade({ cwd, target: '-1' }));
      // Parked, the revision is not a head, so the database is at every head again.
      const parkedPath = join(parked, basename(generated.path));
      renameSync(generated.path, parkedPath);
      const afterDowngrade = await checkSchema({ cwd, schema: schemaFile(step - 1) });
      expect(afterDowngrade.changes, `${context()}after downgrade\n${revisionText()}`).toEqual([]);
      expect(afterDowngrade.warnings, `${context()}after downgrade`).toEqual([]);
      renameSync(parkedPath, generated.path);

      await run('upgrade again', () => upgrade({ cwd, target: 'head' }));
      schema = mutated.schema;
      changes += CHANGES_PER_REVISION;
    }
    expect(changes).toBeGreaterThanOrEqual(Math.min(200, REVISIONS * CHANGES_PER_REVISION));
  }, 900_000);
});
