/**
 * What a user sees of a backfill's progress from the CLI: NDJSON events with `--json`, a bar
 * redrawn in place on a terminal (captured through a pseudo-terminal with util-linux `script`),
 * and plain lines when stderr is not a terminal.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';
import { upgrade } from '../../src/commands/upgrade.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { CLI_BIN, ensureCliBuilt } from '../support/built-cli.js';
import { describeEachDialect } from '../support/databases.js';

const run = promisify(execFile);

const TABLE: RevisionSpec = {
  id: 'tabl0001',
  upgradeSql: [
    'CREATE TABLE item (id INTEGER PRIMARY KEY, amount INTEGER NOT NULL)',
    `INSERT INTO item (id, amount) VALUES ${Array.from({ length: 30 }, (_, i) => `(${i + 1}, ${i})`).join(', ')}`,
  ],
};

const BACKFILL: RevisionSpec = {
  id: 'fill0002',
  down: 'tabl0001',
  upgradeCode: `
  await op.backfill('item', { batchSize: 10 }, async (rows) => {
    await op.bulkUpdate('item', rows.map((row) => ({ id: row.id, amount: Number(row.amount) + 1 })));
  });`,
};

function cliArgs(url: string): string[] {
  return [CLI_BIN, '--url', url, '--migrations', 'migrations', 'upgrade', 'head'];
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

beforeAll(ensureCliBuilt, 120_000);

describeEachDialect(
  'backfill progress from the CLI',
  (dialect) => {
    const scenario = scenarios(dialect);

    async function ready() {
      const s = await scenario([TABLE, BACKFILL]);
      await upgrade({ ...s.options, target: 'tabl0001' });
      return s;
    }

    it('--json streams one NDJSON progress event per batch, then a finished one', async () => {
      const s = await ready();
      const { stdout } = await run(process.execPath, [...cliArgs(s.db.url), '--json'], {
        cwd: s.project.dir,
      });
      const events = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((event) => event.type === 'progress');
      expect(events.map((event) => [event.label, event.done, event.total, event.finished])).toEqual([
        ['backfill item', 10, 30, false],
        ['backfill item', 20, 30, false],
        ['backfill item', 30, 30, false],
        ['backfill item', 30, 30, true],
      ]);
      expect(events[0]).toMatchObject({ revision: 'fill0002', resumedFrom: 0 });
      expect(typeof events[0]?.rate).toBe('number');
    });

    it('on a terminal, draws a bar in place and ends with a done line', async () => {
      const s = await ready();
      const command = [process.execPath, ...cliArgs(s.db.url)].map(shellQuote).join(' ');
      const { stdout } = await run('script', ['-qfec', command, '/dev/null'], {
        cwd: s.project.dir,
        env: { ...process.env, NO_COLOR: '' },
      });
      // ESC shown as <ESC>, to match the redraw (carriage return, erase line) in plain patterns.
      const screen = stdout.replaceAll('\x1b', '<ESC>').replaceAll('\r', '<CR>');
      expect(screen).toMatch(/<CR><ESC>\[K {2}backfill item \[#{8}-{16}\] {2}33% [\d,]+\/s/);
      expect(screen).toMatch(/<CR><ESC>\[K {2}backfill item: 30\/30 \(100%\) done in \d+s(<CR>)?\n/);
    });

    it('without a terminal, prints plain lines and no control characters', async () => {
      const s = await ready();
      const { stderr } = await run(process.execPath, cliArgs(s.db.url), {
        cwd: s.project.dir,
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(stderr).toMatch(/^ {2}backfill item: 10\/30 \(33%\), [\d,]+\/s, ETA \d+s$/m);
      expect(stderr).toMatch(/^ {2}backfill item: 30\/30 \(100%\) done in \d+s$/m);
      expect(stderr).not.toContain('\x1b');
    });
  },
  ['sqlite'],
);
