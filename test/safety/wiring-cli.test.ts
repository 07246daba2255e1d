import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { cli } from '../commands/run-cli.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { tableExists } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';

const FIRST: RevisionSpec = { id: 'clis0001', upgradeSql: ['CREATE TABLE kept (id INTEGER)'] };
const SECOND: RevisionSpec = { id: 'clis0002', down: 'clis0001' };
const DROPS: RevisionSpec = { id: 'clid0003', down: 'clis0002', upgradeSql: ['DROP TABLE kept'] };

describeEachDialect(
  'the safety options of `ambix upgrade`',
  (dialect) => {
    const scenario = scenarios(dialect);
    const argv = (s: { options: { url: string; migrations: string[] } }, ...args: string[]) => [
      ...args,
      '--url',
      s.options.url,
      '--migrations',
      s.options.migrations[0]!,
    ];

    it('--plan prints each pending revision with its verdict and runs nothing', async () => {
      const s = await scenario([FIRST, SECOND, DROPS]);
      const run = await cli(argv(s, 'upgrade', 'head', '--plan'), { cwd: s.project.dir });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('clis0001 create clis0001: safe');
      expect(run.stdout).toMatch(/clid0003 create clid0003: .*destructive/);
      expect(await s.rows()).toBeNull();
      expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
    });

    it('--plan --json prints the lint document', async () => {
      const s = await scenario([FIRST]);
      const run = await cli(argv(s, '--json', 'upgrade', 'head', '--plan'), { cwd: s.project.dir });
      expect(run.code).toBe(0);
      const document = JSON.parse(run.stdout) as { dialect: string; current: string[]; revisions: unknown[] };
      expect(document).toMatchObject({
        dialect,
        current: [],
        revisions: [{ revision: 'clis0001', kinds: [], incomplete: null }],
      });
    });

    it('--rolling refuses a destructive revision with exit status 1 and runs nothing', async () => {
      const s = await scenario([FIRST, SECOND, DROPS]);
      const run = await cli(argv(s, 'upgrade', 'head', '--rolling'), { cwd: s.project.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--rolling refuses revision clid0003');
      expect(await s.ran()).toEqual([]);
    });

    it('--backup prints the path of the backup written before migrating', async () => {
      const s = await scenario([FIRST]);
      const run = await cli(argv(s, 'upgrade', 'head', '--backup'), { cwd: s.project.dir });
      expect(run.code).toBe(0);
      const path = /Backed up the database to (.+)\n/.exec(run.stderr)?.[1];
      expect(path !== undefined && existsSync(path)).toBe(true);
    });

    it('an edited applied revision is a warning on stderr, even with --quiet', async () => {
      const s = await scenario([FIRST]);
      await cli(argv(s, 'upgrade', 'head'), { cwd: s.project.dir });
      s.project.write({ ...FIRST, upgradeSql: ['CREATE TABLE kept (id INTEGER, extra INTEGER)'] });
      s.project.write(SECOND);
      const run = await cli(argv(s, '--quiet', 'upgrade', 'head'), { cwd: s.project.dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^warning: revision clis0001 .* has changed since it ran/m);
    });

    it('--strict turns an edited applied revision into a failure before anything runs', async () => {
      const s = await scenario([FIRST]);
      await cli(argv(s, 'upgrade', 'head'), { cwd: s.project.dir });
      s.project.write({ ...FIRST, upgradeSql: ['CREATE TABLE kept (id INTEGER, extra INTEGER)'] });
      s.project.write(SECOND);
      const run = await cli(argv(s, 'upgrade', 'head', '--strict'), { cwd: s.project.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Revision clis0001');
      expect(await s.rows()).toEqual(['clis0001']);
    });
  },
  ['sqlite'],
);
