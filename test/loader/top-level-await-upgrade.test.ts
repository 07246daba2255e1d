import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upgrade } from '../../src/commands/upgrade.js';
import { MIN_PACKED_MODULES } from '../../src/loader/module-pack.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { tableExists } from '../runtime/support.js';

/** A revision whose table name is only known after a top-level `await`. */
const AWAITING = `
const tableName: string = await Promise.resolve('made_after_await');
export const awaitedTable = tableName;
`;

function chain(count: number): RevisionSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `rev${String(i).padStart(5, '0')}`,
    down: i === 0 ? null : `rev${String(i - 1).padStart(5, '0')}`,
  }));
}

describe('revisions with top-level await', () => {
  const scenario = scenarios('sqlite');

  async function upgradeWithAwaitingRevision(count: number, awaitingIndex: number) {
    const specs = chain(count);
    specs[awaitingIndex] = {
      ...specs[awaitingIndex]!,
      upgradeCode: "  await op.execute('CREATE TABLE ' + tableName + ' (id INTEGER)');",
    };
    const s = await scenario(specs);
    appendFileSync(join(s.project.migrations, `${specs[awaitingIndex]!.id}.ts`), AWAITING);
    await upgrade({ ...s.options, target: 'head' });
    return { s, specs };
  }

  it('upgrades a TypeScript revision that awaits at its top level, on SQLite', async () => {
    const { s, specs } = await upgradeWithAwaitingRevision(2, 1);
    expect(await s.rows()).toEqual([specs[1]!.id]);
    expect(await s.ran()).toEqual(specs.map((spec) => `upgrade ${spec.id}`));
    expect(await tableExists(s.db.url, 'made_after_await')).toBe(true);
  });

  it(`upgrades such a revision among ${MIN_PACKED_MODULES + 5} loaded together (the module-pack path)`, async () => {
    const { s, specs } = await upgradeWithAwaitingRevision(MIN_PACKED_MODULES + 5, 7);
    expect(await s.rows()).toEqual([specs.at(-1)!.id]);
    expect(await s.ran()).toEqual(specs.map((spec) => `upgrade ${spec.id}`));
    expect(await tableExists(s.db.url, 'made_after_await')).toBe(true);
  });
});
