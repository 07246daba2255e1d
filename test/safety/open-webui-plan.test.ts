import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lint } from '../../src/commands/lint.js';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/open-webui');

// The whole history from an empty database, for a dialect other than the example's SQLite URL,
// so no database is read and the result depends on the revision files alone.
describe.each(['postgresql', 'mysql'] as const)('the Open WebUI example classified for %s', (dialect) => {
  test('flags 2f1211949ecc: NOT NULL column without default on a populated channel_member', async () => {
    const { revisions } = await lint({ cwd: EXAMPLE, dialect });
    const revision = revisions.find((entry) => entry.revision === '2f1211949ecc');
    const joinedAt = revision?.operations.find(
      (operation) => operation.operation === 'addColumn(channel_member.joined_at)',
    );
    expect(joinedAt?.findings.map((finding) => finding.kind)).toEqual(['breaking', 'hazard']);
  }, 60_000);

  test('flags the column drops of its destructive revisions', async () => {
    const { revisions } = await lint({ cwd: EXAMPLE, dialect });
    const destructive = revisions
      .filter((entry) => entry.kinds.includes('destructive'))
      .map((entry) => entry.revision);
    expect(destructive).toEqual(expect.arrayContaining(['37f288994c47', '3e0e00844bb0', '4de81c2a3af1']));
    const drop = revisions
      .find((entry) => entry.revision === '37f288994c47')
      ?.operations.find((operation) => operation.operation.includes('dropColumn(user_ids)'));
    expect(drop?.findings.map((finding) => finding.kind)).toContain('destructive');
  }, 60_000);
});
