/**
 * `revision --autogenerate` and `check`: compare the schema module with the live database.
 *
 * Both refuse, before reading the schema of the database, when it is not at every head: a diff
 * against a database that is behind proposes to redo what pending revisions already do. Neither
 * writes to the database; a SQLite file that does not exist is read as empty, never created.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CompareHint, CompareWarning, SchemaChange, SchemaDiff } from '../autogenerate/compare/index.js';
import type { SchemaModel } from '../autogenerate/model.js';
import type { ResolvedConfig } from '../config/index.js';
import type { DialectName } from '../dialect.js';
import { AmbixError } from '../errors.js';
import { connect } from '../runtime/session.js';
import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import type { RevisionGraph } from '../script/graph.js';
import { requireUrl, versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';
import { planRevision, type RevisionOptions, type RevisionResult, writePlannedRevision } from './revision.js';

/** What both commands take besides the project: how to compare. */
export interface CompareCommandOptions extends ProjectOptions {
  /** `--schema PATH`: the schema module, instead of the config's `schema`. */
  readonly schema?: string;
  /** `--rename`: added to the config's `autogenerate.renames`. */
  readonly renames?: readonly string[];
  /** `--drop-tables`: drop tables the schema does not declare (else they are only listed). */
  readonly dropTables?: boolean;
  /** `--drop-columns`: drop columns the schema does not declare (else they are only listed). */
  readonly dropColumns?: boolean;
}

export type AutogenerateOptions = CompareCommandOptions & Omit<RevisionOptions, keyof ProjectOptions>;

/** One change, as the command reports it. */
export interface ChangeReport {
  readonly kind: SchemaChange['kind'];
  /** One line: `add column user.full_name VARCHAR(100) NULL`. */
  readonly description: string;
  readonly destructive: boolean;
  readonly reason?: string;
}

export interface ComparisonReport {
  /** The database, password hidden. */
  readonly url: string;
  readonly dialect: DialectName;
  readonly changes: readonly ChangeReport[];
  /** Tables and columns the database has and the schema does not, left alone. */
  readonly warnings: readonly CompareWarning[];
  /** Drops and adds that look like renames nobody stated. */
  readonly hints: readonly CompareHint[];
}

export interface AutogenerateResult extends RevisionResult, ComparisonReport {}

export interface CheckResult extends ComparisonReport {
  /** True when the database matches the schema: no change to make and nothing left alone. */
  readonly matches: boolean;
}

/** Autogenerate or check without a schema module to compare with. */
export class MissingSchemaModuleError extends AmbixError {
  constructor(configPath: string | null) {
    super(
      'MISSING_SCHEMA_MODULE',
      'No schema module to compare with: set `schema` in ' +
        `${configPath ?? 'the config file (ambix.config.ts)'} to the file that exports \`defineSchema(...)\`, ` +
        'or pass --schema PATH.',
    );
  }
}

/** The schema module loaded but does not export a schema. */
export class InvalidSchemaModuleError extends AmbixError {
  readonly file: string;

  constructor(file: string) {
    super(
      'INVALID_SCHEMA_MODULE',
      `${file} does not export a schema: export \`defineSchema({...})\` as its default export or as \`schema\`.`,
    );
    this.file = file;
  }
}

/** The database is not at every head (Alembic: `Target database is not up to date.`). */
export class TargetDatabaseNotUpToDateError extends AmbixError {
  readonly rows: readonly string[];
  readonly heads: readonly string[];

  constructor(rows: readonly string[], heads: readonly string[]) {
    const list = (ids: readonly string[]) => (ids.length === 0 ? '<base>' : ids.join(', '));
    super(
      'TARGET_DATABASE_NOT_UP_TO_DATE',
      `Target database is not up to date: it is at ${list(rows)}, the revisions' heads are ${list(heads)}. ` +
        'Run `ambix upgrade heads` first, so the comparison does not redo what pending revisions do.',
    );
    this.rows = rows;
    this.heads = heads;
  }
}

/** Autogenerate writes TypeScript or JavaScript; a `.sql` revision has no `op` to call. */
export class AutogenerateFormatError extends AmbixError {
  constructor() {
    super(
      'AUTOGENERATE_FORMAT',
      'revision --autogenerate writes TypeScript or JavaScript revisions, and the config sets ' +
        "revisionFormat: 'sql'. Set revisionFormat to 'ts' (or 'js') for autogenerate.",
    );
  }
}

