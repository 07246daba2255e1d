/**
 * Acceptance: upgrading one revision at a time gives, after every revision, the schema real
 * Alembic produced (the reference snapshots), on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { exampleRevisions, upgradeTo } from './support/project.js';
import {
  type AnyKysely,
  connect,
  referenceSchema,
  referenceSteps,
  referenceVersionRows,
  reflectSchema,
  versionRows,
} from './support/reflect.js';

describeEachDialect(
  'Open WebUI revisions, one at a time, match the Alembic reference schema',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;
    const available = exampleRevisions();
    const steps = referenceSteps(dialect).filter((step) => step.number > 0 && available.has(step.revision));

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
    });
    afterAll(async () => {
      await db?.destroy();
      await database?.drop();
    });

    it.each(steps)(
      'after $number $revision the schema and the alembic_version row equal the reference',
      async (step) => {
        await upgradeTo(database.url, step.revision);
        const actual = await reflectSchema(db, dialect);
        expect(actual).toEqual(referenceSchema(step.file));
        expect(await versionRows(db)).toEqual(referenceVersionRows(step.file));
      },
    );
  },
  ['sqlite', 'postgresql'],
);
