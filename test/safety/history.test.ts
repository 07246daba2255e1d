import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { changedRevisions, RevisionFileChangedError } from '../../src/safety/history/changed.js';
import { revisionChecksum } from '../../src/safety/history/checksum.js';
import { recordPlanSteps } from '../../src/safety/history/plan-step.js';
import { historyRow, readHistory, recordStep } from '../../src/safety/history/record.js';
import { verifyAppliedRevisions } from '../../src/safety/history/verify.js';
import { RevisionGraph } from '../../src/script/graph.js';
import type { Revision } from '../../src/script/revision.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ambix-history-'));
  mkdirSync(join(dir, 'migrations'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function revisionFile(id: string, body = ''): string {
  const path = join(dir, 'migrations', `${id}.ts`);
  writeFileSync(
    path,
    `export const revision = '${id}';\nexport const downRevision = null;\nexport async function upgrade(op: any) {${body}}\nexport async function downgrade(op: any) {}\n`,
  );
  return path;
}

test('the checksum of a revision file is the sha256 of its bytes', () => {
  const path = revisionFile('a1');
  expect(revisionChecksum(path)).toMatch(/^[0-9a-f]{64}$/);
  const before = revisionChecksum(path);
  revisionFile('a1', ' /* edited */ ');
  expect(revisionChecksum(path)).not.toBe(before);
});

test('a history row names the host, the user, the ambix version and the file checksum', () => {
  const path = revisionFile('a1');
  const row = historyRow({
    revision: 'a1',
    direction: 'upgrade',
    started: new Date(0),
    durationMs: 12.4,
    path,
  });
  expect(row).toMatchObject({
    revision: 'a1',
    direction: 'upgrade',
    startedAt: '1970-01-01T00:00:00.000Z',
    durationMs: 12,
    host: hostname(),
    checksum: revisionChecksum(path),
  });
  expect(row.ambixVersion).toMatch(/^\d+\.\d+\.\d+/);
});

test('a revision whose file changed after it ran is reported, an unchanged one is not', () => {
  const changedPath = revisionFile('a1');
  const samePath = revisionFile('b2');
  const rows = [
    historyRow({
      revision: 'a1',
      direction: 'upgrade',
      started: new Date(1000),
      durationMs: 1,
      path: changedPath,
    }),
    historyRow({
      revision: 'b2',
      direction: 'upgrade',
      started: new Date(2000),
      durationMs: 1,
      path: samePath,
    }),
  ];
  revisionFile('a1', ' await op.execute("SELECT 1"); ');
  const changed = changedRevisions(rows, [
    { id: 'a1', path: changedPath },
    { id: 'b2', path: samePath },
  ]);
  expect(changed.map((change) => change.revision)).toEqual(['a1']);
  expect(new RevisionFileChangedError(changed).message).toContain(changedPath);
});

test('revisions with no history row (stamped, or applied by Alembic) are not judged', () => {
  const path = revisionFile('a1');
  expect(changedRevisions([], [{ id: 'a1', path }])).toEqual([]);
});

describeEachDialect('the history table', (dialect) => {
  let database: TestDatabase;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
  });

  test('reads as absent until a command writes it', async () => {
    expect(await readHistory(session)).toBeNull();
  });

  test('is created by the first recorded step and returns rows newest first', async () => {
    const path = revisionFile('a1');
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'upgrade', started: new Date(1000), durationMs: 5, path }),
    );
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'downgrade', started: new Date(2000), durationMs: 3, path }),
    );
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'stamp', started: new Date(3000), durationMs: 0, path: null }),
    );
    const rows = await readHistory(session);
    expect(rows?.map((row) => [row.direction, row.startedAt, row.durationMs])).toEqual([
      ['stamp', '1970-01-01T00:00:03.000Z', 0],
      ['downgrade', '1970-01-01T00:00:02.000Z', 3],
      ['upgrade', '1970-01-01T00:00:01.000Z', 5],
    ]);
    expect(rows?.[2]?.checksum).toBe(revisionChecksum(path));
    expect(rows?.[0]?.checksum).toBeNull();
  });

  test('takes a configured name', async () => {
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'stamp', started: new Date(), durationMs: 0, path: null }),
      'deploy_log',
    );
    expect(await readHistory(session, { table: 'deploy_log' })).toHaveLength(1);
    expect(await readHistory(session)).toBeNull();
  });

  test('ambix log shows the rows, and says so when there is no history yet', async () => {
    const empty = await cli(['log', '--url', database.url], { cwd: dir });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No history yet');
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'upgrade', started: new Date(0), durationMs: 7, path: null }),
    );
    const shown = await cli(['log', '--json', '--url', database.url], { cwd: dir });
    const document = JSON.parse(shown.stdout) as { rows: { revision: string; durationMs: number }[] };
    expect(document.rows).toMatchObject([{ revision: 'a1', durationMs: 7 }]);
  });
});

