import { type ForeignKeyViolation, ForeignKeyViolationError } from '../../runtime/errors.js';
import type { ConsistencyGuard, StatementRunner } from '../adapter.js';

/**
 * Runs a SQLite migration connection with foreign keys off and checks them at each commit point.
 *
 * Why off: SQLite can switch enforcement only outside a transaction, and with it on, the table
 * rebuild behind `op.batchAlterTable` drops a table other rows reference — which fires their
 * ON DELETE actions or fails — so the rebuild would have to leave the migration's transaction.
 * Alembic (SQLAlchemy) runs SQLite with foreign keys off, SQLite's own default.
 *
 * Why check anyway: better-sqlite3 turns enforcement on by default, so applications count on it.
 * A migration that leaves more dangling rows than it found fails and rolls back with its step.
 * Rows that dangled before the run are counted per (table, parent) and tolerated: rebuilds may
 * renumber their rowids, so comparing counts is what survives a rebuild.
 */
export async function checkForeignKeysAtCommits(run: StatementRunner): Promise<ConsistencyGuard> {
  const { rows } = await run('PRAGMA foreign_keys');
  const wasEnforced = Number(rows[0]?.foreign_keys) === 1;
  // A no-op inside a transaction, so this must run before the run's BEGIN.
  if (wasEnforced) await run('PRAGMA foreign_keys = OFF');
  const restore = async () => {
    if (wasEnforced) await run('PRAGMA foreign_keys = ON');
  };
  let accepted: ForeignKeyViolation[];
  try {
    accepted = await readViolations(run);
  } catch {
    // A foreign key that names no unique parent key ("foreign key mismatch") makes the check
    // itself fail. Such a database cannot be checked; it is migrated as Alembic would, unchecked.
    return { startStep() {}, observe() {}, check: async () => {}, restore };
  }
  // The whole-database check costs about 2 µs per table with foreign keys, once per migration:
  // 1.2 s over a 1,000-migration run that creates 1,000 such tables. Steps that only create
  // things cannot leave a dangling row, so they skip it.
  let touched = false;

  return {
    startStep() {
      touched = false;
    },
    observe(sql) {
      if (!CANNOT_DANGLE.test(sql)) touched = true;
    },
    async check(revision) {
      if (!touched) return;
      const found = await readViolations(run);
      touched = false;
      const introduced = introducedSince(accepted, found);
      if (introduced.length > 0) throw new ForeignKeyViolationError(revision, introduced);
      accepted = found;
    },
    restore,
  };
}

/**
 * Statements after which no row can reference a missing one: new tables are empty (CREATE TABLE
 * … AS SELECT copies no constraints), indexes, views and triggers hold no rows of their own, and
 * reads and savepoints change nothing. Anything else (DML, DROP, ALTER, PRAGMA) triggers the check.
 */
const CANNOT_DANGLE =
  /^\s*(CREATE\s+(UNIQUE\s+)?INDEX|CREATE\s+((TEMP|TEMPORARY)\s+)?(TABLE|VIEW|TRIGGER)|SELECT|SAVEPOINT|RELEASE)\b/i;

async function readViolations(run: StatementRunner): Promise<ForeignKeyViolation[]> {
  const { rows } = await run('PRAGMA foreign_key_check');
  return rows.map((row) => ({
    table: String(row.table),
    rowid: row.rowid === null || row.rowid === undefined ? null : Number(row.rowid),
    parent: String(row.parent),
  }));
}

const groupOf = (v: ForeignKeyViolation): string => `${v.table}\u0000${v.parent}`;
const rowOf = (v: ForeignKeyViolation): string => `${groupOf(v)}\u0000${v.rowid}`;

/**
 * The violations of the (table, parent) groups that grew; within them, the rows that are new by
 * rowid, or all of the group's rows when renumbering hides which ones are new.
 */
function introducedSince(
  before: readonly ForeignKeyViolation[],
  after: readonly ForeignKeyViolation[],
): ForeignKeyViolation[] {
  const countBefore = countBy(before, groupOf);
  const countAfter = countBy(after, groupOf);
  const grown = [...countAfter].filter(([group, count]) => count > (countBefore.get(group) ?? 0));
  const knownRows = new Set(before.map(rowOf));
  return grown.flatMap(([group]) => {
    const rows = after.filter((v) => groupOf(v) === group);
    const fresh = rows.filter((v) => !knownRows.has(rowOf(v)));
    return fresh.length > 0 ? fresh : rows;
  });
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}
