import { existsSync, statSync } from 'node:fs';
import { loadConfig, type ResolvedConfig } from '../config/index.js';
import { AmbixError } from '../errors.js';
import { createInspector } from '../operations/inspect/index.js';
import type { Session } from '../runtime/session.js';
import { describeConnection, parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import type { DoctorFinding } from '../safety/doctor/finding.js';
import { checkSchema } from '../safety/doctor/schema-checks.js';
import { checkChangedRevisions, checkFileHeads, checkVersionRows } from '../safety/doctor/version-checks.js';
import { readHistory } from '../safety/history/record.js';
import { connectIfExists } from '../safety/live-database.js';
import { SimulationContext } from '../safety/simulation-context.js';
import { discoverRevisions } from '../script/discovery.js';
import { RevisionGraph } from '../script/graph.js';
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
    if (!findings.some((finding) => finding.check === 'connection')) {
      findings.push({
        check: 'connection',
        severity: 'error',
        message: `${describeConnection(spec)} does not exist.`,
        fix: 'Check the URL; `ambix upgrade head` creates a new SQLite database.',
      });
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
  const context = new SimulationContext({
    dialect: session.spec.dialect,
    serverVersion: session.serverVersion,
    revision: 'doctor',
    revisionPath: config.configPath ?? config.rootDir,
    read: (statement) => session.execute(statement.sql, statement.parameters),
    onWrite: () => {},
  });
  const quote = (name: string) => session.adapter.quoteIdentifier(name);
  findings.push(...(await checkSchema(createInspector(context), session.spec.dialect, quote)));
  const versionTable = new VersionTableSql(session.adapter, versionTableOf(config));
  const { rows } = await readVersionRows(session, versionTable);
  if (graph === null) return;
  findings.push(...checkVersionRows(graph, rows, config.versionTable));
  if (historyTable === null) return;
  const history = await readHistory(session, { table: historyTable });
  if (history !== null) findings.push(...checkChangedRevisions(graph, rows, history));
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
