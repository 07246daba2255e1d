import { UsageError } from '../errors.js';
import { planStamp } from '../script/planner.js';
import {
  type MigrationResult,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  runOnline,
  type SqlScript,
} from './online.js';

export interface StampOptions extends OnlineCommandOptions {
  /** Destinations (§5.4); none means `base`. */
  readonly revisions: readonly string[];
  /** `--purge`: delete every row first; the way out of unknown or prefix rows. */
  readonly purge?: boolean;
}

/** `ambix stamp <rev…>`: sets the version rows without running any revision code. */
export function stamp(options: StampOptions): Promise<MigrationResult> {
  return runOnline(options, ({ graph }, rows) =>
    planStamp(graph, rows, options.revisions, { purge: options.purge ?? false }),
  );
}

export interface StampSqlOptions extends OfflineCommandOptions {
  /** `[start:]rev` each; every start must be the same. */
  readonly revisions: readonly string[];
  readonly purge?: boolean;
}

/** `ambix stamp --sql [start:]rev…`: the version-row statements as a SQL script. */
export async function stampSql(options: StampSqlOptions): Promise<SqlScript> {
  if (options.purge) throw new UsageError("Can't use --purge with --sql mode.");
  // Offline rendering needs the operations API (and Kysely); loaded only for --sql.
  const { offlineRange, renderOffline } = await import('./offline-plan.js');
  return renderOffline(options, (graph) => {
    const ranges = options.revisions.map((text) => offlineRange(graph, text, 'stamp'));
    const starts = new Set(ranges.map((range) => range.startRows.join(',')));
    if (starts.size > 1) {
      throw new UsageError('Stamp operation with --sql only supports a single starting revision at a time.');
    }
    const targets = ranges.flatMap((range) => (range.end === null ? [] : [range.end]));
    return planStamp(graph, ranges[0]?.startRows ?? [], targets);
  });
}
