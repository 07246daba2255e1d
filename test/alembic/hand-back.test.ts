/**
 * A database moves between Alembic and ambix and back: the same history is held twice in
 * test/alembic/project, as Alembic's Python revisions and as ambix's (a branch, its merge and a
 * table rebuild on SQLite). Each tool continues from where the other left off, and SQLAlchemy
 * reads the same schema whichever tool wrote it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { ensureCliBuilt } from '../support/built-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { alembic, alembicAvailable, ambix, type Step, sqlalchemy } from './support/tools.js';

/** One side of the branch: Alembic stops here, with the other side and the merge still to run. */
const BRANCH_A = '5b2d7e4c1a02';
const HEAD = 'b05a1b7f4d05';

/** A step that exited 0; otherwise its output, so the failure says what went wrong. */
function succeeded(step: Step): void {
  expect(step.code, `exit ${step.code}\n${step.stdout}\n${step.stderr}`).toBe(0);
}

const dialects: readonly DialectName[] = alembicAvailable ? ['sqlite', 'postgresql', 'mysql'] : [];

beforeAll(ensureCliBuilt, 120_000);

describeEachDialect(
  'a database handed back and forth between Alembic and ambix',
  (dialect) => {
    let db: TestDatabase;
    /** Where each tool runs the same revisions alone, to read what it writes. */
    let ambixAlone: TestDatabase;
    let alembicAlone: TestDatabase;
    let ambixAtBranchA: unknown;
    let alembicAtHead: unknown;

    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      ambixAlone = await createTestDatabase(dialect);
      alembicAlone = await createTestDatabase(dialect);
      succeeded(await ambix(ambixAlone.url, 'upgrade', BRANCH_A));
      ambixAtBranchA = await sqlalchemy(ambixAlone.url, 'inspect');
      succeeded(await alembic(alembicAlone.url, 'upgrade', 'heads'));
      alembicAtHead = await sqlalchemy(alembicAlone.url, 'inspect');
    }, 120_000);
    afterAll(async () => {
      await Promise.all([db, ambixAlone, alembicAlone].map((database) => database?.drop()));
    });

    it('Alembic upgrades to one side of the branch, and the schema reads as ambix writes it', async () => {
      succeeded(await alembic(db.url, 'upgrade', BRANCH_A));
      expect(await sqlalchemy(db.url, 'versions')).toEqual([BRANCH_A]);
      expect(await sqlalchemy(db.url, 'inspect')).toEqual(ambixAtBranchA);
    });

    it('ambix carries on to head through the other side, the merge and the rebuild, as Alembic would', async () => {
      succeeded(await ambix(db.url, 'upgrade', 'head'));
      expect(await sqlalchemy(db.url, 'versions')).toEqual([HEAD]);
      expect(await sqlalchemy(db.url, 'inspect')).toEqual(alembicAtHead);
    });

    it('Alembic downgrades what ambix wrote all the way to base', async () => {
      succeeded(await alembic(db.url, 'downgrade', 'base'));
      expect(await sqlalchemy(db.url, 'versions')).toEqual([]);
      expect(await sqlalchemy(db.url, 'inspect')).toEqual({});
    });

    it('ambix upgrades the database Alembic took down back to head', async () => {
      succeeded(await ambix(db.url, 'upgrade', 'head'));
      expect(await sqlalchemy(db.url, 'versions')).toEqual([HEAD]);
      expect(await sqlalchemy(db.url, 'inspect')).toEqual(alembicAtHead);
    });

    it("Alembic's autogenerate comparison with the application's models finds nothing to change", async () => {
      expect(await sqlalchemy(db.url, 'compare')).toEqual([]);
    });

    it('ambix reads the version rows Alembic and ambix left as the same head', async () => {
      const current = await ambix(db.url, 'current');
      succeeded(current);
      expect(current.stdout).toContain(HEAD);
    });
  },
  dialects,
);
