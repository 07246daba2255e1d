import type { Operations } from '../../src/operations/operations.js';
import type { RevisionCode, RevisionCodeLoader } from '../../src/runtime/revision-code.js';
import { type RunPlanOptions, runPlan } from '../../src/runtime/run.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { DEFAULT_VERSION_TABLE } from '../../src/runtime/version-table.js';
import type { MigrationStep, Plan, VersionRowChange } from '../../src/script/plan.js';
import type { Revision } from '../../src/script/revision.js';

export function revision(
  id: string,
  downRevisions: readonly string[] = [],
  message: string | null = null,
): Revision {
  return {
    id,
    downRevisions,
    branchLabels: [],
    dependsOn: [],
    message: message ?? `create ${id}`,
    createDate: null,
    path: `/virtual/versions/${id}.ts`,
    format: 'typescript',
  };
}

/** An upgrade plan for a straight line of revisions, starting after `from` (null: empty database). */
export function linearUpgradePlan(revisions: readonly Revision[], from: string | null = null): Plan {
  const steps: MigrationStep[] = [];
  let previous = from;
  for (const rev of revisions) {
    const versionChanges: VersionRowChange[] =
      previous === null
        ? [{ kind: 'insert', revision: rev.id }]
        : [{ kind: 'update', from: previous, to: rev.id }];
    steps.push({
      kind: 'migration',
      direction: 'upgrade',
      revision: rev,
      from: previous === null ? [] : [previous],
      to: [rev.id],
      versionChanges,
    });
    previous = rev.id;
  }
  return { steps, startHeads: from === null ? [] : [from], endHeads: previous === null ? [] : [previous] };
}

/** The downgrade of a straight line, newest first, ending at `to` (null: base). */
export function linearDowngradePlan(revisions: readonly Revision[], to: string | null = null): Plan {
  const steps: MigrationStep[] = [];
  const ordered = [...revisions].reverse();
  ordered.forEach((rev, index) => {
    const below = ordered[index + 1]?.id ?? to;
    steps.push({
      kind: 'migration',
      direction: 'downgrade',
      revision: rev,
      from: [rev.id],
      to: below === null ? [] : [below],
      versionChanges:
        below === null
          ? [{ kind: 'delete', revision: rev.id }]
          : [{ kind: 'update', from: rev.id, to: below }],
    });
  });
  return { steps, startHeads: ordered[0] ? [ordered[0].id] : [], endHeads: to === null ? [] : [to] };
}

type Step = (op: Operations) => Promise<unknown>;

/**
 * Revision code that records each run in the side table `ran_log` (created on demand), then does
 * the revision's own work.
 */
export function loggingRevision(id: string, work: { upgrade?: Step; downgrade?: Step } = {}): RevisionCode {
  return {
    kind: 'module',
    async upgrade(op) {
      await (op as Operations).execute(`INSERT INTO ran_log (entry) VALUES ('upgrade ${id}')`);
      await work.upgrade?.(op as Operations);
    },
    async downgrade(op) {
      await (op as Operations).execute(`INSERT INTO ran_log (entry) VALUES ('downgrade ${id}')`);
      await work.downgrade?.(op as Operations);
    },
  };
}

export function loaderFor(codes: Readonly<Record<string, RevisionCode>>): RevisionCodeLoader {
  return async (rev) => {
    const code = codes[rev.id];
    if (code === undefined) throw new Error(`test has no code for ${rev.id}`);
    return code;
  };
}

export async function openSession(url: string): Promise<Session> {
  return connect(parseDatabaseUrl(url));
}

/** Creates the side table revisions log to; ids order the entries on every dialect. */
export async function createRanLog(url: string): Promise<void> {
  await withSession(url, (session) =>
    session.execute(
      session.spec.dialect === 'postgresql'
        ? 'CREATE TABLE ran_log (id SERIAL PRIMARY KEY, entry VARCHAR(100) NOT NULL)'
        : session.spec.dialect === 'mysql'
          ? 'CREATE TABLE ran_log (id INTEGER AUTO_INCREMENT PRIMARY KEY, entry VARCHAR(100) NOT NULL)'
          : 'CREATE TABLE ran_log (id INTEGER PRIMARY KEY AUTOINCREMENT, entry VARCHAR(100) NOT NULL)',
    ),
  );
}

export async function ranLog(url: string): Promise<string[]> {
  return withSession(url, async (session) => {
    const { rows } = await session.execute('SELECT entry FROM ran_log ORDER BY id');
    return rows.map((row) => String(row.entry));
  });
}

export async function versionRows(url: string, table = 'alembic_version'): Promise<string[] | null> {
  return withSession(url, async (session) => {
    try {
      const { rows } = await session.execute(`SELECT version_num FROM ${table}`);
      return rows.map((row) => String(row.version_num)).sort();
    } catch (error) {
      if (session.adapter.isMissingTable(error)) return null;
      throw error;
    }
  });
}

export async function tableExists(url: string, table: string): Promise<boolean> {
  return withSession(url, async (session) => {
    try {
      await session.execute(`SELECT 1 FROM ${table} WHERE 1 = 0`);
      return true;
    } catch (error) {
      if (session.adapter.isMissingTable(error)) return false;
      throw error;
    }
  });
}

export async function withSession<T>(url: string, work: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(url);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** Runs `plan` on the database at `url` with the given revision code, per-migration, a 5 s lock timeout. */
export function runWith(
  url: string,
  plan: Plan,
  codes: Record<string, RevisionCode>,
  extra: Partial<RunPlanOptions> = {},
) {
  return runPlan({
    url,
    versionTable: DEFAULT_VERSION_TABLE,
    transactionMode: 'per-migration',
    lockTimeoutMs: 5000,
    plan: () => plan,
    loadCode: loaderFor(codes),
    ...extra,
  });
}
