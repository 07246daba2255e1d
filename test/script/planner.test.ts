import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  AmbiguousWalkError,
  InvalidDowngradeTargetError,
  MultipleCurrentHeadsError,
  MultipleHeadsError,
  OverlapError,
  RelativeWalkError,
  ResolutionError,
  UnknownVersionRowError,
} from '../../src/script/graph-errors.js';
import type { MigrationStep } from '../../src/script/plan.js';
import { planDowngrade, planStamp, planUpgrade, validateVersionRows } from '../../src/script/planner.js';
import { graphOf, type RevisionSpec } from './support/graph-builder.js';
import { describeSteps } from './support/plan-format.js';

const chain = () => graphOf('a', 'b<a', 'c<b', 'd<c');
const fork = () =>
  graphOf(
    'a',
    'b<a',
    { id: 'c1', down: ['b'], labels: ['c1branch'] },
    'd1<c1',
    { id: 'c2', down: ['b'], labels: ['c2branch'] },
    'd2<c2',
  );
const merge = () => graphOf('a', 'b1<a', 'b2<a', 'm<b1,b2');

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('§3.4 relative upgrade targets', () => {
  it('+N with several current heads is an ambiguous upgrade', () => {
    const error = thrown(() => planUpgrade(fork(), ['c1', 'c2'], '+1'));
    expect(error).toBeInstanceOf(AmbiguousWalkError);
    expect(error.message).toMatch(/^Ambiguous upgrade from multiple current revisions/);
  });

  it('+N stepping onto a branch point is an ambiguous walk', () => {
    const error = thrown(() => planUpgrade(fork(), ['b'], '+1'));
    expect(error).toBeInstanceOf(AmbiguousWalkError);
    expect(error.message).toMatch(/^Ambiguous walk/);
  });

  it('+N past the head did not produce N migrations', () => {
    expect(() => planUpgrade(chain(), ['c'], '+5')).toThrow(
      "Relative revision +5 didn't produce 5 migrations",
    );
  });

  it('-N without a revision is refused for upgrade', () => {
    expect(() => planUpgrade(chain(), ['c'], '-1')).toThrow(
      "Relative revision -1 didn't produce 1 migrations",
    );
  });

  it('+0 reports the number as an integer', () => {
    expect(() => planUpgrade(chain(), ['c'], '+0')).toThrow(
      "Relative revision 0 didn't produce 0 migrations",
    );
  });

  it('rev+N past the head is a typed error, not a crash (§12.6)', () => {
    const error = thrown(() => planUpgrade(chain(), [], 'c+3'));
    expect(error).toBeInstanceOf(RelativeWalkError);
    expect(error.message).toContain("Relative revision c+3 didn't produce 3 migrations");
  });

  it('head-N below the base is a typed error, not a crash (§12.6)', () => {
    const error = thrown(() => planUpgrade(graphOf('a'), [], 'head-1'));
    expect(error).toBeInstanceOf(RelativeWalkError);
    expect((error as RelativeWalkError).reason).toBe('did-not-produce');
  });

  it('rev-N through a merge point is an ambiguous walk', () => {
    expect(() => planUpgrade(merge(), [], 'm-1')).toThrow(AmbiguousWalkError);
  });

  it('upgrade head with an effective head present is a multiple-heads error, heads is not (§12.2)', () => {
    const graph = graphOf('a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] });
    expect(() => planUpgrade(graph, [], 'head')).toThrow(MultipleHeadsError);
    expect(planUpgrade(graph, [], 'heads').endHeads).toEqual(['c']);
  });

  it('the multiple-heads message names the target as typed', () => {
    expect(() => planUpgrade(fork(), [], 'head-1')).toThrow(/given argument 'head-1'/);
  });

  it('a range is not allowed outside --sql', () => {
    const error = thrown(() => planUpgrade(chain(), [], 'a:c'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^Range revision not allowed/);
  });

  it('an unknown target reaches the user as Can’t locate revision', () => {
    const error = thrown(() => planUpgrade(chain(), [], 'zzzz'));
    expect(error).toBeInstanceOf(ResolutionError);
    expect(error.message).toMatch(/^Can't locate revision identified by 'zzzz'/);
  });
});

describe('§3.5 relative downgrade targets', () => {
  it('downgrade -1 with several current heads is an error naming the heads and suggesting label@-1', () => {
    const error = thrown(() => planDowngrade(fork(), ['d1', 'd2'], '-1'));
    expect(error).toBeInstanceOf(MultipleCurrentHeadsError);
    expect((error as MultipleCurrentHeadsError).heads).toEqual(['d1', 'd2']);
    expect(error.message).toContain('d1, d2');
    expect(error.message).toContain('<branchlabel>@-1');
  });

  it('downgrade -1 from a merge revision is an ambiguous walk (§12.5)', () => {
    expect(() => planDowngrade(merge(), ['m'], '-1')).toThrow(/^Ambiguous walk/);
  });

  it('downgrade -N with no current revision did not produce N migrations', () => {
    expect(() => planDowngrade(chain(), [], '-1')).toThrow(
      "Relative revision -1 didn't produce 1 migrations",
    );
  });

  it('downgrade -N below base did not produce N migrations', () => {
    expect(() => planDowngrade(chain(), ['b'], '-3')).toThrow(
      "Relative revision -3 didn't produce 3 migrations",
    );
  });

  it('downgrade +N without a revision is refused', () => {
    expect(() => planDowngrade(chain(), ['b'], '+1')).toThrow(
      "Relative revision +1 didn't produce 1 migrations",
    );
  });

  it('downgrade rev-N past the base walked too far', () => {
    const error = thrown(() => planDowngrade(chain(), ['d'], 'b-3'));
    expect(error).toBeInstanceOf(RelativeWalkError);
    expect(error.message).toMatch(/^Walked too far/);
  });

  it('downgrade label@-1 with no revision on that branch is refused', () => {
    expect(() => planDowngrade(fork(), ['d2'], 'c1branch@-1')).toThrow(RelativeWalkError);
  });
});

describe('§5.2 downgrade targets', () => {
  it('downgrading "up" is not a valid downgrade target (§12.4)', () => {
    const error = thrown(() => planDowngrade(chain(), ['b'], 'd'));
    expect(error).toBeInstanceOf(InvalidDowngradeTargetError);
    expect(error.message).toMatch(/^Destination d is not a valid downgrade target from current head\(s\)/);
  });

  it('downgrade head when below head is not a valid downgrade target', () => {
    expect(() => planDowngrade(chain(), ['b'], 'head')).toThrow(
      /^Destination head is not a valid downgrade target/,
    );
  });

  it('a qualified downgrade whose roots all lie off the branch is not a valid downgrade target', () => {
    const graph = graphOf('a', 'b1<a', 'b2<a', { id: 'x', labels: ['xl'] });
    const error = thrown(() => planDowngrade(graph, ['b1', 'b2', 'x'], 'xl@a'));
    expect(error).toBeInstanceOf(InvalidDowngradeTargetError);
    expect(error.message).toMatch(/^Not a valid downgrade target from current heads/);
  });

  it('after the #1373 fix, a downgraded dependent merge can be upgraded again', () => {
    const graph = graphOf('base', 'a1<base', { id: 'b1', down: ['base'], dependsOn: ['a1'] }, 'm<a1,b1');
    const down = planDowngrade(graph, ['m'], 'b1');
    expect(down.endHeads).toEqual(['b1']);
    expect(planUpgrade(graph, down.endHeads, 'head').endHeads).toEqual(['m']);
  });
});

describe('migration steps', () => {
  it('an upgrade step moves from the downRevisions to the revision', () => {
    const step = planUpgrade(merge(), ['b1', 'b2'], 'm').steps[0] as MigrationStep;
    expect(step.from).toEqual(['b1', 'b2']);
    expect(step.to).toEqual(['m']);
  });

  it('a downgrade step of a base moves to nothing', () => {
    const step = planDowngrade(chain(), ['a'], 'base').steps[0] as MigrationStep;
    expect(step.from).toEqual(['a']);
    expect(step.to).toEqual([]);
  });

  it('steps carry the revision header', () => {
    const step = planUpgrade(chain(), [], 'a').steps[0] as MigrationStep;
    expect(step.revision.path).toBe('/project/migrations/a.ts');
    expect(step.direction).toBe('upgrade');
  });
});

describe('version rows', () => {
  it('a row that is not a known revision is reported with stamp --purge as the way out', () => {
    const error = thrown(() => validateVersionRows(chain(), ['zzzz']));
    expect(error).toBeInstanceOf(UnknownVersionRowError);
    expect((error as UnknownVersionRowError).reason).toBe('unknown');
    expect(error.message).toContain('stamp --purge');
  });

  it('a row holding a prefix of an id is reported as a prefix and never planned from (§12.10)', () => {
    const graph = graphOf('abcd1234', 'efgh5678<abcd1234');
    const error = thrown(() => planUpgrade(graph, ['abcd'], 'head'));
    expect(error).toBeInstanceOf(UnknownVersionRowError);
    expect((error as UnknownVersionRowError).reason).toBe('prefix');
    expect((error as UnknownVersionRowError).matches).toEqual(['abcd1234']);
  });

  it('a row holding a branch label is not a revision id', () => {
    expect(() => validateVersionRows(fork(), ['c1branch'])).toThrow(UnknownVersionRowError);
  });

  it('downgrade refuses unknown rows as well', () => {
    expect(() => planDowngrade(chain(), ['nope'], 'base')).toThrow(UnknownVersionRowError);
  });

  it('rows holding a revision and its ancestor overlap', () => {
    const error = thrown(() => planUpgrade(chain(), ['a', 'c'], 'head'));
    expect(error).toBeInstanceOf(OverlapError);
    expect(error.message).toMatch(/^Requested revision c overlaps with other requested revisions a/);
  });
});

describe('§5.4 stamp', () => {
  const stamp = (graph: ReturnType<typeof graphOf>, rows: string[], targets: string[], purge = false) =>
    planStamp(graph, rows, targets, { purge });

  it('stamping into an empty table inserts the revision', () => {
    const plan = stamp(chain(), [], ['head']);
    expect(describeSteps(plan)).toEqual(['stamp insert d']);
    expect(plan.endHeads).toEqual(['d']);
  });

  it('stamp base deletes every row', () => {
    expect(stamp(fork(), ['d1', 'd2'], ['base']).endHeads).toEqual([]);
  });

  it('no destination means base', () => {
    expect(stamp(chain(), ['c'], []).endHeads).toEqual([]);
  });

  it('label@base deletes only that lineage', () => {
    const plan = stamp(fork(), ['d1', 'd2'], ['c2branch@base']);
    expect(describeSteps(plan)).toEqual(['stamp delete d2']);
    expect(plan.endHeads).toEqual(['d1']);
  });

  it('stamping the current row changes nothing', () => {
    expect(stamp(chain(), ['c'], ['c']).steps).toEqual([]);
  });

  it('stamping below the current row moves it down', () => {
    expect(describeSteps(stamp(chain(), ['d'], ['b']))).toEqual(['stamp update d→b']);
  });

  it('stamping above the current row moves it up', () => {
    expect(describeSteps(stamp(chain(), ['a'], ['c']))).toEqual(['stamp update a→c']);
  });

  it('stamping a revision unrelated to every row inserts it', () => {
    const plan = stamp(fork(), ['d1'], ['d2']);
    expect(describeSteps(plan)).toEqual(['stamp insert d2']);
    expect(plan.endHeads).toEqual(['d1', 'd2']);
  });

  it('stamping below a merge forgets the other parent', () => {
    expect(stamp(merge(), ['m'], ['b1']).endHeads).toEqual(['b1']);
  });

  it('stamping several destinations that would rewrite the same row is refused before any change (§12.9)', () => {
    const error = thrown(() => stamp(merge(), ['m'], ['b1', 'b2']));
    expect(error).toBeInstanceOf(OverlapError);
    expect(error.message).toContain('stamp --purge b1 b2');
  });

  it('with --purge the same destinations become exactly the rows', () => {
    const plan = stamp(merge(), ['m'], ['b1', 'b2'], true);
    expect(describeSteps(plan)).toEqual(['stamp delete all', 'stamp insert b1', 'stamp insert b2']);
    expect(plan.endHeads).toEqual(['b1', 'b2']);
  });

  it('destinations where one is an ancestor of another overlap', () => {
    expect(() => stamp(chain(), [], ['a', 'c'])).toThrow(
      /^Requested revision c overlaps with other requested revisions a/,
    );
  });

  it('stamp head with several heads asks for a single target', () => {
    expect(() => stamp(fork(), [], ['head'])).toThrow(
      /^Multiple heads are present; please specify a single target revision/,
    );
  });

  it('stamp heads inserts every head', () => {
    expect(stamp(fork(), [], ['heads']).endHeads).toEqual(['d1', 'd2']);
  });

  it('--purge recovers from unknown rows', () => {
    const plan = stamp(chain(), ['nope', 'abc'], ['b'], true);
    expect(describeSteps(plan)).toEqual(['stamp delete all', 'stamp insert b']);
    expect(plan.endHeads).toEqual(['b']);
  });

  it('without --purge unknown rows are refused', () => {
    expect(() => stamp(chain(), ['nope'], ['b'])).toThrow(UnknownVersionRowError);
  });

  it('a stamp step records the rows it moves from and to', () => {
    const [step] = stamp(chain(), ['d'], ['b']).steps;
    expect(step).toMatchObject({ kind: 'stamp', from: ['d'], to: ['b'] });
  });

  it('stamping across a dependency affects the dependent row', () => {
    const specs: RevisionSpec[] = ['a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] }];
    expect(describeSteps(stamp(graphOf(...specs), ['c'], ['x']))).toEqual(['stamp update c→x']);
  });
});
