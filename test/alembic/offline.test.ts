/**
 * `--sql` scripts: for the same history, ambix prints the statements `alembic upgrade --sql`
 * prints. Transactions differ by design (ambix commits each migration on its own by default;
 * Alembic's default env.py wraps the whole run in one), so BEGIN/COMMIT lines are left out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../support/built-cli.js';
import { alembicAvailable, alembicScript, ambix } from './support/tools.js';

/** The statements of a script, in order, without transaction control. */
function statements(script: string): string[] {
  return script
    .split(/;\n/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '' && statement !== 'BEGIN' && statement !== 'COMMIT');
}

beforeAll(ensureCliBuilt, 120_000);

describe.skipIf(!alembicAvailable)('ambix --sql against alembic --sql, same history', () => {
  for (const url of ['postgresql://app@db.example/app', 'mysql://app@db.example/app']) {
    it(`prints Alembic's statements for ${url.split(':')[0]}, the branch and its merge through the batch`, async () => {
      const ours = await ambix(url, 'upgrade', 'heads', '--sql');
      expect(ours.code, ours.stderr).toBe(0);
      expect(statements(ours.stdout)).toEqual(statements(await alembicScript(url, 'heads')));
    });
  }
});
