import type { RevisionGraph } from './graph.js';
import { MultipleHeadsError, OverlapError } from './graph-errors.js';
import type { Plan, StampStep, VersionRowChange } from './plan.js';
import type { Revision } from './revision.js';
import { filterForLineage, resolveIdentifier } from './target.js';
import { assertNoOverlap, VersionRows, validateVersionRows } from './version-rows.js';

/**
 * `stamp <targets…>`: rows only, no code runs (§5.4). Each destination replaces the rows on its
 * lineage. Destinations that overlap each other, or would rewrite the same row, are refused before
 * any change (Alembic applies the first and then crashes).
 */
export function planStamp(
  graph: RevisionGraph,
  currentRows: readonly string[],
  targets: readonly string[],
  options: { purge?: boolean } = {},
): Plan {
  if (!options.purge) validateVersionRows(graph, currentRows);
  const startRows = options.purge ? [] : currentRows;
  const destinations = stampDestinations(graph, startRows, targets.length > 0 ? targets : ['base']);
  assertNoOverlap(
    graph,
    destinations.flatMap((destination) => (destination.revision ? [destination.revision.id] : [])),
    'stamp only the later revision, or revisions on different branches',
  );
  assertDistinctRowsAffected(destinations);

  const rows = new VersionRows(currentRows);
  const steps: StampStep[] = [];
  const record = (from: readonly string[], to: readonly string[], changes: VersionRowChange[]) => {
    rows.apply(changes);
    steps.push({ kind: 'stamp', from, to, versionChanges: changes });
  };
  if (options.purge) record([...currentRows], [], [{ kind: 'delete-all' }]);
  for (const { revision, affected } of destinations) {
    if (revision === null) {
      for (const head of affected) record([head], [], [{ kind: 'delete', revision: head }]);
    } else if (affected.includes(revision.id)) {
      // Already a row: nothing to do.
    } else if (affected.length > 0) {
      // Above or below the rows on its lineage: they collapse into one row moved to the destination.
      const moved = affected[affected.length - 1]!;
      const dropped = affected
        .slice(0, -1)
        .map((head): VersionRowChange => ({ kind: 'delete', revision: head }));
      record(affected, [revision.id], [...dropped, { kind: 'update', from: moved, to: revision.id }]);
    } else {
      record([], [revision.id], [{ kind: 'insert', revision: revision.id }]);
    }
  }
  return { steps, startHeads: [...currentRows], endHeads: [...rows.current] };
}

interface StampDestination {
  /** As typed. */
  readonly text: string;
  /** `null` = base. */
  readonly revision: Revision | null;
  /** Current rows sharing lineage with the destination (dependencies included). */
  readonly affected: readonly string[];
}

function stampDestinations(graph: RevisionGraph, rows: readonly string[], texts: readonly string[]) {
  const destinations: StampDestination[] = [];
  for (const text of texts) {
    const revisions = withStampHeadsMessage(() => resolveIdentifier(graph, text));
    const affected = withStampHeadsMessage(() =>
      filterForLineage(graph, rows, text, { includeDependencies: true }),
    );
    if (revisions.length === 0) destinations.push({ text, revision: null, affected });
    for (const revision of revisions) {
      const own = affected.filter((row) =>
        graph.sharesLineage(row, [revision.id], { includeDependencies: true }),
      );
      if (!destinations.some((known) => known.revision === revision)) {
        destinations.push({ text, revision, affected: own });
      }
    }
  }
  return destinations;
}

function withStampHeadsMessage<T>(resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof MultipleHeadsError)
      throw new MultipleHeadsError(error.argument, error.heads, 'stamp');
    throw error;
  }
}

function assertDistinctRowsAffected(destinations: readonly StampDestination[]): void {
  const claimedBy = new Map<string, StampDestination>();
  for (const destination of destinations) {
    for (const row of destination.affected) {
      const earlier = claimedBy.get(row);
      if (earlier && earlier !== destination) {
        throw new OverlapError(
          destination.revision?.id ?? destination.text,
          [earlier.revision?.id ?? earlier.text],
          `both would replace version row ${row}; stamp them with \`ambix stamp --purge ${destinations
            .map((d) => d.text)
            .join(' ')}\` to set exactly these rows`,
        );
      }
      claimedBy.set(row, destination);
    }
  }
}
