import { UsageError } from '../errors.js';
import { renderOfflineScript } from '../runtime/offline.js';
import type { RevisionGraph } from '../script/graph.js';
import type { Plan } from '../script/plan.js';
import { downgradeTarget, upgradeTargets } from '../script/relative-target.js';
import { loadRevisionCode } from '../script/revision-code.js';
import { parseRange, parseRelative, resolveIdentifier } from '../script/target.js';
import { type OfflineCommandOptions, offlineDialect, type SqlScript, versionTableOf } from './online.js';
import { loadProject } from './project.js';

/** `[start:]end` of an offline command; without a start the database is taken as empty (§7). */
export interface OfflineRange {
  readonly startRows: readonly string[];
  /** As typed: the planner resolves a relative end (`a:+1`, `b:-1`) from `startRows`. */
  readonly end: string | null;
  readonly hasStart: boolean;
}

/** Which command's target grammar a relative start follows (§3.4 for upgrade, §3.5 downgrade). */
export type OfflineCommand = 'upgrade' | 'downgrade' | 'stamp';

export function offlineRange(graph: RevisionGraph, text: string, command: OfflineCommand): OfflineRange {
  if (!text.includes(':')) return { startRows: [], end: text, hasStart: false };
  const { start, end } = parseRange(text);
  return {
    startRows: start === null ? [] : resolveStart(graph, start, command),
    end,
    hasStart: start !== null,
  };
}

/**
 * The rows an offline run starts from. A start is where the database is, so a relative start
 * (`ae10+1`, `head-1`, `label@head-2`, `+1`) is walked as the command walks a target, from an
 * empty database; the absolute forms, and the negative integer that walks down from every head
 * (`-1`, `label@-1`), resolve as identifiers do everywhere else.
 */
function resolveStart(graph: RevisionGraph, start: string, command: OfflineCommand): readonly string[] {
  const relative = parseRelative(start);
  if (relative === null || (relative.symbol === null && relative.steps < 0)) {
    return resolveIdentifier(graph, start).map((revision) => revision.id);
  }
  if (command === 'downgrade') {
    const { revision } = downgradeTarget(graph, [], start);
    return revision === null ? [] : [revision.id];
  }
  return upgradeTargets(graph, [], start).map((revision) => revision.id);
}

/** Plans with the project's graph, then renders the plan as a script for the chosen dialect. */
export async function renderOffline(
  options: OfflineCommandOptions,
  plan: (graph: RevisionGraph) => Plan,
): Promise<SqlScript> {
  const { config, graph } = await loadProject(options);
  const dialect = offlineDialect(config, options.dialect);
  const sql = await renderOfflineScript(plan(graph), {
    dialect,
    versionTable: versionTableOf(config),
    transactionMode: config.transactionMode,
    loadCode: (revision) => loadRevisionCode(revision, dialect),
  });
  return { dialect, sql };
}

export function requireEnd(range: OfflineRange, command: string, text: string): string {
  if (range.end === null)
    throw new UsageError(`${command} --sql needs a target revision: '${text}' has none.`);
  return range.end;
}
