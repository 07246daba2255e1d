import { MigrationFailedError } from '../runtime/errors.js';
import type { RunEventListener } from '../runtime/events.js';
import { RevisionFileChangedError } from '../safety/history/changed.js';
import { verifyAppliedRevisions } from '../safety/history/verify.js';
import { type BeforeSteps, loadOnlineProject, type OnlineCommandOptions } from './online.js';
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

const ALREADY_THERE = /already exists|duplicate column/i;

/**
 * An upgrade that failed because what the revision creates is already in the database: the
 * schema is ahead of the version table. Works out, from the live catalog, which revision the
 * schema matches and returns the failure with the `ambix stamp` to run; any other error, or a
 * schema that matches the version table, is returned as it was.
 */
export async function explainUpgradeFailure(error: unknown, options: OnlineCommandOptions): Promise<unknown> {
  if (!(error instanceof MigrationFailedError) || error.direction !== 'upgrade') return error;
  if (!ALREADY_THERE.test(error.databaseError)) return error;
  // Loaded only for this failure: a run that succeeds never pays for the schema comparison.
  const [
    { createInspector },
    { parseDatabaseUrl },
    { SchemaAheadOfVersionError },
    { connectIfExists, liveSimulation },
    { describeMatch, matchLiveSchema },
    { loadRevisionCode },
  ] = await Promise.all([
    import('../operations/inspect/index.js'),
    import('../runtime/url.js'),
    import('../safety/errors.js'),
    import('../safety/live-database.js'),
    import('../safety/schema-match.js'),
    import('../script/revision-code.js'),
  ]);
  const { config, graph } = await loadOnlineProject(options);
  if (config.url === null) return error;
  const session = await connectIfExists(parseDatabaseUrl(config.url, options.cwd));
  if (session === null) return error;
  try {
    const context = liveSimulation(session, { revision: error.revision, revisionPath: error.path });
    const match = await matchLiveSchema(graph, createInspector(context), session.spec.dialect, (revision) =>
      loadRevisionCode(revision, session.spec.dialect),
    );
    if (match.revision === null || error.heads.includes(match.revision)) return error;
    return new SchemaAheadOfVersionError(error, error.revision, match.revision, describeMatch(match));
  } catch {
    // The explanation is a courtesy: the original failure stays the answer.
    return error;
  } finally {
    await session.close();
  }
}
