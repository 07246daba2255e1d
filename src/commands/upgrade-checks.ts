import type { RunEventListener } from '../runtime/events.js';
import { RevisionFileChangedError } from '../safety/history/changed.js';
import { verifyAppliedRevisions } from '../safety/history/verify.js';
import type { BeforeSteps } from './online.js';
import type { ProjectOptions } from './project.js';

/** The production-safety switches of `upgrade`. */
export interface UpgradeSafetyOptions {
  /** `--strict`: an applied revision whose file changed since it ran stops the upgrade. */
  readonly strict?: boolean;
  /** `--rolling`: refuse, before running anything, a plan with a breaking or contract revision. */
  readonly rolling?: boolean;
  /** `--backup`: back the database up before the first step; `to` as `ambix backup --to`. */
  readonly backup?: boolean | { readonly to?: string };
}

/**
 * The checks `upgrade` makes under the lock, once it knows there is work: changed revision files
 * (warnings, or an error with `strict`), then `--rolling`, then the backup — so that a refused
 * upgrade neither backs up nor runs anything. Loaded only when an upgrade has steps to run; the
 * rolling check and the backup, only when asked for.
 */
export function upgradeChecks(
  options: UpgradeSafetyOptions & ProjectOptions & { readonly onEvent?: RunEventListener },
): BeforeSteps {
  const onEvent = options.onEvent ?? (() => {});
  return async ({ config, graph }, { session, plan, rows }) => {
    // With the history turned off there is no record of the files as they ran to compare with.
    const changed =
      config.historyTable === null
        ? []
        : await verifyAppliedRevisions(session, graph, rows, { historyTable: config.historyTable });
    for (const change of changed) onEvent({ type: 'revision-changed', ...change });
    if (options.strict === true && changed.length > 0) throw new RevisionFileChangedError(changed);

    if (options.rolling === true) {
      await (await import('./rolling-check.js')).refuseRollingBlocks(session, plan, graph);
    }

    if (options.backup !== undefined && options.backup !== false) {
      const to = options.backup === true ? undefined : options.backup.to;
      const { backup } = await import('./backup.js');
      const written = await backup({
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
        ...(config.url === null ? {} : { url: config.url }),
        ...(to === undefined ? {} : { to }),
      });
      onEvent({ type: 'backup-written', file: written.file, heads: written.heads });
    }
  };
}
