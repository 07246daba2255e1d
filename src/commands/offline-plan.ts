import { UsageError } from '../errors.js';
import { renderOfflineScript } from '../runtime/offline.js';
import type { RevisionGraph } from '../script/graph.js';
import type { Plan } from '../script/plan.js';
import { loadRevisionCode } from '../script/revision-code.js';
import { parseRange, resolveIdentifier } from '../script/target.js';
import { type OfflineCommandOptions, offlineDialect, type SqlScript, versionTableOf } from './online.js';
import { loadProject } from './project.js';

/** `[start:]end` of an offline command; without a start the database is taken as empty (§7). */
export interface OfflineRange {
  readonly startRows: readonly string[];
  readonly end: string | null;
  readonly hasStart: boolean;
}

export function offlineRange(graph: RevisionGraph, text: string): OfflineRange {
  if (!text.includes(':')) return { startRows: [], end: text, hasStart: false };
  const { start, end } = parseRange(text);
  return {
    startRows: start === null ? [] : resolveIdentifier(graph, start).map((revision) => revision.id),
    end,
    hasStart: start !== null,
  };
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
    loadCode: loadRevisionCode,
  });
  return { dialect, sql };
}

export function requireEnd(range: OfflineRange, command: string, text: string): string {
  if (range.end === null)
    throw new UsageError(`${command} --sql needs a target revision: '${text}' has none.`);
  return range.end;
}
