import { AmbixError } from '../errors.js';
import type { RevisionGraph } from './graph.js';

/*
 * One diagnosis of the version table, shared by `doctor`, `current`, `upgrade`, `lint` and
 * `upgrade --plan`, so that each names the same problem and the same command to fix it. Pure:
 * the callers read the database; this decides what its state means.
 */

export type VersionRowsCheck =
  | 'missing-database'
  | 'missing-version-table'
  | 'unknown-version-row'
  | 'overlapping-version-rows'
  | 'multiple-heads-database';

export interface VersionRowsFinding {
  readonly check: VersionRowsCheck;
  /** `error`: commands cannot plan from this state, or would fail running from it. */
  readonly severity: 'error' | 'warning';
  /** True when no upgrade, lint or plan can start from these rows. */
  readonly blocking: boolean;
  readonly message: string;
  /** What to do: the exact command when there is one. */
  readonly fix: string;
}

/** What was read of the database; `otherTables` only matters when the version table is absent. */
export interface VersionRowsState {
  /** How messages name the database: `SQLite database /data/webui.db`. */
  readonly database: string;
  readonly databaseExists: boolean;
  readonly tableExists: boolean;
  readonly rows: readonly string[];
  /** Tables of the database other than ambix's own; empty when unknown. */
  readonly otherTables: readonly string[];
  /** The revision the live schema matches, when someone worked it out (see `schema-match`). */
  readonly schemaMatches?: string | null;
}

const SCHEMA_REVISION = '<revision the schema matches>';

function list(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/** Every problem of the version table, most serious first; empty when it is fine to plan from. */
export function diagnoseVersionRows(
  graph: RevisionGraph,
  state: VersionRowsState,
  versionTable: string,
): VersionRowsFinding[] {
  const stampTo = state.schemaMatches ?? SCHEMA_REVISION;
  // Only doctor compares the schema with the revisions; elsewhere the placeholder says where to look.
  const lookup = state.schemaMatches == null ? ' (`ambix doctor` names it)' : '';
  if (!state.databaseExists) {
    return [
      {
        check: 'missing-database',
        severity: 'error',
        blocking: false,
        message: `${state.database} does not exist.`,
        fix: 'Check the URL; `ambix upgrade head` creates a new SQLite database.',
      },
    ];
  }
  if (!state.tableExists) {
    // Without revision files there is nothing to record: the database is simply not ambix's yet.
    if (state.otherTables.length === 0 || graph.revisions.length === 0) return [];
    return [
      {
        check: 'missing-version-table',
        severity: 'error',
        blocking: false,
        message:
          `The database has ${state.otherTables.length} table(s) (${list(state.otherTables)}) but no ${versionTable} table, ` +
          'so ambix takes it for an empty database: `upgrade` would run every revision from the first and fail on the first table or column that already exists.',
        fix: `Record the revision the schema is at: \`ambix stamp ${stampTo}\`${lookup}.`,
      },
    ];
  }
  const findings: VersionRowsFinding[] = [];
  const known = state.rows.filter((row) => graph.get(row) !== undefined);
  for (const row of state.rows.filter((row) => graph.get(row) === undefined)) {
    const matches = graph.revisions.filter((revision) => row !== '' && revision.id.startsWith(row));
    if (matches.length === 1) {
      const replaced = state.rows.map((each) => (each === row ? matches[0]!.id : each));
      findings.push({
        check: 'unknown-version-row',
        severity: 'error',
        blocking: true,
        message: `${versionTable} holds '${row}', which is only a prefix of revision ${matches[0]!.id}: ambix plans only from full ids.`,
        fix: `\`ambix stamp --purge ${headsOf(graph, replaced).join(' ')}\``,
      });
      continue;
    }
    findings.push({
      check: 'unknown-version-row',
      severity: 'error',
      blocking: true,
      message:
        `${versionTable} holds revision ${row}, which no revision file defines (the database was migrated by files missing here): ` +
        'no upgrade, downgrade or plan can start from it.',
      fix: `Restore the revision file for ${row} (another branch or deploy may have it), or record the revision the schema is at: \`ambix stamp --purge ${stampTo}\`${lookup}.`,
    });
  }
  const heads = headsOf(graph, known);
  const implied = known.filter((row) => !heads.includes(row));
  if (implied.length > 0) {
    findings.push({
      check: 'overlapping-version-rows',
      severity: 'error',
      blocking: true,
      message:
        `${versionTable} holds ${list(heads)} together with ${implied.length > 1 ? 'their ancestors' : 'its ancestor'} ${list(implied)} ` +
        '(rows left by concurrent or interrupted runs): no upgrade can plan from overlapping rows, and `upgrade heads` fails too.',
      fix: `Keep only the newest row${heads.length > 1 ? 's' : ''}: \`ambix stamp --purge ${heads.join(' ')}\`.`,
    });
  }
  if (findings.length === 0 && known.length > 1) {
    const single = graph.heads.length === 1;
    findings.push({
      check: 'multiple-heads-database',
      severity: 'warning',
      blocking: false,
      message: `The database is on ${known.length} heads (${known.join(', ')}).`,
      fix: single
        ? `The revision files merge them: \`ambix upgrade head\`.`
        : 'Fine for branches meant to stay apart (`ambix upgrade heads` keeps each up to date); otherwise `ambix merge heads -m "merge"`, then `ambix upgrade head`.',
    });
  }
  return findings;
}

/** The rows no other row descends from, in their order (dependencies count, as for the planner). */
function headsOf(graph: RevisionGraph, rows: readonly string[]): string[] {
  const known = [...new Set(rows)].filter((row) => graph.get(row) !== undefined);
  return known.filter(
    (row) =>
      !known.some((other) => other !== row && graph.isAncestor(row, other, { includeDependencies: true })),
  );
}

const ERROR_CODES: Record<VersionRowsCheck, string> = {
  'missing-database': 'DATABASE_NOT_FOUND',
  'missing-version-table': 'VERSION_TABLE_MISSING',
  'unknown-version-row': 'UNKNOWN_VERSION_ROW',
  'overlapping-version-rows': 'VERSION_ROWS_OVERLAP',
  'multiple-heads-database': 'MULTIPLE_HEADS_DATABASE',
};

/** The version rows are not something any command can plan from; the message says what to run. */
export class VersionRowsError extends AmbixError {
  readonly finding: VersionRowsFinding;

  constructor(finding: VersionRowsFinding) {
    super(ERROR_CODES[finding.check], `${finding.message}\nFix: ${finding.fix}`);
    this.finding = finding;
  }
}

/**
 * Throws `VersionRowsError` for rows no plan can start from (unknown ids, prefixes, overlapping
 * rows), with the same words and command `doctor` prints. Cheap on a healthy single row.
 */
export function assertPlannableRows(
  graph: RevisionGraph,
  rows: readonly string[],
  versionTable: string,
): void {
  if (rows.length === 1 && graph.get(rows[0]!) !== undefined) return;
  const blocking = diagnoseVersionRows(
    graph,
    { database: '', databaseExists: true, tableExists: true, rows, otherTables: [] },
    versionTable,
  ).find((finding) => finding.blocking);
  if (blocking !== undefined) throw new VersionRowsError(blocking);
}
