import { existsSync, statSync } from 'node:fs';
import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { AmbixError } from '../errors.js';
import { createInspector } from '../operations/inspect/index.js';
import type { Session } from '../runtime/session.js';
import { describeConnection, parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import type { DoctorFinding } from '../safety/doctor/finding.js';
import { checkSchema } from '../safety/doctor/schema-checks.js';
import { checkPostConditions } from '../safety/doctor/verify-checks.js';
import { checkChangedRevisions, checkFileHeads } from '../safety/doctor/version-checks.js';
import { readHistory } from '../safety/history/record.js';
import { connectIfExists, liveSimulation } from '../safety/live-database.js';
import { describeMatch, matchLiveSchema, type SchemaMatch } from '../safety/schema-match.js';
import { readVersionRowsState } from '../safety/version-state.js';
import { discoverRevisions } from '../script/discovery.js';
import { RevisionGraph } from '../script/graph.js';
import { loadRevisionCode } from '../script/revision-code.js';
import { diagnoseVersionRows, type VersionRowsFinding } from '../script/version-diagnosis.js';
import { versionTableOf } from './online.js';
import type { ProjectOptions } from './project.js';

export interface DoctorOptions extends ProjectOptions {
  /** The history table's name (default: the config's `historyTable`, `ambix_history`). */
  readonly historyTable?: string;
}

export interface DoctorResult {
  /** The database checked (password hidden), or null when there was none to check. */
  readonly url: string | null;
  readonly findings: readonly DoctorFinding[];
  /** No finding of severity `error`. */
  readonly healthy: boolean;
}

/**
 * `ambix doctor`: checks the config, the revision files and the live database, reading only,
 * and says for each problem what to do. Problems are findings, not exceptions, so one run
 * reports all of them.
 */
export async function doctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  const findings: DoctorFinding[] = [];
  const finish = (url: string | null): DoctorResult => ({
    url,
    findings,
    healthy: findings.every((finding) => finding.severity !== 'error'),
  });
  const config = await attempt(findings, 'config', () => loadConfig(options));
  if (config === null) return finish(null);
  findings.push(...checkFolders(config, options.cwd ?? process.cwd()));
  if (findings.some((finding) => finding.check === 'migrations-folder')) return finish(null);
  const graph = await attempt(findings, 'revision-files', async () =>
    RevisionGraph.build(await discoverRevisions(config.migrations)),
  );
  if (graph !== null) findings.push(...checkFileHeads(graph));

  if (config.url === null) {
    findings.push({
      check: 'connection',
      severity: 'warning',
      message: 'No database URL, so the database was not checked.',
      fix: 'Pass --url, set `url` in the config, or set DATABASE_URL.',
    });
    return finish(null);
  }
  const spec = parseDatabaseUrl(config.url, options.cwd);
  const session = await attempt(findings, 'connection', () => connectIfExists(spec));
  if (session === null) {
    if (!findings.some((finding) => finding.check === 'connection') && graph !== null) {
      const state = {
        database: describeConnection(spec),
        databaseExists: false,
        tableExists: false,
        rows: [],
        otherTables: [],
      };
      findings.push(...diagnoseVersionRows(graph, state, config.versionTable).map(asDoctorFinding));
    }
    return finish(redactUrl(config.url));
  }
  try {
    await checkDatabase(session, config, graph, options.historyTable ?? config.historyTable, findings);
  } finally {
    await session.close();
  }
  return finish(redactUrl(config.url));
}

