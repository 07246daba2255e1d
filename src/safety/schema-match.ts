import type { DialectName } from '../dialect.js';
import type { Inspector } from '../operations/inspect/types.js';
import { Operations } from '../operations/operations.js';
import type { RevisionGraph } from '../script/graph.js';
import { planUpgrade } from '../script/planner.js';
import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';
import type { OperationCall } from './operation-call.js';
import { recordingOperations } from './recording-operations.js';
import { SimulationContext } from './simulation-context.js';

/*
 * Which revision the live schema is at, judged from the schema alone: each revision's upgrade is
 * simulated (nothing runs) to learn which tables, columns and indexes it creates or removes, and
 * the live catalog is compared with what the database would hold after each revision in turn.
 * This is what lets doctor and a failed upgrade say "the schema is at X: `ambix stamp X`".
 */

/** A table, a column or an index, present or absent. Names compare case-insensitively. */
type Fact = string;
type Effect = { readonly fact: Fact; readonly present: boolean };

const table = (name: string): Fact => `table ${name.toLowerCase()}`;
const column = (tableName: string, name: string): Fact =>
  `column ${tableName.toLowerCase()}.${name.toLowerCase()}`;
const index = (name: string): Fact => `index ${name.toLowerCase()}`;

function effectsOf(call: OperationCall): Effect[] {
  switch (call.kind) {
    case 'createTable':
      return [{ fact: table(call.table), present: true }];
    case 'dropTable':
      return [{ fact: table(call.table), present: false }];
    case 'renameTable':
      return [
        { fact: table(call.table), present: false },
        { fact: table(call.to), present: true },
      ];
    case 'addColumn':
      return [{ fact: column(call.table, call.column.name), present: true }];
    case 'dropColumn':
      return [{ fact: column(call.table, call.column), present: false }];
    case 'alterColumn':
      return call.changes.newName === undefined
        ? []
        : [
            { fact: column(call.table, call.column), present: false },
            { fact: column(call.table, call.changes.newName), present: true },
          ];
    case 'createIndex':
      return [{ fact: index(call.name), present: true }];
    case 'dropIndex':
      return [{ fact: index(call.name), present: false }];
    default:
      return [];
  }
}

/** The tables, columns and indexes one revision's upgrade creates or removes, by simulation. */
export async function revisionEffects(
  revision: Revision,
  code: RevisionCode,
  dialect: DialectName,
): Promise<Effect[]> {
  if (code.kind === 'sql') return [];
  const effects: Effect[] = [];
  const context = new SimulationContext({
    dialect,
    serverVersion: null,
    revision: revision.id,
    revisionPath: revision.path,
    // An empty database: a revision that checks before it creates still shows what it creates.
    read: async () => ({ rows: [] }),
    onWrite: () => {},
  });
  const recorder = {
    call: (call: OperationCall) => effects.push(...effectsOf(call)),
    unknown: () => {},
    simulatedRead: () => {},
  };
  try {
    await code.upgrade(recordingOperations(new Operations(context), recorder, false));
  } catch {
    // What it did before it stopped is still what it does.
  }
  return effects;
}

/** The live schema's facts: every table, its columns and its indexes. */
export async function liveFacts(inspector: Inspector): Promise<Set<Fact>> {
  const facts = new Set<Fact>();
  for (const name of await inspector.getTables()) {
    facts.add(table(name));
    for (const each of await inspector.getColumns(name)) facts.add(column(name, each.name));
    for (const each of await inspector.getIndexes(name)) facts.add(index(each.name));
  }
  return facts;
}

export interface SchemaMatch {
  /** The revision after which the database would hold exactly the live schema; null: base. */
  readonly revision: string | null;
  /** Tables, columns and indexes where the live schema differs from that revision's (empty: exact). */
  readonly differences: readonly string[];
  /**
   * Later revisions that change no table, column or index the schema can show, so the schema
   * cannot tell whether they ran (data migrations): the match is `revision` or any of these.
   */
  readonly indistinguishable: readonly string[];
  /** How many differences each candidate revision has (`base` for none applied). */
  readonly differencesAt: ReadonlyMap<string, number>;
}

/**
 * The revision whose schema the live one matches best, walking the path from base to the heads:
 * for each revision, what each touched table, column and index should be after it (its last
 * change so far; not yet created counts as absent), compared with the live catalog. Only
 * revisions whose ancestors are exactly the ones before them are candidates, so branches are
 * never mixed. The latest of equally good candidates wins, and the ones tied with it are listed.
 */
export async function matchSchema(
  graph: RevisionGraph,
  live: ReadonlySet<Fact>,
  effectsOf: (revision: Revision) => Promise<readonly Effect[]>,
): Promise<SchemaMatch> {
  const path = planUpgrade(graph, [], 'heads').steps.flatMap((step) =>
    step.kind === 'migration' ? [step.revision] : [],
  );
  const effects = await Promise.all(path.map((revision) => effectsOf(revision)));
  const facts = new Set(effects.flat().map((effect) => effect.fact));
  // Facts whose first change removes them existed before ambix: no prefix can predict them.
  const expected = new Map<Fact, boolean>();
  for (const fact of facts) {
    const first = effects.flat().find((effect) => effect.fact === fact);
    if (first?.present === true) expected.set(fact, false);
  }
  const differencesAt = (): string[] =>
    [...expected]
      .filter(([fact, present]) => live.has(fact) !== present)
      .map(([fact, present]) => `${fact} ${present ? 'missing' : 'present'}`);
  let best: { revision: string | null; differences: string[] } = {
    revision: null,
    differences: differencesAt(),
  };
  const ties: string[] = [];
  const counts = new Map<string, number>([['base', best.differences.length]]);
  for (const [position, revision] of path.entries()) {
    for (const effect of effects[position]!) expected.set(effect.fact, effect.present);
    if (graph.ancestorsOf([revision.id]).size !== position + 1) continue;
    const differences = differencesAt();
    counts.set(revision.id, differences.length);
    if (differences.length < best.differences.length) {
      best = { revision: revision.id, differences };
      ties.length = 0;
    } else if (differences.length === best.differences.length) {
      if (best.revision !== null) ties.push(best.revision);
      best = { revision: revision.id, differences };
    }
  }
  // `ties` holds the candidates equal to the winner that came before it.
  return {
    revision: best.revision,
    differences: best.differences,
    indistinguishable: ties,
    differencesAt: counts,
  };
}

/** The live schema's match, reading the catalog through `inspector` and each revision's code. */
export async function matchLiveSchema(
  graph: RevisionGraph,
  inspector: Inspector,
  dialect: DialectName,
  loadCode: (revision: Revision) => Promise<RevisionCode>,
): Promise<SchemaMatch> {
  const live = await liveFacts(inspector);
  return matchSchema(graph, live, async (revision) =>
    revisionEffects(revision, await loadCode(revision), dialect),
  );
}

/**
 * "the live schema matches X" in words: the doubt when data-only revisions follow it, and the
 * differences no revision explains (changes made with raw SQL, or that depend on the data, are
 * invisible to the simulation).
 */
export function describeMatch(match: SchemaMatch): string {
  const at = match.revision ?? 'base (no revision applied)';
  const doubt =
    match.indistinguishable.length === 0
      ? ''
      : ` (or ${match.indistinguishable.join(', ')}: the revisions between change no table, column or index)`;
  const rest =
    match.differences.length === 0
      ? ''
      : `, closer than any other revision (${match.differences.length} difference(s) no revision explains, e.g. ${match.differences.slice(0, 3).join(', ')})`;
  return `the live schema matches revision ${at}${doubt}${rest}`;
}
