import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { classifyPlan } from '../../src/safety/classify-plan.js';
import { declaresContract } from '../../src/safety/contract.js';
import { firstRollingBlock, RollingDeployBlockedError } from '../../src/safety/rolling.js';
import { RevisionGraph } from '../../src/script/graph.js';
import { planUpgrade } from '../../src/script/planner.js';
import type { Revision } from '../../src/script/revision.js';
import { loadRevisionCode } from '../../src/script/revision-code.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ambix-rolling-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function revision(id: string, down: string | null, body: string, extra = ''): Revision {
  const path = join(dir, `${id}.ts`);
  writeFileSync(
    path,
    `export const revision = '${id}';\nexport const downRevision = ${down === null ? 'null' : `'${down}'`};\n${extra}` +
      `export async function upgrade(op: any) {\n${body}\n}\nexport async function downgrade(op: any) {}\n`,
  );
  return {
    id,
    downRevisions: down === null ? [] : [down],
    branchLabels: [],
    dependsOn: [],
    message: null,
    createDate: null,
    path,
    format: 'typescript',
  };
}

async function classifiedChain(revisions: readonly Revision[]) {
  const graph = RevisionGraph.build(revisions);
  return classifyPlan(planUpgrade(graph, [], 'head'), {
    dialect: 'postgresql',
    loadCode: (revision) => loadRevisionCode(revision, 'postgresql'),
  });
}

test('an upgrade plan is classified revision by revision, in order', async () => {
  const classified = await classifiedChain([
    revision('e1', null, "await op.addColumn('account', { name: 'email2', type: { kind: 'text' } });"),
    revision('c2', 'e1', "await op.dropColumn('account', 'email');"),
  ]);
  expect(classified.map((entry) => [entry.revision, entry.kinds])).toEqual([
    ['e1', []],
    ['c2', ['destructive', 'breaking']],
  ]);
});

test('--rolling stops at the first breaking revision, naming it and its operation', async () => {
  const classified = await classifiedChain([
    revision('e1', null, "await op.addColumn('account', { name: 'email2', type: { kind: 'text' } });"),
    revision('c2', 'e1', "await op.dropColumn('account', 'email');"),
  ]);
  const block = firstRollingBlock(classified, () => false);
  expect(block).toMatchObject({
    revision: 'c2',
    operation: 'dropColumn(account.email)',
    declaredContract: false,
  });
  const error = new RollingDeployBlockedError(block!);
  expect(error.code).toBe('ROLLING_DEPLOY_BLOCKED');
  expect(error.message).toContain('c2');
  expect(error.message).toContain('dropColumn(account.email)');
});

test('a chain of expand revisions passes --rolling', async () => {
  const classified = await classifiedChain([
    revision('e1', null, "await op.addColumn('account', { name: 'email2', type: { kind: 'text' } });"),
  ]);
  expect(firstRollingBlock(classified, () => false)).toBeNull();
});

test('a revision declaring itself a contract step is held back by --rolling even when it looks safe', async () => {
  const declared = revision(
    'c3',
    null,
    "await op.addColumn('account', { name: 'x', type: { kind: 'text' } });",
    'export const contract = true;\n',
  );
  const plain = revision('p4', null, '');
  expect(declaresContract(declared)).toBe(true);
  expect(declaresContract(plain)).toBe(false);
  const classified = await classifiedChain([declared]);
  const block = firstRollingBlock(classified, (id) => id === 'c3');
  expect(block).toMatchObject({ revision: 'c3', declaredContract: true });
  expect(new RollingDeployBlockedError(block!).message).toContain('without --rolling');
});

test('raw SQL ambix cannot classify is held back by --rolling', async () => {
  const classified = await classifiedChain([revision('u1', null, "await op.execute('VACUUM');")]);
  expect(firstRollingBlock(classified, () => false)?.reason).toMatch(/^unknown/);
});
