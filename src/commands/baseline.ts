/**
 * `ambix baseline`: adopting ambix on a database that already has tables. The live schema is
 * read (as `check` reads it), written as the first revision — its upgrade creates those tables,
 * its downgrade drops them — and the database is stamped at that revision, so nothing runs on
 * it and a new, empty database built with `upgrade head` gets the same schema.
 */
import { existsSync } from 'node:fs';
import type { SchemaModel } from '../autogenerate/model.js';
import { connect } from '../runtime/session.js';
import { parseDatabaseUrl, redactUrl } from '../runtime/url.js';
import { readVersionRows, VersionTableSql } from '../runtime/version-table.js';
import { AutogenerateFormatError } from './autogenerate.js';
import { BaselineRefusedError } from './errors.js';
import { requireUrl, versionTableOf } from './online.js';
import { loadProject, type ProjectOptions } from './project.js';
import { planRevision, type RevisionResult, writePlannedRevision } from './revision.js';
import { stamp } from './stamp.js';

export interface BaselineOptions extends ProjectOptions {
  /** `-m`: the revision's message (default `baseline`). */
  readonly message?: string;
  /** `--rev-id`: use this id instead of a random one. */
  readonly revId?: string;
}

export interface BaselineResult extends RevisionResult {
  /** The database, password hidden. */
  readonly url: string;
  /** The tables found in the database, which the revision creates. */
  readonly tables: readonly string[];
  /** The version rows after stamping: the new revision. */
  readonly heads: readonly string[];
}

export async function baseline(options: BaselineOptions = {}): Promise<BaselineResult> {
  const project = await loadProject(options);
  const { config, graph } = project;
  if (config.revisionFormat === 'sql') throw new AutogenerateFormatError();
  if (graph.revisions.length > 0) {
    throw new BaselineRefusedError(
      `the project already has ${graph.revisions.length} revision(s); a baseline is the first one. ` +
        'Stamp the database at the revision it matches instead (`ambix stamp <rev>`).',
    );
  }
  const url = requireUrl(config);
  const live = await readLiveSchema(url, options.cwd, config);
  if (live.tables.length === 0) {
    throw new BaselineRefusedError(
      `${redactUrl(url)} has no tables to adopt; start with \`ambix revision -m "..."\` instead.`,
    );
  }
  const [{ compareSchemas }, { renderRevision }] = await Promise.all([
    import('../autogenerate/compare/index.js'),
    import('../autogenerate/render/index.js'),
  ]);
  // The live schema against an empty database: a diff that creates every table, in an order
  // that respects foreign keys, and drops them in reverse on downgrade.
  const diff = compareSchemas(live, { tables: [] }, { dialect: parseDatabaseUrl(url).dialect, renames: [] });
  const spec = planRevision(project, options, ['base'], false);
  const written = await writePlannedRevision(
    project,
    spec,
    options.message ?? 'baseline',
    renderRevision(diff, { dialect: diff.dialect }),
  );
  const stamped = await stamp({ ...options, revisions: [written.revision] });
  return {
    ...written,
    url: redactUrl(url),
    tables: live.tables.map((table) => table.name),
    heads: stamped.heads,
  };
}

/** The database's tables, read-only; refuses a database ambix already manages. */
async function readLiveSchema(
  url: string,
  cwd: string | undefined,
  config: Awaited<ReturnType<typeof loadProject>>['config'],
): Promise<SchemaModel> {
  const spec = parseDatabaseUrl(url, cwd);
  // Connecting would create a missing SQLite file: there is nothing to adopt in one.
  if (spec.dialect === 'sqlite' && spec.filename !== ':memory:' && !existsSync(spec.filename)) {
    throw new BaselineRefusedError(`the SQLite database ${spec.filename} does not exist.`);
  }
  const session = await connect(spec);
  try {
    const versions = await readVersionRows(
      session,
      new VersionTableSql(session.adapter, versionTableOf(config)),
    );
    if (versions.rows.length > 0) {
      throw new BaselineRefusedError(
        `the database is already at ${versions.rows.join(', ')} in ${config.versionTable}; ` +
          'it is managed by ambix (or Alembic) already.',
      );
    }
    const { introspect, sessionCatalog } = await import('../autogenerate/introspect/index.js');
    return await introspect(sessionCatalog(session), {
      include: config.autogenerate.include,
      exclude: config.autogenerate.exclude,
      internalTables: [config.versionTable, ...(config.historyTable === null ? [] : [config.historyTable])],
    });
  } finally {
    await session.close();
  }
}
