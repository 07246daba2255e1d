/**
 * Acceptance: `upgrade head` in one go gives the same schema as one revision at a time (the
 * reference head), and downgrading to base then upgrading again gives that schema once more.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { downgradeTo, upgradeTo } from './support/project.js';
import {
  type AnyKysely,
  connect,
  referenceHead,
  referenceSchema,
  referenceSteps,
  reflectSchema,
} from './support/reflect.js';

describeEachDialect(
  'Open WebUI history, whole runs',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
    });
    afterEach(async () => {
      await db.destroy();
      await database.drop();
    });

    it('upgrade head in one go gives the reference head schema', async () => {
      await upgradeTo(database.url, 'head');
      expect(await reflectSchema(db, dialect)).toEqual(referenceHead(dialect));
    });

    it('the reference head equals the schema after the last one-at-a-time step', () => {
      const last = referenceSteps(dialect).at(-1);
      expect(last?.revision).toBe('f0bd01a18a3d');
      expect(referenceSchema(last?.file ?? '')).toEqual(referenceHead(dialect));
    });

    it('downgrade to base leaves no table but the version table', async () => {
      await upgradeTo(database.url, 'head');
      await downgradeTo(database.url, 'base');
      const schema = await reflectSchema(db, dialect);
      expect(schema.table_names).toEqual([]);
      expect(schema.unreflected_indexes).toEqual([]);
    });

    it('upgrade head, downgrade base, upgrade head again gives the reference head schema', async () => {
      await upgradeTo(database.url, 'head');
      await downgradeTo(database.url, 'base');
      await upgradeTo(database.url, 'head');
      expect(await reflectSchema(db, dialect)).toEqual(referenceHead(dialect));
    });
  },
  ['sqlite', 'postgresql'],
);