function graphOf(paths: Record<string, string>): RevisionGraph {
  let down: string | null = null;
  const revisions: Revision[] = [];
  for (const [id, path] of Object.entries(paths)) {
    revisions.push({
      id,
      downRevisions: down === null ? [] : [down],
      branchLabels: [],
      dependsOn: [],
      message: null,
      createDate: null,
      path,
      format: 'typescript',
    });
    down = id;
  }
  return RevisionGraph.build(revisions);
}

describeEachDialect('checking applied revisions before an upgrade', (dialect) => {
  let database: TestDatabase;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
  });

  test('a database with no history (Alembic-managed or stamped) passes, even with --strict', async () => {
    const graph = graphOf({ a1: revisionFile('a1') });
    expect(await verifyAppliedRevisions(session, graph, ['a1'], { strict: true })).toEqual([]);
  });

  test('an ancestor of the current revision that changed since it ran is reported; --strict makes it an error', async () => {
    const first = revisionFile('a1');
    const graph = graphOf({ a1: first, b2: revisionFile('b2') });
    await recordStep(
      session,
      historyRow({ revision: 'a1', direction: 'upgrade', started: new Date(), durationMs: 1, path: first }),
    );
    expect(await verifyAppliedRevisions(session, graph, ['b2'])).toEqual([]);
    revisionFile('a1', ' /* edited */ ');
    expect((await verifyAppliedRevisions(session, graph, ['b2'])).map((change) => change.revision)).toEqual([
      'a1',
    ]);
    await expect(verifyAppliedRevisions(session, graph, ['b2'], { strict: true })).rejects.toThrow(
      RevisionFileChangedError,
    );
  });
});

describeEachDialect('recording plan steps', (dialect) => {
  let database: TestDatabase;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    session = await connect(parseDatabaseUrl(database.url));
  });

  afterEach(async () => {
    await session.close();
    await database.drop();
  });

  test('a migration step is recorded with its direction and its file checksum', async () => {
    const path = revisionFile('a1');
    const revision: Revision = {
      id: 'a1',
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      message: null,
      createDate: null,
      path,
      format: 'typescript',
    };
    await recordPlanSteps(session, [
      {
        step: {
          kind: 'migration',
          direction: 'downgrade',
          revision,
          from: ['a1'],
          to: [],
          versionChanges: [],
        },
        timing: { started: new Date(5000), durationMs: 9 },
      },
    ]);
    expect(await readHistory(session)).toMatchObject([
      { revision: 'a1', direction: 'downgrade', durationMs: 9, checksum: revisionChecksum(path) },
    ]);
  });

  test('a stamp step is recorded once per revision it stamps to, without a checksum', async () => {
    await recordPlanSteps(session, [
      {
        step: { kind: 'stamp', from: [], to: ['a1', 'b2'], versionChanges: [] },
        timing: { started: new Date(5000), durationMs: 0 },
      },
    ]);
    const rows = await readHistory(session);
    expect(rows?.map((row) => [row.revision, row.direction, row.checksum]).sort()).toEqual([
      ['a1', 'stamp', null],
      ['b2', 'stamp', null],
    ]);
  });
});
