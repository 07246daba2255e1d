import { describe, expect, it } from 'vitest';
import { planDowngrade, planUpgrade } from '../../src/script/planner.js';
import { graphOf, type RevisionSpec } from './support/graph-builder.js';
import { describeSteps } from './support/plan-format.js';

/*
 * Planning over many graph shapes (spec §4.3, §5.1–§5.3). Each row: the graph in load order, the
 * version rows, the command, and the steps in order with their exact version-row changes.
 */

const linear: RevisionSpec[] = ['a', 'b<a', 'c<b'];
const chain4: RevisionSpec[] = ['a', 'b<a', 'c<b', 'd<c'];
// a → b → c1 (c1branch) → d1 ; b → c2 (c2branch) → d2
const fork: RevisionSpec[] = [
  'a',
  'b<a',
  { id: 'c1', down: ['b'], labels: ['c1branch'] },
  'd1<c1',
  { id: 'c2', down: ['b'], labels: ['c2branch'] },
  'd2<c2',
];
const merge: RevisionSpec[] = ['a', 'b1<a', 'b2<a', 'm<b1,b2'];
const threeWay: RevisionSpec[] = ['a', 'b1<a', 'b2<a', 'b3<a', 'm<b1,b2,b3'];
const twoBases: RevisionSpec[] = ['a1', 'a2<a1', 'x1', 'x2<x1'];
// r1 depends on l1, which lives on a sibling branch
const crossDependency: RevisionSpec[] = ['a', 'l1<a', { id: 'r1', down: ['a'], dependsOn: ['l1'] }];
// x is only depended upon: an effective head
const effectiveHead: RevisionSpec[] = ['a', 'x', { id: 'c', down: ['a'], dependsOn: ['x'] }];
// a merge whose parents are related by dependsOn (Alembic #1373)
const dependentMerge: RevisionSpec[] = [
  'base',
  'a1<base',
  { id: 'b1', down: ['base'], dependsOn: ['a1'] },
  'm<a1,b1',
];
// dependency named through a branch label
const labelledDependency: RevisionSpec[] = [
  { id: 'lib1', labels: ['lib'] },
  'lib2<lib1',
  { id: 'app1', dependsOn: ['lib'] },
  'app2<app1',
];
// a dependency an ancestor already declares is dropped from the child's down revisions
const inheritedDependency: RevisionSpec[] = [
  'x',
  { id: 'a', dependsOn: ['x'] },
  { id: 'b', down: ['a'], dependsOn: ['x'] },
];
// merge of a fork and an independent base
const mergeOfRoots: RevisionSpec[] = ['p', 'q', 'm<p,q', 'n<m'];
// a branch point with a merge further up and a tail
const diamondTail: RevisionSpec[] = ['a', 'b1<a', 'b2<a', 'm<b1,b2', 'n<m', 'o<n'];
// two independent trees, each labelled at its base
const labelledBases: RevisionSpec[] = [
  { id: 'a1', labels: ['alpha'] },
  'a2<a1',
  { id: 'x1', labels: ['xray'] },
  'x2<x1',
];
// branch loaded before trunk continues (load order decides which branch is applied last)
const lateTrunk: RevisionSpec[] = ['a', 'side<a', 'b<a', 'c<b'];

// a branch of three beside a branch of one
const unevenFork: RevisionSpec[] = ['a', 'b1<a', 'b2<b1', 'b3<b2', 'c1<a'];
// fork, merge, fork again
const forkMergeFork: RevisionSpec[] = ['a', 'b1<a', 'b2<a', 'm<b1,b2', 'n1<m', 'n2<m'];
// two separate trees, the second depending on the first
const dependentTrees: RevisionSpec[] = ['a1', 'a2<a1', 'x1', { id: 'x2', down: ['x1'], dependsOn: ['a1'] }];
// a merge whose parents sit at different depths
const deepMerge: RevisionSpec[] = ['a', 'b<a', 'c<b', 'd<a', 'm<c,d'];
// three bases merged into one revision
const threeRoots: RevisionSpec[] = ['p', 'q', 'r', 'm<p,q,r'];

