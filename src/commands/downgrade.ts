import { UsageError } from '../errors.js';
import { planDowngrade } from '../script/planner.js';
import {
  type MigrationResult,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  runOnline,
  type SqlScript,
} from './online.js';

export interface DowngradeOptions extends OnlineCommandOptions {
  /** A downgrade target of §3: `base`, an id or prefix, `-1`, `label@-1`, `label@base`… */
  readonly target: string;
}

/** `ambix downgrade <target>`: runs the applied revisions' `downgrade`, newest first, under the lock. */
export function downgrade(options: DowngradeOptions): Promise<MigrationResult> {
  return runOnline(options, ({ graph }, rows) => planDowngrade(graph, rows, options.target));
}

export interface DowngradeSqlOptions extends OfflineCommandOptions {
  /** `start:end`; both are required offline. */
  readonly range: string;
}

/** `ambix downgrade --sql start:end`: the downgrade as a SQL script. */
export async function downgradeSql(options: DowngradeSqlOptions): Promise<SqlScript> {
  // Offline rendering needs the operations API (and Kysely); loaded only for --sql.
  const { offlineRange, renderOffline } = await import('./offline-plan.js');
  return renderOffline(options, (graph) => {
    const range = offlineRange(graph, options.range, 'downgrade');
    if (!range.hasStart || range.end === null) {
      throw new UsageError(`downgrade with --sql requires <fromrev>:<torev> (got '${options.range}').`);
    }
    return planDowngrade(graph, range.startRows, range.end);
  });
}
