import type { RunEventListener } from '../runtime/events.js';
import { classifyPlan } from '../safety/classify-plan.js';
import { declaresContract } from '../safety/contract.js';
import { RevisionFileChangedError } from '../safety/history/changed.js';
import { verifyAppliedRevisions } from '../safety/history/verify.js';
import { connectIfExists, rowProbe } from '../safety/live-database.js';
import { firstRollingBlock, RollingDeployBlockedError } from '../safety/rolling.js';
import { loadRevisionCode } from '../script/revision-code.js';
import { backup } from './backup.js';
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
 * upgrade neither backs up nor runs anything. Loaded only when an upgrade has steps to run.
 */
export function upgradeChecks(
  options: UpgradeSafetyOptions & ProjectOptions & { readonly onEvent?: RunEventListener },
): BeforeSteps {
  const onEvent = options.onEvent ?? (() => {});
  return async ({ config, graph }, { session, plan, rows }) => {
    const changed = await verifyAppliedRevisions(session, graph, rows, { historyTable: config.historyTable });
    for (const change of changed) onEvent({ type: 'revision-changed', ...change });
    if (options.strict === true && changed.length > 0) throw new RevisionFileChangedError(changed);

    if (options.rolling === true) {
      // A separate read-only connection: revisions' reads run for real while classifying, and
      // must not be able to write through the run's own session.
      const reader = await connectIfExists(session.spec);
      try {
        const classifications = await classifyPlan(plan, {
          dialect: session.spec.dialect,
          loadCode: loadRevisionCode,
          serverVersion: session.serverVersion,
          read: reader === null ? null : (statement) => reader.execute(statement.sql, statement.parameters),
          ...(reader === null ? {} : { rowProbe: rowProbe(reader) }),
        });
        const block = firstRollingBlock(classifications, (id) => {
          const revision = graph.get(id);
          return revision !== undefined && declaresContract(revision);
        });
        if (block !== null) throw new RollingDeployBlockedError(block);
      } finally {
        await reader?.close();
      }
    }

    if (options.backup !== undefined && options.backup !== false) {
      const to = options.backup === true ? undefined : options.backup.to;
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
