import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { downgrade } from '../../src/commands/downgrade.js';
import { migrate } from '../../src/commands/migrate.js';
import { stamp } from '../../src/commands/stamp.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { readHistory } from '../../src/safety/history/record.js';
import type { HistoryRow } from '../../src/safety/history/table.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { tableExists, withSession } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';

const LINEAR: RevisionSpec[] = [
  { id: 'hist0001', upgradeSql: ['CREATE TABLE hist_first (id INTEGER)'] },
  { id: 'hist0002', down: 'hist0001' },
];

/** History rows oldest first (readHistory gives newest first). */
async function history(url: string, table = 'ambix_history'): Promise<HistoryRow[] | null> {
  const rows = await withSession(url, (session) => readHistory(session, { table }));
  return rows === null ? null : rows.reverse();
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describeEachDialect('the history of steps the runtime executes', (dialect) => {
  const scenario = scenarios(dialect);

  it('upgrade writes one row per revision with direction, checksum, host, user, version and duration', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'head' });
    const rows = await history(s.db.url);
    expect(rows?.map((row) => [row.revision, row.direction])).toEqual([
      ['hist0001', 'upgrade'],
      ['hist0002', 'upgrade'],
    ]);
    const first = rows![0]!;
    expect(first.checksum).toBe(sha256(join(s.project.migrations, 'hist0001.ts')));
    expect(first.host).toBe(hostname());
    expect(first.user).not.toBe('');
    expect(first.ambixVersion).toBe(version);
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(first.startedAt))).toBe(false);
  });

  it('downgrade writes a downgrade row per revision it reverts, newest revision first', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'head' });
    await downgrade({ ...s.options, target: 'base' });
    const rows = await history(s.db.url);
    expect(rows?.slice(2).map((row) => [row.revision, row.direction])).toEqual([
      ['hist0002', 'downgrade'],
      ['hist0001', 'downgrade'],
    ]);
  });

  it('stamp writes a stamp row per revision it stamps to, without a checksum', async () => {
    const s = await scenario(LINEAR);
    await stamp({ ...s.options, revisions: ['hist0002'] });
    await stamp({ ...s.options, revisions: ['base'] });
    const rows = await history(s.db.url);
    expect(rows?.map((row) => [row.revision, row.direction, row.checksum])).toEqual([
      ['hist0002', 'stamp', null],
      ['base', 'stamp', null],
    ]);
  });

  it('a failing migration writes no history row for itself', async () => {
    const s = await scenario([
      ...LINEAR,
      { id: 'hist0003', down: 'hist0002', upgradeSql: ['INSERT INTO missing_table VALUES (1)'] },
    ]);
    const error = await upgrade({ ...s.options, target: 'head' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    const rows = await history(s.db.url);
    expect(rows?.map((row) => row.revision)).toEqual(['hist0001', 'hist0002']);
  });

  it('a failing first migration creates no history table', async () => {
    const s = await scenario([{ id: 'hist0001', upgradeSql: ['INSERT INTO missing_table VALUES (1)'] }]);
    await upgrade({ ...s.options, target: 'head' }).catch(() => {});
    expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
  });

  it('a no-op upgrade at head creates no history table', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'head' });
    await withSession(s.db.url, (session) => session.execute('DROP TABLE ambix_history'));
    const result = await upgrade({ ...s.options, target: 'head' });
    expect(result.ran).toEqual([]);
    expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
  });

  it('the historyTable config key names the table the steps are recorded in', async () => {
    const s = await scenario(LINEAR);
    await migrate({ ...s.options, config: { historyTable: 'deploy_history' } });
    expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
    expect((await history(s.db.url, 'deploy_history'))?.map((row) => row.revision)).toEqual([
      'hist0001',
      'hist0002',
    ]);
  });

  it('historyTable: false records nothing: upgrade, downgrade and stamp create no history table', async () => {
    const s = await scenario(LINEAR);
    const config = { historyTable: false } as const;
    await migrate({ ...s.options, config });
    await downgrade({ ...s.options, config, target: 'base' });
    await stamp({ ...s.options, config, revisions: ['hist0002'] });
    expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
    expect(await tableExists(s.db.url, 'alembic_version')).toBe(true);
  });

  if (dialect === 'sqlite') {
    it('the history table adds no sqlite_sequence: its key numbers rows without AUTOINCREMENT', async () => {
      const s = await scenario(LINEAR);
      await upgrade({ ...s.options, target: 'head' });
      const counters = await withSession(s.db.url, async (session) =>
        (await session.execute('SELECT name FROM sqlite_sequence')).rows.map((row) => row.name),
      );
      // The project's own ran_log keeps its AUTOINCREMENT counter; the history table adds none.
      expect(counters).toEqual(['ran_log']);
    });
  }
});
