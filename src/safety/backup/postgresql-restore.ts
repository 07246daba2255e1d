import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Session } from '../../runtime/session.js';
import { type ConnectionSpec, describeConnection } from '../../runtime/url.js';
import {
  RestoreFailedError,
  RestoreRefusedError,
  RestoreSourceError,
  RestoreToolMissingError,
} from './errors.js';
import { runClient } from './pipe.js';
import { findTool } from './server.js';

type PostgresSpec = Extract<ConnectionSpec, { dialect: 'postgresql' | 'mysql' }>;

const run = promisify(execFile);

/**
 * Empties the database, inside the restore's transaction: every schema but `public` goes, and
 * every table, view, sequence, routine and type in `public`. Objects that belong to an extension
 * stay (the extension owns them, and the dump's `CREATE EXTENSION IF NOT EXISTS` keeps it).
 * Without this, `pg_restore --clean` drops only what the backup holds: tables created after it
 * stay, and a table whose dependants changed cannot be dropped, so the restore half fails.
 */
const EMPTY_DATABASE = `SET client_min_messages = warning;
DO $ambix_restore$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT n.nspname FROM pg_namespace n
     WHERE n.nspname <> 'public' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', item.nspname);
  END LOOP;
  FOR item IN
    SELECT c.relname,
           CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                          WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
      FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       -- An identity column's sequence goes with its table ('i'); an extension's objects stay ('e').
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'i'))
  LOOP
    EXECUTE format('DROP %s IF EXISTS public.%I CASCADE', item.kind, item.relname);
  END LOOP;
  FOR item IN
    SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS arguments,
           CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END AS kind
      FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS public.%I(%s) CASCADE', item.kind, item.proname, item.arguments);
  END LOOP;
  FOR item IN
    SELECT t.typname FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r', 'c')
       AND (t.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', item.typname);
  END LOOP;
END
$ambix_restore$;
`;

/** Objects of the live database the restoring role could not drop: it neither owns them nor is a member of their owner. */
const NOT_DROPPABLE = `
SELECT kind || ' ' || name AS object FROM (
  SELECT 'schema' AS kind, n.nspname AS name, n.nspowner AS owner, n.oid, 'pg_namespace'::regclass AS catalog
    FROM pg_namespace n
   WHERE n.nspname <> 'public' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT 'relation', n.nspname || '.' || c.relname, c.relowner, c.oid, 'pg_class'::regclass
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  UNION ALL
  SELECT 'routine', n.nspname || '.' || p.proname, p.proowner, p.oid, 'pg_proc'::regclass
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
) AS live
WHERE NOT pg_has_role(current_user, owner, 'MEMBER')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = live.catalog AND d.objid = live.oid AND d.deptype = 'e')
ORDER BY 1`;

/** Roles among `owners` that the restoring role cannot give objects to (absent, or not a member). */
const FOREIGN_OWNERS = `
SELECT o AS owner FROM unnest($1::text[]) AS o
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = o AND pg_has_role(current_user, r.oid, 'MEMBER'))
 ORDER BY 1`;

// Entries of \`pg_restore --list\` that set an owner: "<id>; <oid> <oid> TABLE public note alice".
const OWNED_ENTRY =
  /^\d+; \d+ \d+ (?:TABLE|SEQUENCE|VIEW|MATERIALIZED VIEW|FOREIGN TABLE|FUNCTION|PROCEDURE|AGGREGATE|TYPE|DOMAIN|SCHEMA) (?!DATA |SET |OWNED BY )\S.* (\S+)$/;

/** The owners a custom-format dump assigns; throws `RestoreSourceError` for a file that is not one. */
async function dumpOwners(pgRestore: string, source: string): Promise<string[]> {
  let listing: string;
  try {
    listing = (await run(pgRestore, ['--list', source], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const reason = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : String(error);
    throw new RestoreSourceError(source, `pg_restore cannot read it (${reason})`);
  }
  const owners = new Set<string>();
  for (const line of listing.split('\n')) {
    const owner = OWNED_ENTRY.exec(line)?.[1];
    if (owner !== undefined) owners.add(owner);
  }
  return [...owners];
}

/**
 * Restores a `pg_dump --format=custom` backup into the database it names, exactly: in one
 * transaction (psql `--single-transaction`), the database is emptied and the dump replayed with
 * its owners and privileges; any error rolls the whole of it back. Before anything runs, objects
 * the restoring role could not drop or give to their owner are a `RestoreRefusedError`. The
 * caller holds the migration lock; psql works on a connection of its own.
 */
export async function restorePostgresql(session: Session, spec: PostgresSpec, source: string): Promise<void> {
  const pgRestore = findTool(['pg_restore']);
  const psql = findTool(['psql']);
  if (pgRestore === null || psql === null) {
    throw new RestoreToolMissingError(
      'PostgreSQL',
      ['pg_restore', 'psql'],
      'e.g. apt install postgresql-client',
    );
  }
  const database = describeConnection(spec);
  const owners = await dumpOwners(pgRestore, source);
  const foreign = (await session.execute(FOREIGN_OWNERS, [owners])).rows.map((row) => String(row.owner));
  if (foreign.length > 0) {
    throw new RestoreRefusedError(
      database,
      `the backup gives objects to roles that ${spec.user} cannot own objects as`,
      foreign,
      `Restore as a role that is a member of ${foreign.length > 1 ? 'them' : 'it'} (or a superuser), or create the role${foreign.length > 1 ? 's' : ''} first.`,
    );
  }
  const locked = (await session.execute(NOT_DROPPABLE)).rows.map((row) => String(row.object));
  if (locked.length > 0) {
    throw new RestoreRefusedError(
      database,
      `the database holds objects that ${spec.user} cannot drop (it is not a member of their owner)`,
      locked,
      'Restore as their owner or a superuser, or drop them first.',
    );
  }
  const env = {
    ...process.env,
    PGAPPNAME: 'ambix restore',
    ...(spec.password === null ? {} : { PGPASSWORD: spec.password }),
  };
  const result = await runClient(
    psql,
    [
      '--no-psqlrc',
      '--quiet',
      '--single-transaction',
      '--set=ON_ERROR_STOP=1',
      `--host=${spec.host}`,
      `--port=${spec.port}`,
      `--username=${spec.user}`,
      '--no-password',
      `--dbname=${spec.database}`,
      '--file=-',
    ],
    env,
    EMPTY_DATABASE,
    { program: pgRestore, args: ['--file=-', source], env },
  );
  if (result.code !== 0) {
    throw new RestoreFailedError('psql', database, result.stderr || `exit status ${result.code}`, false);
  }
}
