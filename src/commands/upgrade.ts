import { planUpgrade } from '../script/planner.js';
import {
  type MigrationResult,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  runOnline,
  type SqlScript,
} from './online.js';

export interface UpgradeOptions extends OnlineCommandOptions {
  /** Any upgrade target of §3: `head`, `heads`, an id or prefix, `label@head`, `+2`, `ae10+1`… */
  readonly target: string;
}

/** `ambix upgrade <target>`: runs the missing revisions' `upgrade` under the migration lock. */
export function upgrade(options: UpgradeOptions): Promise<MigrationResult> {
  return runOnline(options, ({ graph }, rows) => planUpgrade(graph, rows, options.target));
}

export interface UpgradeSqlOptions extends OfflineCommandOptions {
  /** `[start:]end`; without a start the database is assumed empty. */
  readonly range: string;
}

/** `ambix upgrade --sql [start:]end`: the upgrade as a SQL script, touching no database. */
export async function upgradeSql(options: UpgradeSqlOptions): Promise<SqlScript> {
  // Offline rendering needs the operations API (and Kysely); loaded only for --sql.
  const { offlineRange, renderOffline, requireEnd } = await import('./offline-plan.js');
  return renderOffline(options, (graph) => {
    const range = offlineRange(graph, options.range, 'upgrade');
    return planUpgrade(graph, range.startRows, requireEnd(range, 'upgrade', options.range));
  });
}
