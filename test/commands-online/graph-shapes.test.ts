import { expect, it } from 'vitest';
import { current, NotAtHeadsError } from '../../src/commands/current.js';
import { downgrade } from '../../src/commands/downgrade.js';
import { stamp } from '../../src/commands/stamp.js';
import { upgrade } from '../../src/commands/upgrade.js';
import { describeEachDialect } from '../support/databases.js';
import type { RevisionSpec } from './project-fixture.js';
import { scenarios } from './support.js';

const up = (...ids: string[]) => ids.map((id) => `upgrade ${id}`);
const down = (...ids: string[]) => ids.map((id) => `downgrade ${id}`);

const LINEAR: RevisionSpec[] = [{ id: 'lin1' }, { id: 'lin2', down: 'lin1' }, { id: 'lin3', down: 'lin2' }];

// aaaa → bbbb → { c1xx → d1xx, c2xx → d2xx }
const BRANCHED: RevisionSpec[] = [
  { id: 'aaaa' },
  { id: 'bbbb', down: 'aaaa' },
  { id: 'c1xx', down: 'bbbb' },
  { id: 'c2xx', down: 'bbbb' },
  { id: 'd1xx', down: 'c1xx' },
  { id: 'd2xx', down: 'c2xx' },
];

// root → { left, right } → mrge
const DIAMOND: RevisionSpec[] = [
  { id: 'root' },
  { id: 'left', down: 'root' },
  { id: 'rght', down: 'root' },
  { id: 'mrge', down: ['left', 'rght'] },
];

// Two independent roots: core1 → core2, and plug1 (its own base) depending on core2.
const DEPENDENT: RevisionSpec[] = [
  { id: 'core1' },
  { id: 'core2', down: 'core1' },
  { id: 'plug1', dependsOn: ['core2'] },
];

// a → b → { c1 labelled `left`, c2 labelled `right` }
const LABELLED: RevisionSpec[] = [
  { id: 'base0' },
  { id: 'base1', down: 'base0' },
  { id: 'lft1', down: 'base1', branchLabels: ['leftb'] },
  { id: 'rgt1', down: 'base1', branchLabels: ['rightb'] },
  { id: 'lft2', down: 'lft1' },
];

// Two unrelated bases, each with a line of its own.
const TWO_ROOTS: RevisionSpec[] = [{ id: 'xa01' }, { id: 'xa02', down: 'xa01' }, { id: 'yb01' }];

