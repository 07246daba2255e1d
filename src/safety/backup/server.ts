import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { ConnectionSpec } from '../../runtime/url.js';
import { BackupFailedError, BackupToolMissingError } from './errors.js';

type ServerSpec = Extract<ConnectionSpec, { dialect: 'postgresql' | 'mysql' }>;

const run = promisify(execFile);

/** The first of `tools` found on the PATH, or null. */
export function findTool(tools: readonly string[], path: string = process.env.PATH ?? ''): string | null {
  for (const tool of tools) {
    for (const folder of path.split(delimiter)) {
      if (folder === '') continue;
      const candidate = join(folder, tool);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not in this folder.
      }
    }
  }
  return null;
}

const MYSQL_DUMPS = ['mariadb-dump', 'mysqldump'];

/**
 * Dumps a PostgreSQL database with `pg_dump` (custom format, restorable with `pg_restore`) or a
 * MySQL/MariaDB one with `mariadb-dump`/`mysqldump` (one consistent transaction). The password
 * goes through the environment, never the command line, where `ps` would show it.
 */
export async function backupServer(spec: ServerSpec, destination: string): Promise<void> {
  if (spec.dialect === 'postgresql') {
    const tool = findTool(['pg_dump']);
    if (tool === null)
      throw new BackupToolMissingError('PostgreSQL', ['pg_dump'], 'e.g. apt install postgresql-client');
    await dump(
      tool,
      destination,
      [
        '--format=custom',
        `--file=${destination}`,
        `--host=${spec.host}`,
        `--port=${spec.port}`,
        `--username=${spec.user}`,
        '--no-password',
        spec.database,
      ],
      spec.password === null ? {} : { PGPASSWORD: spec.password },
    );
    return;
  }
  const tool = findTool(MYSQL_DUMPS);
  if (tool === null)
    throw new BackupToolMissingError('MySQL/MariaDB', MYSQL_DUMPS, 'e.g. apt install mariadb-client');
  await dump(
    tool,
    destination,
    [
      '--single-transaction',
      '--routines',
      '--triggers',
      `--host=${spec.host}`,
      `--port=${spec.port}`,
      `--user=${spec.user}`,
      `--result-file=${destination}`,
      spec.database,
    ],
    spec.password === null ? {} : { MYSQL_PWD: spec.password },
  );
}

async function dump(
  tool: string,
  destination: string,
  args: string[],
  secrets: Record<string, string>,
): Promise<void> {
  try {
    await run(tool, args, { env: { ...process.env, ...secrets }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const reason = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : String(error);
    throw new BackupFailedError(tool, destination, reason);
  }
}
