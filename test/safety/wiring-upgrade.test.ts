import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { upgrade, upgradePlan } from '../../src/commands/upgrade.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { RevisionFileChangedError } from '../../src/safety/history/changed.js';
import { RollingDeployBlockedError } from '../../src/safety/rolling.js';
import type { RevisionSpec } from '../commands-online/project-fixture.js';
import { scenarios } from '../commands-online/support.js';
import { tableExists, versionRows } from '../runtime/support.js';
import { describeEachDialect } from '../support/databases.js';

const FIRST: RevisionSpec = { id: 'safe0001', upgradeSql: ['CREATE TABLE keep_me (id INTEGER)'] };
const SECOND: RevisionSpec = { id: 'safe0002', down: 'safe0001' };
const DROPS: RevisionSpec = { id: 'drop0003', down: 'safe0002', upgradeSql: ['DROP TABLE keep_me'] };

describeEachDialect('upgrade with the safety checks', (dialect) => {
  const scenario = scenarios(dialect);

  it('warns with a revision-changed event when an applied revision file was edited', async () => {
    const s = await scenario([FIRST]);
    await upgrade({ ...s.options, target: 'head' });
    s.project.write({ ...FIRST, upgradeSql: ['CREATE TABLE keep_me (id INTEGER, extra INTEGER)'] });
    s.project.write(SECOND);
    const events: RunEvent[] = [];
    await upgrade({ ...s.options, target: 'head', onEvent: (event) => events.push(event) });
    expect(events.filter((event) => event.type === 'revision-changed')).toMatchObject([
      { revision: 'safe0001', path: join(s.project.migrations, 'safe0001.ts') },
    ]);
    expect(await s.rows()).toEqual(['safe0002']);
  });

  it('with strict, fails on an edited applied revision before running anything', async () => {
    const s = await scenario([FIRST]);
    await upgrade({ ...s.options, target: 'head' });
    s.project.write({ ...FIRST, upgradeSql: ['CREATE TABLE keep_me (id INTEGER, extra INTEGER)'] });
    s.project.write(SECOND);
    const error = await upgrade({ ...s.options, target: 'head', strict: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RevisionFileChangedError);
    expect((error as RevisionFileChangedError).message).toContain('safe0001');
    expect(await s.rows()).toEqual(['safe0001']);
    expect(await s.ran()).toEqual(['upgrade safe0001']);
  });

  it('with strict, runs on a database whose revisions were only stamped', async () => {
    const s = await scenario([FIRST, SECOND]);
    const { stamp } = await import('../../src/commands/stamp.js');
    await stamp({ ...s.options, revisions: ['safe0001'] });
    s.project.write({ ...FIRST, upgradeSql: ['CREATE TABLE edited (id INTEGER)'] });
    await upgrade({ ...s.options, target: 'head', strict: true });
    expect(await s.rows()).toEqual(['safe0002']);
  });

  it('plan classifies the pending revisions and runs nothing', async () => {
    const s = await scenario([FIRST, SECOND, DROPS]);
    const result = await upgradePlan({ ...s.options, target: 'head' });
    expect(result.revisions.map((revision) => [revision.revision, revision.kinds])).toEqual([
      ['safe0001', []],
      ['safe0002', []],
      ['drop0003', expect.arrayContaining(['destructive'])],
    ]);
    expect(await s.rows()).toBeNull();
    expect(await s.ran()).toEqual([]);
    expect(await tableExists(s.db.url, 'ambix_history')).toBe(false);
  });

  it('rolling refuses a destructive revision, naming it and the last safe revision, and runs nothing', async () => {
    const s = await scenario([FIRST, SECOND, DROPS]);
    const error = await upgrade({ ...s.options, target: 'head', rolling: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RollingDeployBlockedError);
    const blocked = error as RollingDeployBlockedError;
    expect(blocked.block).toMatchObject({ revision: 'drop0003', safeTarget: 'safe0002' });
    expect(blocked.message).toContain('ambix upgrade safe0002 --rolling');
    expect(await s.ran()).toEqual([]);
    expect(await s.rows()).toBeNull();
  });

  it('rolling runs a plan of expand-only revisions', async () => {
    const s = await scenario([FIRST, SECOND, DROPS]);
    await upgrade({ ...s.options, target: 'safe0002', rolling: true });
    expect(await s.rows()).toEqual(['safe0002']);
  });

  it('rolling refuses a revision that declares itself a contract step', async () => {
    const s = await scenario([
      FIRST,
      { ...SECOND, upgradeCode: '}\nexport const contract = true;\nfunction unused() {' },
    ]);
    const error = await upgrade({ ...s.options, target: 'head', rolling: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RollingDeployBlockedError);
    expect((error as RollingDeployBlockedError).block).toMatchObject({
      revision: 'safe0002',
      declaredContract: true,
      safeTarget: 'safe0001',
    });
    expect(await s.ran()).toEqual([]);
  });
});

describeEachDialect(
  'upgrade --backup',
  (dialect) => {
    const scenario = scenarios(dialect);

    it('writes a backup of the database as it was before migrating, and reports its path', async () => {
      const s = await scenario([FIRST, SECOND]);
      await upgrade({ ...s.options, target: 'safe0001' });
      const events: RunEvent[] = [];
      await upgrade({ ...s.options, target: 'head', backup: true, onEvent: (event) => events.push(event) });
      const written = events.find((event) => event.type === 'backup-written');
      expect(written).toMatchObject({ heads: ['safe0001'] });
      const file = (written as { file: string }).file;
      expect(file.startsWith(join(s.project.dir, 'backups'))).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(await versionRows(`sqlite:///${file}`)).toEqual(['safe0001']);
      expect(events.indexOf(written!)).toBeLessThan(events.findIndex((event) => event.type === 'step-start'));
    });

    it('writes no backup when there is nothing to run', async () => {
      const s = await scenario([FIRST]);
      await upgrade({ ...s.options, target: 'head' });
      await upgrade({ ...s.options, target: 'head', backup: true });
      expect(existsSync(join(s.project.dir, 'backups'))).toBe(false);
    });
  },
  ['sqlite'],
);
