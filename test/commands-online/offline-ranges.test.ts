import { afterEach, describe, expect, it } from 'vitest';
import { downgradeSql } from '../../src/commands/downgrade.js';
import { stampSql } from '../../src/commands/stamp.js';
import { upgradeSql } from '../../src/commands/upgrade.js';
import { AmbixError } from '../../src/errors.js';
import { createProject, type ProjectDir, type RevisionSpec } from './project-fixture.js';

const THREE: RevisionSpec[] = [
  { id: 'one1abcd' },
  { id: 'two2abcd', down: 'one1abcd' },
  { id: 'thr3abcd', down: 'two2abcd', branchLabels: ['tip'] },
];

let project: ProjectDir | null = null;
afterEach(() => {
  project?.remove();
  project = null;
});

function options() {
  project = createProject(THREE);
  return { cwd: project.dir, migrations: [project.migrations], dialect: 'sqlite' as const };
}

/** The `-- Running …` lines of a script, in order. */
function steps(sql: string): string[] {
  return sql.split('\n').filter((line) => line.startsWith('-- Running'));
}

describe('offline ranges with relative parts (§3.4, §3.5, §7)', () => {
  it('upgrade a:+1 runs the one revision above the start', async () => {
    const script = await upgradeSql({ ...options(), range: 'one1abcd:+1' });
    expect(steps(script.sql)).toEqual(['-- Running upgrade one1abcd -> two2abcd']);
    expect(script.sql).not.toContain('CREATE TABLE alembic_version');
  });

  it('upgrade rev+1:head starts one revision above rev', async () => {
    const script = await upgradeSql({ ...options(), range: 'one1abcd+1:head' });
    expect(steps(script.sql)).toEqual(['-- Running upgrade two2abcd -> thr3abcd']);
  });

  it('upgrade head-2:head starts two revisions below the head', async () => {
    const script = await upgradeSql({ ...options(), range: 'head-2:head' });
    expect(steps(script.sql)).toEqual([
      '-- Running upgrade one1abcd -> two2abcd',
      '-- Running upgrade two2abcd -> thr3abcd',
    ]);
  });

  it('upgrade +1:+1 walks the start up from an empty database, then the end up from the start', async () => {
    const script = await upgradeSql({ ...options(), range: '+1:+1' });
    expect(steps(script.sql)).toEqual(['-- Running upgrade one1abcd -> two2abcd']);
  });

  it('upgrade label@head-1:label@head walks down on the labelled branch', async () => {
    const script = await upgradeSql({ ...options(), range: 'tip@head-1:tip@head' });
    expect(steps(script.sql)).toEqual(['-- Running upgrade two2abcd -> thr3abcd']);
  });

  it('keeps -1 as a start meaning one below every head', async () => {
    const script = await upgradeSql({ ...options(), range: '-1:head' });
    expect(steps(script.sql)).toEqual(['-- Running upgrade two2abcd -> thr3abcd']);
  });

  it('downgrade head-1:-1 walks the start down from the head, then the end down from the start', async () => {
    const script = await downgradeSql({ ...options(), range: 'head-1:-1' });
    expect(steps(script.sql)).toEqual(['-- Running downgrade two2abcd -> one1abcd']);
  });

  it('downgrade rev+1:base starts one revision above rev', async () => {
    const script = await downgradeSql({ ...options(), range: 'one1abcd+1:base' });
    expect(steps(script.sql)).toEqual([
      '-- Running downgrade two2abcd -> one1abcd',
      '-- Running downgrade one1abcd -> ',
    ]);
  });

  it('stamp rev+1:head stamps from one revision above rev', async () => {
    const script = await stampSql({ ...options(), revisions: ['one1abcd+1:head'] });
    expect(steps(script.sql)).toEqual(['-- Running stamp_revision two2abcd -> thr3abcd']);
  });

  it('a start walked past the head is a typed error naming it, and renders nothing', async () => {
    const error = await upgradeSql({ ...options(), range: 'thr3abcd+1:head' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbixError);
    expect((error as AmbixError).message).toContain('thr3abcd+1');
  });

  it('a downgrade start walked past the head is a typed error', async () => {
    const error = await downgradeSql({ ...options(), range: 'thr3abcd+2:base' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbixError);
    expect((error as AmbixError).message).toContain('thr3abcd+2');
  });
});
