/**
 * A user's journey through autogenerate on one real database: declare a schema, generate its
 * revision, apply it, and ask `check` whether anything is left; step back with the downgrade and
 * ask again against the previous schema. Raw SQL sets up what a schema module cannot declare
 * (rows, views, objects of other kinds).
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import {
  type AutogenerateResult,
  autogenerateRevision,
  type CheckResult,
  checkSchema,
} from '../../src/commands/autogenerate.js';
import { downgrade } from '../../src/commands/downgrade.js';
import { upgrade } from '../../src/commands/upgrade.js';
import type { DialectName } from '../../src/dialect.js';
import { connect } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { createSchemaProject, type SchemaProject } from './command-fixture.js';

export interface Step {
  readonly result: AutogenerateResult;
  /** The generated revision's source. */
  readonly source: string;
  /** `check` right after the revision was applied. */
  readonly after: CheckResult;
}

export interface Journey {
  readonly project: SchemaProject;
  /** Declares `tables`, generates and applies the revision, and checks. */
  migrateTo(tables: string, options?: { renames?: string[]; dropColumns?: boolean }): Promise<Step>;
  /** Downgrades the last revision, forgets it, and checks against the schema declared before it. */
  stepBack(): Promise<CheckResult>;
  /** `check` against the schema declared last. */
  check(): Promise<CheckResult>;
  /** Runs SQL on the database, returning its rows. */
  sql(statement: string): Promise<readonly Record<string, unknown>[]>;
  remove(): void;
}

export function startJourney(database: TestDatabase, config: Record<string, unknown> = {}): Journey {
  const project = createSchemaProject(database.url, '', config);
  const cwd = project.dir;
  const declared: string[] = [''];
  const generated: string[] = [];
  return {
    project,
    async migrateTo(tables, options = {}) {
      project.writeSchema(tables);
      declared.push(tables);
      const result = await autogenerateRevision({ cwd, message: `step ${declared.length - 1}`, ...options });
      generated.push(result.path);
      const source = readFileSync(result.path, 'utf8');
      try {
        await upgrade({ cwd, target: 'head' });
      } catch (error) {
        throw new Error(`upgrade failed: ${String(error)}\n${source}`);
      }
      return { result, source, after: await checkSchema({ cwd }) };
    },
    async stepBack() {
      await downgrade({ cwd, target: '-1' });
      rmSync(generated.pop()!);
      declared.pop();
      project.writeSchema(declared.at(-1)!);
      return checkSchema({ cwd });
    },
    check: () => checkSchema({ cwd }),
    async sql(statement) {
      const session = await connect(parseDatabaseUrl(database.url));
      try {
        return (await session.execute(statement)).rows;
      } finally {
        await session.close();
      }
    },
    remove: () => project.remove(),
  };
}

/**
 * A fresh database and journey for each test of the enclosing suite, removed after it; `prepare`
 * runs on each new journey (declare a first schema, insert rows). Call inside `describeEachDialect`.
 */
export function journeyPerTest(
  dialect: DialectName,
  prepare?: (journey: Journey) => Promise<void>,
): () => Journey {
  let database: TestDatabase | undefined;
  let journey: Journey | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    journey = startJourney(database);
    await prepare?.(journey);
  });
  afterEach(async () => {
    journey?.remove();
    await database?.drop();
  });
  return () => {
    if (journey === undefined) throw new Error('journeyPerTest: no journey outside a test');
    return journey;
  };
}
