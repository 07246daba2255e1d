import { afterEach } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import { createRanLog, ranLog, versionRows } from '../runtime/support.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createProject, type ProjectDir, type RevisionSpec } from './project-fixture.js';

export interface Scenario {
  readonly db: TestDatabase;
  readonly project: ProjectDir;
  /** Project options for the command functions: this folder, this database. */
  readonly options: { cwd: string; migrations: string[]; url: string };
  /** Version rows, sorted; null when there is no version table. */
  rows(): Promise<string[] | null>;
  /** Entries `upgrade <id>` / `downgrade <id>` in the order the revisions ran. */
  ran(): Promise<string[]>;
}

/**
 * Registers cleanup and returns a factory: each call makes a fresh database (with the side table
 * `ran_log`) and a migrations folder holding `revisions`.
 */
export function scenarios(dialect: DialectName): (revisions: readonly RevisionSpec[]) => Promise<Scenario> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async (revisions) => {
    const db = await createTestDatabase(dialect);
    const project = createProject(revisions);
    cleanups.push(async () => {
      project.remove();
      await db.drop();
    });
    await createRanLog(db.url);
    return {
      db,
      project,
      options: { cwd: project.dir, migrations: [project.migrations], url: db.url },
      rows: () => versionRows(db.url),
      ran: () => ranLog(db.url),
    };
  };
}