describeEachDialect('graph shapes', (dialect) => {
  const scenario = scenarios(dialect);

  it('upgrade head on a line runs every upgrade in order and leaves one row', async () => {
    const s = await scenario(LINEAR);
    const result = await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toEqual(up('lin1', 'lin2', 'lin3'));
    expect(await s.rows()).toEqual(['lin3']);
    expect(result.ran.map((step) => step.revision)).toEqual(['lin1', 'lin2', 'lin3']);
  });

  it('upgrade to a middle revision, then head, runs each revision once', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'lin2' });
    expect(await s.rows()).toEqual(['lin2']);
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toEqual(up('lin1', 'lin2', 'lin3'));
  });

  it('upgrade head at head runs nothing and reports nothing ran', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'head' });
    const again = await upgrade({ ...s.options, target: 'head' });
    expect(again.ran).toEqual([]);
    expect(again.heads).toEqual(['lin3']);
    expect(await s.ran()).toHaveLength(3);
  });

  it('relative targets walk up and down the line', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: '+2' });
    expect(await s.rows()).toEqual(['lin2']);
    await downgrade({ ...s.options, target: '-1' });
    expect(await s.rows()).toEqual(['lin1']);
    expect(await s.ran()).toEqual([...up('lin1', 'lin2'), ...down('lin2')]);
  });

  it('downgrade base runs every downgrade newest first and keeps an empty version table', async () => {
    const s = await scenario(LINEAR);
    await upgrade({ ...s.options, target: 'head' });
    const result = await downgrade({ ...s.options, target: 'base' });
    expect((await s.ran()).slice(3)).toEqual(down('lin3', 'lin2', 'lin1'));
    expect(await s.rows()).toEqual([]);
    expect(result.heads).toEqual([]);
  });

  it('upgrade heads on a branch applies the branch whose head loads first last (§5.3)', async () => {
    const s = await scenario(BRANCHED);
    await upgrade({ ...s.options, target: 'heads' });
    expect(await s.ran()).toEqual(up('aaaa', 'bbbb', 'c2xx', 'd2xx', 'c1xx', 'd1xx'));
    expect(await s.rows()).toEqual(['d1xx', 'd2xx']);
  });

  it('downgrading one branch leaves the other branch and its row alone', async () => {
    const s = await scenario(BRANCHED);
    await upgrade({ ...s.options, target: 'heads' });
    await downgrade({ ...s.options, target: 'c1xx' });
    expect((await s.ran()).slice(6)).toEqual(down('d1xx'));
    expect(await s.rows()).toEqual(['c1xx', 'd2xx']);
  });

  it('upgrading to a revision on a second branch adds a row for it', async () => {
    const s = await scenario(BRANCHED);
    await upgrade({ ...s.options, target: 'd1xx' });
    await upgrade({ ...s.options, target: 'c2xx' });
    expect(await s.rows()).toEqual(['c2xx', 'd1xx']);
    expect((await s.ran()).slice(4)).toEqual(up('c2xx'));
  });

  it('upgrading through a merge ends with the merge as the only row', async () => {
    const s = await scenario(DIAMOND);
    await upgrade({ ...s.options, target: 'head' });
    const ran = await s.ran();
    expect(ran[0]).toBe('upgrade root');
    expect(ran.at(-1)).toBe('upgrade mrge');
    expect([...ran].sort()).toEqual(up('left', 'mrge', 'rght', 'root').sort());
    expect(await s.rows()).toEqual(['mrge']);
  });

  it('downgrading below a merge restores both parents as rows', async () => {
    const s = await scenario(DIAMOND);
    await upgrade({ ...s.options, target: 'head' });
    await downgrade({ ...s.options, target: 'left' });
    expect((await s.ran()).slice(4)).toEqual(down('mrge'));
    expect(await s.rows()).toEqual(['left', 'rght']);
  });

  it('upgrading a revision that depends on another branch runs that branch first', async () => {
    const s = await scenario(DEPENDENT);
    await upgrade({ ...s.options, target: 'plug1' });
    expect(await s.ran()).toEqual(up('core1', 'core2', 'plug1'));
    expect(await s.rows()).toEqual(['plug1']);
  });

  it('label@head upgrades only that branch, and the other label later adds its own row', async () => {
    const s = await scenario(LABELLED);
    await upgrade({ ...s.options, target: 'leftb@head' });
    expect(await s.ran()).toEqual(up('base0', 'base1', 'lft1', 'lft2'));
    expect(await s.rows()).toEqual(['lft2']);
    await upgrade({ ...s.options, target: 'rightb@head' });
    expect(await s.rows()).toEqual(['lft2', 'rgt1']);
  });

  it('upgrade heads over two unrelated roots keeps one row per root', async () => {
    const s = await scenario(TWO_ROOTS);
    await upgrade({ ...s.options, target: 'heads' });
    expect(await s.rows()).toEqual(['xa02', 'yb01']);
    expect([...(await s.ran())].sort()).toEqual(up('xa01', 'xa02', 'yb01').sort());
  });

  it('downgrade of one root with label-free id leaves the other root untouched', async () => {
    const s = await scenario(TWO_ROOTS);
    await upgrade({ ...s.options, target: 'heads' });
    await downgrade({ ...s.options, target: 'xa01' });
    expect(await s.rows()).toEqual(['xa01', 'yb01']);
    expect((await s.ran()).slice(3)).toEqual(down('xa02'));
  });

  it('stamp sets the rows without running any revision code', async () => {
    const s = await scenario(BRANCHED);
    await stamp({ ...s.options, revisions: ['heads'] });
    expect(await s.rows()).toEqual(['d1xx', 'd2xx']);
    await stamp({ ...s.options, revisions: ['c1xx'] });
    expect(await s.rows()).toEqual(['c1xx', 'd2xx']);
    await stamp({ ...s.options, revisions: ['base'] });
    expect(await s.rows()).toEqual([]);
    expect(await s.ran()).toEqual([]);
  });

  it('after a stamp, upgrade runs only what lies above the stamped revision', async () => {
    const s = await scenario(LINEAR);
    await stamp({ ...s.options, revisions: ['lin2'] });
    await upgrade({ ...s.options, target: 'head' });
    expect(await s.ran()).toEqual(up('lin3'));
  });

  it('current shows the rows; --check-heads passes only at every head', async () => {
    const s = await scenario(BRANCHED);
    await upgrade({ ...s.options, target: 'd1xx' });
    const below = await current(s.options);
    expect(below.rows).toEqual(['d1xx']);
    expect(below.current.map((entry) => entry.revision)).toEqual(['d1xx']);
    expect(below.atHeads).toBe(false);
    await expect(current({ ...s.options, checkHeads: true })).rejects.toBeInstanceOf(NotAtHeadsError);
    await upgrade({ ...s.options, target: 'heads' });
    expect((await current({ ...s.options, checkHeads: true })).atHeads).toBe(true);
  });
});