async function checkDatabase(
  session: Session,
  config: ResolvedConfig,
  graph: RevisionGraph | null,
  historyTable: string | null,
  findings: DoctorFinding[],
): Promise<void> {
  const context = liveSimulation(session, {
    revision: 'doctor',
    revisionPath: config.configPath ?? config.rootDir,
  });
  const quote = (name: string) => session.adapter.quoteIdentifier(name);
  const inspector = createInspector(context);
  findings.push(...(await checkSchema(inspector, session.spec.dialect, quote)));
  const state = await readVersionRowsState(session, versionTableOf(config), [historyTable]);
  if (graph === null) return;
  const match =
    graph.revisions.length === 0
      ? null
      : await matchLiveSchema(graph, inspector, session.spec.dialect, (revision) =>
          loadRevisionCode(revision, session.spec.dialect),
        );
  const diagnosis = diagnoseVersionRows(
    graph,
    { ...state, schemaMatches: match?.revision ?? null },
    config.versionTable,
  );
  findings.push(...diagnosis.map(asDoctorFinding));
  const mismatch =
    match === null || diagnosis.length > 0
      ? null
      : schemaVersionFinding(match, state.rows, config.versionTable);
  if (mismatch !== null) findings.push(mismatch);
  const { rows } = state;
  findings.push(
    ...(await checkPostConditions(session, graph, rows, (revision) =>
      loadRevisionCode(revision, session.spec.dialect),
    )),
  );
  if (historyTable === null) return;
  const history = await readHistory(session, { table: historyTable });
  if (history !== null) findings.push(...checkChangedRevisions(graph, rows, history));
}

/**
 * The version table names one revision and the live schema is clearly at another: it matches that
 * other revision strictly better than the recorded one (the schema cannot tell apart revisions
 * that change no table, column or index, so those never count as a mismatch).
 */
function schemaVersionFinding(
  match: SchemaMatch,
  rows: readonly string[],
  versionTable: string,
): DoctorFinding | null {
  const [recorded] = rows;
  if (rows.length !== 1 || recorded === undefined || match.revision === null) return null;
  if (recorded === match.revision || match.indistinguishable.includes(recorded)) return null;
  const atRecorded = match.differencesAt.get(recorded);
  if (atRecorded === undefined || atRecorded <= match.differences.length) return null;
  return {
    check: 'schema-version',
    severity: 'error',
    message:
      `${versionTable} says the database is at ${recorded}, but ${describeMatch(match)}: ` +
      'upgrade would rerun changes that are already there, or skip ones that are not.',
    fix: `Record the revision the schema is at: \`ambix stamp ${match.revision}\`.`,
  };
}

/** The shared diagnosis of the version rows, as doctor lists it. */
function asDoctorFinding(finding: VersionRowsFinding): DoctorFinding {
  return { check: finding.check, severity: finding.severity, message: finding.message, fix: finding.fix };
}

function checkFolders(config: ResolvedConfig, cwd: string): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const source =
    config.configPath === null
      ? `the default, as no ambix.config.* was found in ${cwd} or any folder above it`
      : `configured in ${config.configPath}`;
  if (config.configPath === null) {
    findings.push({
      check: 'config',
      severity: 'warning',
      message: `No ambix.config.* found in ${cwd} or any folder above it; the defaults apply.`,
      fix: 'Run `ambix init`, or pass --config PATH.',
    });
  }
  for (const folder of config.migrations) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      findings.push({
        check: 'migrations-folder',
        severity: 'error',
        message: `The migrations folder ${folder} does not exist (${source}).`,
        fix: 'Fix `migrations` in the config, pass --migrations DIR, or create it with `ambix init`.',
      });
    }
  }
  return findings;
}

/** Runs one step; an ambix error becomes an error finding of `check` and the step yields null. */
async function attempt<T>(
  findings: DoctorFinding[],
  check: DoctorFinding['check'],
  work: () => Promise<T>,
): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AmbixError)) throw error;
    findings.push({ check, severity: 'error', message: error.message, fix: fixFor(check) });
    return null;
  }
}

function fixFor(check: DoctorFinding['check']): string {
  if (check === 'config') return 'Fix the config file named above, or pass --config PATH.';
  if (check === 'connection') return 'Check the URL, the server and the credentials.';
  return 'Fix the revision files named above.';
}