interface Case {
  readonly name: string;
  readonly graph: readonly RevisionSpec[];
  readonly rows: readonly string[];
  readonly command: 'upgrade' | 'downgrade';
  readonly target: string;
  readonly steps: readonly string[];
  readonly endHeads: readonly string[];
}

const cases: Case[] = [
  {
    name: 'linear: upgrade head from an empty table inserts the base then moves the row up',
    graph: linear,
    rows: [],
    command: 'upgrade',
    target: 'head',
    steps: ['+a insert a', '+b update a→b', '+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: upgrade head runs only what is missing',
    graph: linear,
    rows: ['a'],
    command: 'upgrade',
    target: 'head',
    steps: ['+b update a→b', '+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: upgrading to an ancestor of the current state is a silent no-op',
    graph: linear,
    rows: ['c'],
    command: 'upgrade',
    target: 'b',
    steps: [],
    endHeads: ['c'],
  },
  {
    name: 'linear: downgrade base runs every downgrade newest first and deletes the last row',
    graph: linear,
    rows: ['c'],
    command: 'downgrade',
    target: 'base',
    steps: ['-c update c→b', '-b update b→a', '-a delete a'],
    endHeads: [],
  },
  {
    name: 'linear: downgrade to a revision stops above it',
    graph: linear,
    rows: ['c'],
    command: 'downgrade',
    target: 'a',
    steps: ['-c update c→b', '-b update b→a'],
    endHeads: ['a'],
  },
  {
    name: 'linear: downgrading to the current revision is a no-op',
    graph: linear,
    rows: ['b'],
    command: 'downgrade',
    target: 'b',
    steps: [],
    endHeads: ['b'],
  },
  {
    name: 'linear: +2 walks two revisions up from the current row',
    graph: chain4,
    rows: ['a'],
    command: 'upgrade',
    target: '+2',
    steps: ['+b update a→b', '+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: +1 from an empty table applies the base',
    graph: chain4,
    rows: [],
    command: 'upgrade',
    target: '+1',
    steps: ['+a insert a'],
    endHeads: ['a'],
  },
  {
    name: 'linear: rev+N names a target above rev',
    graph: chain4,
    rows: [],
    command: 'upgrade',
    target: 'b+1',
    steps: ['+a insert a', '+b update a→b', '+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: head-1 names the parent of the head',
    graph: chain4,
    rows: [],
    command: 'upgrade',
    target: 'head-1',
    steps: ['+a insert a', '+b update a→b', '+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: text after the digits is ignored (b+1x means b+1)',
    graph: chain4,
    rows: ['b'],
    command: 'upgrade',
    target: 'b+1x',
    steps: ['+c update b→c'],
    endHeads: ['c'],
  },
  {
    name: 'linear: downgrade -1 rolls back the current revision',
    graph: chain4,
    rows: ['c'],
    command: 'downgrade',
    target: '-1',
    steps: ['-c update c→b'],
    endHeads: ['b'],
  },
  {
    name: 'linear: downgrade -N down to base is allowed',
    graph: chain4,
    rows: ['b'],
    command: 'downgrade',
    target: '-2',
    steps: ['-b update b→a', '-a delete a'],
    endHeads: [],
  },
  {
    name: 'linear: downgrade rev-N walks down from rev',
    graph: chain4,
    rows: ['d'],
    command: 'downgrade',
    target: 'd-2',
    steps: ['-d update d→c', '-c update c→b'],
    endHeads: ['b'],
  },
  {
    name: 'fork: upgrade heads applies the branch whose tip loads first last',
    graph: fork,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: [
      '+a insert a',
      '+b update a→b',
      '+c2 update b→c2',
      '+d2 update c2→d2',
      '+c1 insert c1',
      '+d1 update c1→d1',
    ],
    endHeads: ['d2', 'd1'],
  },
  {
    name: 'fork: label@head upgrades only that branch',
    graph: fork,
    rows: [],
    command: 'upgrade',
    target: 'c1branch@head',
    steps: ['+a insert a', '+b update a→b', '+c1 update b→c1', '+d1 update c1→d1'],
    endHeads: ['d1'],
  },
  {
    name: 'fork: a bare label upgrades to the revision declaring it',
    graph: fork,
    rows: ['b'],
    command: 'upgrade',
    target: 'c2branch',
    steps: ['+c2 update b→c2'],
    endHeads: ['c2'],
  },
  {
    name: 'fork: upgrading to another branch runs only its missing revisions and adds a row',
    graph: fork,
    rows: ['d1'],
    command: 'upgrade',
    target: 'd2',
    steps: ['+c2 insert c2', '+d2 update c2→d2'],
    endHeads: ['d1', 'd2'],
  },
  {
    name: 'fork: label@+1 walks up along the label',
    graph: fork,
    rows: ['b'],
    command: 'upgrade',
    target: 'c1branch@+1',
    steps: ['+c1 update b→c1'],
    endHeads: ['c1'],
  },
  {
    name: 'fork: label@+N with no row on the branch starts from the applied tip below it',
    graph: fork,
    rows: ['d1'],
    command: 'upgrade',
    target: 'c2branch@+2',
    steps: ['+c2 insert c2', '+d2 update c2→d2'],
    endHeads: ['d1', 'd2'],
  },
  {
    name: 'fork: label@+N from an empty table walks up from base along the label',
    graph: fork,
    rows: [],
    command: 'upgrade',
    target: 'c1branch@+3',
    steps: ['+a insert a', '+b update a→b', '+c1 update b→c1'],
    endHeads: ['c1'],
  },
  {
    name: 'fork: downgrade base rolls back one whole branch at a time, rows in load order first',
    graph: fork,
    rows: ['d1', 'd2'],
    command: 'downgrade',
    target: 'base',
    steps: [
      '-d1 update d1→c1',
      '-c1 delete c1',
      '-d2 update d2→c2',
      '-c2 update c2→b',
      '-b update b→a',
      '-a delete a',
    ],
    endHeads: [],
  },
  {
    name: 'fork: downgrade to the branch point rolls back both branches and keeps one row',
    graph: fork,
    rows: ['d1', 'd2'],
    command: 'downgrade',
    target: 'b',
    steps: ['-d1 update d1→c1', '-c1 delete c1', '-d2 update d2→c2', '-c2 update c2→b'],
    endHeads: ['b'],
  },
  {
    name: 'fork: a branch qualifier rolls back only that branch',
    graph: fork,
    rows: ['d1', 'd2'],
    command: 'downgrade',
    target: 'c2branch@b',
    steps: ['-d2 update d2→c2', '-c2 delete c2'],
    endHeads: ['d1'],
  },
  {
    name: 'fork: label@-1 steps down the labelled branch only',
    graph: fork,
    rows: ['d1', 'd2'],
    command: 'downgrade',
    target: 'c1branch@-1',
    steps: ['-d1 update d1→c1'],
    endHeads: ['c1', 'd2'],
  },
  {
    name: 'labelled bases: label@base rolls back that lineage only',
    graph: labelledBases,
    rows: ['a2', 'x2'],
    command: 'downgrade',
    target: 'xray@base',
    steps: ['-x2 update x2→x1', '-x1 delete x1'],
    endHeads: ['a2'],
  },
  {
    name: 'labelled bases: label@head upgrades that tree only',
    graph: labelledBases,
    rows: ['a2'],
    command: 'upgrade',
    target: 'xray@head',
    steps: ['+x1 insert x1', '+x2 update x1→x2'],
    endHeads: ['a2', 'x2'],
  },
  {
    name: 'fork: downgrade to a revision drops only its applied descendants',
    graph: fork,
    rows: ['d1'],
    command: 'downgrade',
    target: 'c1',
    steps: ['-d1 update d1→c1'],
    endHeads: ['c1'],
  },
  {
    name: 'fork: downgrading to a current row on one branch leaves the other untouched',
    graph: fork,
    rows: ['d1', 'c2'],
    command: 'downgrade',
    target: 'c2',
    steps: [],
    endHeads: ['d1', 'c2'],
  },
  {
    name: 'merge: the merge revision deletes one parent row and moves the other',
    graph: merge,
    rows: [],
    command: 'upgrade',
    target: 'head',
    steps: ['+a insert a', '+b2 update a→b2', '+b1 insert b1', '+m delete b1, update b2→m'],
    endHeads: ['m'],
  },
  {
    name: 'merge: rev+1 from one parent applies everything the merge needs',
    graph: merge,
    rows: ['b1'],
    command: 'upgrade',
    target: 'b1+1',
    steps: ['+b2 insert b2', '+m delete b1, update b2→m'],
    endHeads: ['m'],
  },
  {
    name: 'merge: downgrading the merge restores both parents (unmerge)',
    graph: merge,
    rows: ['m'],
    command: 'downgrade',
    target: 'b1',
    steps: ['-m insert b1, update m→b2'],
    endHeads: ['b2', 'b1'],
  },
  {
    name: 'merge: downgrade base unmerges, then drops rows implied by another head',
    graph: merge,
    rows: ['m'],
    command: 'downgrade',
    target: 'base',
    steps: ['-m insert b1, update m→b2', '-b1 delete b1', '-b2 update b2→a', '-a delete a'],
    endHeads: [],
  },
  {
    name: 'three-way merge: two parent rows deleted, the last one updated',
    graph: threeWay,
    rows: [],
    command: 'upgrade',
    target: 'head',
    steps: [
      '+a insert a',
      '+b3 update a→b3',
      '+b2 insert b2',
      '+b1 insert b1',
      '+m delete b1, delete b2, update b3→m',
    ],
    endHeads: ['m'],
  },
  {
    name: 'three-way merge: downgrading it restores three rows',
    graph: threeWay,
    rows: ['m'],
    command: 'downgrade',
    target: 'a',
    steps: ['-m insert b1, insert b2, update m→b3', '-b1 delete b1', '-b2 delete b2', '-b3 update b3→a'],
    endHeads: ['a'],
  },
  {
    name: 'two bases: upgrade heads applies the first-loaded tree last',
    graph: twoBases,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: ['+x1 insert x1', '+x2 update x1→x2', '+a1 insert a1', '+a2 update a1→a2'],
    endHeads: ['x2', 'a2'],
  },
  {
    name: 'two bases: downgrade base walks the rows in load order',
    graph: twoBases,
    rows: ['x2', 'a2'],
    command: 'downgrade',
    target: 'base',
    steps: ['-a2 update a2→a1', '-a1 delete a1', '-x2 update x2→x1', '-x1 delete x1'],
    endHeads: [],
  },
  {
    name: 'cross-branch dependency: the dependency is applied first and absorbed into the dependent row',
    graph: crossDependency,
    rows: ['a'],
    command: 'upgrade',
    target: 'r1',
    steps: ['+l1 update a→l1', '+r1 update l1→r1'],
    endHeads: ['r1'],
  },
  {
    name: 'cross-branch dependency: downgrading the dependent restores the dependency row only',
    graph: crossDependency,
    rows: ['r1'],
    command: 'downgrade',
    target: 'a',
    steps: ['-r1 update r1→l1', '-l1 update l1→a'],
    endHeads: ['a'],
  },
  {
    name: 'effective head: upgrade heads applies the depended-upon head and merges its row',
    graph: effectiveHead,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: ['+x insert x', '+a insert a', '+c delete a, update x→c'],
    endHeads: ['c'],
  },
  {
    name: 'effective head: dropping a revision whose parent another head depends on deletes its row',
    graph: ['a', 'b<a', 'c1<b', 'd1<c1', { id: 'c2', down: ['b'], dependsOn: ['c1'] }],
    rows: ['d1', 'c2'],
    command: 'downgrade',
    target: 'c1',
    steps: ['-d1 delete d1'],
    endHeads: ['c2'],
  },
  {
    name: 'dependent merge (#1373 fixed): downgrading the merge keeps only the dependent parent',
    graph: dependentMerge,
    rows: ['m'],
    command: 'downgrade',
    target: 'b1',
    steps: ['-m update m→b1'],
    endHeads: ['b1'],
  },
  {
    name: 'dependent merge: upgrade head moves one row, the dependency being absorbed',
    graph: dependentMerge,
    rows: ['base'],
    command: 'upgrade',
    target: 'head',
    steps: ['+a1 update base→a1', '+b1 update a1→b1', '+m update b1→m'],
    endHeads: ['m'],
  },
  {
    name: 'labelled dependency: depending on a label requires the revision declaring it',
    graph: labelledDependency,
    rows: [],
    command: 'upgrade',
    target: 'app2',
    steps: ['+lib1 insert lib1', '+app1 update lib1→app1', '+app2 update app1→app2'],
    endHeads: ['app2'],
  },
  {
    name: 'inherited dependency: the child does not list it again',
    graph: inheritedDependency,
    rows: ['a'],
    command: 'upgrade',
    target: 'b',
    steps: ['+b update a→b'],
    endHeads: ['b'],
  },
  {
    name: 'merge of two roots: both bases are inserted, then merged',
    graph: mergeOfRoots,
    rows: [],
    command: 'upgrade',
    target: 'head',
    steps: ['+q insert q', '+p insert p', '+m delete p, update q→m', '+n update m→n'],
    endHeads: ['n'],
  },
  {
    name: 'diamond with tail: downgrade -2 from the tail stops above the merge',
    graph: diamondTail,
    rows: ['o'],
    command: 'downgrade',
    target: '-2',
    steps: ['-o update o→n', '-n update n→m'],
    endHeads: ['m'],
  },
  {
    name: 'diamond with tail: downgrade to one parent unmerges',
    graph: diamondTail,
    rows: ['o'],
    command: 'downgrade',
    target: 'b2',
    steps: ['-o update o→n', '-n update n→m', '-m insert b1, update m→b2'],
    endHeads: ['b2', 'b1'],
  },
  {
    name: 'late trunk: the side branch loaded first is applied last',
    graph: lateTrunk,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: ['+a insert a', '+b update a→b', '+c update b→c', '+side insert side'],
    endHeads: ['c', 'side'],
  },
  {
    name: 'uneven fork: the longer branch, loaded first, is applied last',
    graph: unevenFork,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: ['+a insert a', '+c1 update a→c1', '+b1 insert b1', '+b2 update b1→b2', '+b3 update b2→b3'],
    endHeads: ['c1', 'b3'],
  },
  {
    name: 'fork, merge, fork: the merge joins two rows and the next fork adds one',
    graph: forkMergeFork,
    rows: [],
    command: 'upgrade',
    target: 'heads',
    steps: [
      '+a insert a',
      '+b2 update a→b2',
      '+b1 insert b1',
      '+m delete b1, update b2→m',
      '+n2 update m→n2',
      '+n1 insert n1',
    ],
    endHeads: ['n2', 'n1'],
  },
  {
    name: 'dependent trees: the depended-upon tree is applied first and its row absorbed',
    graph: dependentTrees,
    rows: [],
    command: 'upgrade',
    target: 'x2',
    steps: ['+a1 insert a1', '+x1 insert x1', '+x2 delete x1, update a1→x2'],
    endHeads: ['x2'],
  },
  {
    name: 'dependent trees: downgrading the dependent restores both of its down revisions',
    graph: dependentTrees,
    rows: ['x2'],
    command: 'downgrade',
    target: 'x1',
    steps: ['-x2 insert x1, update x2→a1'],
    endHeads: ['a1', 'x1'],
  },
  {
    name: 'deep merge: the missing parent of each side is applied, then merged',
    graph: deepMerge,
    rows: ['b'],
    command: 'upgrade',
    target: 'head',
    steps: ['+d insert d', '+c update b→c', '+m delete c, update d→m'],
    endHeads: ['m'],
  },
  {
    name: 'three roots: downgrade base unmerges into three rows, then deletes each',
    graph: threeRoots,
    rows: ['m'],
    command: 'downgrade',
    target: 'base',
    steps: ['-m insert p, insert q, update m→r', '-p delete p', '-q delete q', '-r delete r'],
    endHeads: [],
  },
];

describe('planning across graph shapes', () => {
  it.each(cases)('$name', ({ graph, rows, command, target, steps, endHeads }) => {
    const plan = (command === 'upgrade' ? planUpgrade : planDowngrade)(graphOf(...graph), rows, target);
    expect(describeSteps(plan)).toEqual(steps);
    expect(plan.endHeads).toEqual(endHeads);
    expect(plan.startHeads).toEqual(rows);
  });
});