/** `ambix revision --autogenerate`: writes a revision that makes the database match the schema. */
export async function autogenerateRevision(options: AutogenerateOptions): Promise<AutogenerateResult> {
  const project = await loadProject(options);
  if (project.config.revisionFormat === 'sql') throw new AutogenerateFormatError();
  // The new revision's place in the graph is checked before the database is read.
  const spec = planRevision(project, options, [options.head ?? 'head'], options.splice === true);
  const { report, diff } = await compareWithDatabase(project.config, project.graph, options);
  const { renderRevision } = await import('../autogenerate/render/index.js');
  const body = renderRevision(diff, { dialect: diff.dialect });
  const written = await writePlannedRevision(project, spec, options.message, body);
  return { ...written, ...report };
}

/** `ambix check`: does the database match the schema? Writes nothing. */
export async function checkSchema(options: CompareCommandOptions = {}): Promise<CheckResult> {
  const project = await loadProject(options);
  const { report } = await compareWithDatabase(project.config, project.graph, options);
  return { ...report, matches: report.changes.length === 0 && report.warnings.length === 0 };
}

async function compareWithDatabase(
  config: ResolvedConfig,
  graph: RevisionGraph,
  options: CompareCommandOptions,
): Promise<{ report: ComparisonReport; diff: SchemaDiff }> {
  const url = requireUrl(config);
  const schemaPath = options.schema ?? config.schema;
  if (schemaPath === null) throw new MissingSchemaModuleError(config.configPath);
  const spec = parseDatabaseUrl(url, options.cwd);
  const [{ compareSchemas, parseRename }, { schemaModel }, { tableFilter }] = await Promise.all([
    import('../autogenerate/compare/index.js'),
    import('../autogenerate/schema/index.js'),
    import('../autogenerate/introspect/filter.js'),
  ]);
  const renames = [...config.autogenerate.renames, ...(options.renames ?? [])].map((text) =>
    parseRename(text),
  );
  // Everything that can fail without the database fails before connecting.
  const schema = await loadSchemaModule(schemaPath, options.cwd);
  const filter = {
    include: config.autogenerate.include,
    exclude: config.autogenerate.exclude,
    internalTables: [config.versionTable, ...(config.historyTable === null ? [] : [config.historyTable])],
  };
  const database = await readDatabase(config, graph, spec, filter);
  const keep = tableFilter(filter);
  const code: SchemaModel = {
    tables: schemaModel(schema, { dialect: spec.dialect }).tables.filter((table) => keep(table.name)),
  };
  const diff = compareSchemas(code, database, {
    dialect: spec.dialect,
    renames,
    dropTables: options.dropTables ?? config.autogenerate.dropTables,
    dropColumns: options.dropColumns ?? config.autogenerate.dropColumns,
  });
  const { describeChange } = await import('../autogenerate/render/index.js');
  return {
    diff,
    report: {
      url: redactUrl(url),
      dialect: spec.dialect,
      changes: diff.changes.map((change) => ({
        kind: change.kind,
        description: describeChange(change, { dialect: spec.dialect }),
        destructive: change.destructive,
        ...(change.reason === undefined ? {} : { reason: change.reason }),
      })),
      warnings: diff.warnings,
      hints: diff.hints,
    },
  };
}

async function loadSchemaModule(path: string, cwd: string | undefined) {
  const file = resolve(cwd ?? process.cwd(), path);
  const [{ loadModule }, { isSchema }] = await Promise.all([
    import('../loader/index.js'),
    import('../autogenerate/schema/index.js'),
  ]);
  const exports = await loadModule(file);
  const candidate = exports.default ?? exports.schema;
  if (!isSchema(candidate)) throw new InvalidSchemaModuleError(file);
  return candidate;
}

/**
 * The database's version rows and schema, read-only. The rows come first: a database that is
 * not at every head is refused before its schema is read.
 */
async function readDatabase(
  config: ResolvedConfig,
  graph: RevisionGraph,
  spec: ReturnType<typeof parseDatabaseUrl>,
  filter: { include: readonly string[]; exclude: readonly string[]; internalTables: readonly string[] },
): Promise<SchemaModel> {
  const heads = graph.heads.map((head) => head.id);
  if (spec.dialect === 'sqlite' && spec.filename !== ':memory:' && !existsSync(spec.filename)) {
    requireAtHeads([], heads);
    return { tables: [] };
  }
  const session = await connect(spec);
  try {
    const { rows } = await readVersionRows(
      session,
      new VersionTableSql(session.adapter, versionTableOf(config)),
    );
    requireAtHeads(rows, heads);
    const { introspect, sessionCatalog } = await import('../autogenerate/introspect/index.js');
    return await introspect(sessionCatalog(session), filter);
  } finally {
    await session.close();
  }
}

function requireAtHeads(rows: readonly string[], heads: readonly string[]): void {
  const atHeads = rows.length === heads.length && heads.every((head) => rows.includes(head));
  if (!atHeads) throw new TargetDatabaseNotUpToDateError(rows, heads);
}
