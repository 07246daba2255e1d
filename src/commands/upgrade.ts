import { planUpgrade } from '../script/planner.js';
import { assertPlannableRows } from '../script/version-diagnosis.js';
import type { LintResult } from './lint.js';
import {
  type MigrationResult,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  runOnline,
  type SqlScript,
} from './online.js';
import type { ProjectOptions } from './project.js';
import type { UpgradeSafetyOptions } from './upgrade-checks.js';

export interface UpgradeOptions extends OnlineCommandOptions, UpgradeSafetyOptions {
  /** Any upgrade target of §3: `head`, `heads`, an id or prefix, `label@head`, `+2`, `ae10+1`… */
  readonly target: string;
}

/**
 * `ambix upgrade <target>`: runs the missing revisions' `upgrade` under the migration lock, each
 * recorded in the history table. When there is work, first warns about applied revisions whose
 * file changed (`strict`: fails), applies `rolling` and takes the `backup`.
 */
export function upgrade(options: UpgradeOptions): Promise<MigrationResult> {
  return runOnline(
    options,
    ({ graph, config }, rows) => {
      // Rows no plan can start from get the words and command doctor prints.
      assertPlannableRows(graph, rows, config.versionTable);
      return planUpgrade(graph, rows, options.target);
    },
    // The safety layer is loaded only here, when the upgrade has steps to run.
    async (project, run) => (await import('./upgrade-checks.js')).upgradeChecks(options)(project, run),
  ).catch(async (error: unknown) => {
    // A revision that fails on what is already there: say where the schema really is.
    throw await (await import('./upgrade-checks.js')).explainUpgradeFailure(error, options);
  });
}

export interface UpgradePlanOptions extends ProjectOptions {
  readonly target: string;
}

/** `ambix upgrade --plan <target>`: the classification of what the upgrade would run; runs nothing. */
export async function upgradePlan(options: UpgradePlanOptions): Promise<LintResult> {
  const { lint } = await import('./lint.js');
  return lint(options);
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
