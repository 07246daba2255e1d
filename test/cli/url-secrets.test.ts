import { describe, expect, it } from 'vitest';
import { createProject, LINEAR } from '../commands/project-fixture.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, isAvailable } from '../support/databases.js';

/**
 * A password made of URL-special characters between two markers, for each such character and
 * for all of them at once: any part of it in any output shows a marker. The markers hold a `~`,
 * which no temporary folder name (mkdtemp: letters and digits) can, so a path is never a leak.
 */
const PASSWORDS = [...':/?#@%&=+ []\'"\\', ':/?#@%&=+ []\'"\\'].map((middle) => `Z~q${middle}X~v`);

/** Every command that takes a database URL, each in the form that reaches the database. */
const COMMANDS: readonly (readonly string[])[] = [
  ['current'],
  ['upgrade', 'head'],
  ['upgrade', 'head', '--sql'],
  ['downgrade', 'base'],
  ['stamp', 'head'],
  ['ensure-version'],
  ['log'],
  ['doctor'],
  ['backup'],
  ['lint'],
  ['check'],
];

function leaks(text: string): boolean {
  return text.includes('Z~q') || text.includes('X~v');
}

async function outputsOf(url: string): Promise<{ argv: string; output: string }[]> {
  const project = createProject(LINEAR);
  const runs: { argv: string; output: string }[] = [];
  for (const command of COMMANDS) {
    for (const json of [false, true]) {
      const argv = [...command, '--url', url, ...(json ? ['--json'] : [])];
      const run = await cli(argv, { cwd: project.root });
      runs.push({ argv: argv.join(' '), output: run.stdout + run.stderr });
    }
    // From the environment, as most deployments pass it.
    const run = await cli([...command], { cwd: project.root, env: { DATABASE_URL: url } });
    runs.push({ argv: `DATABASE_URL=… ${command.join(' ')}`, output: run.stdout + run.stderr });
  }
  return runs;
}

describe('no command prints any part of a password, whatever its characters', () => {
  it.each(['raw', 'encoded'] as const)(
    'on servers that cannot be reached, in text and --json (%s passwords)',
    async (form) => {
      for (const password of PASSWORDS) {
        const written = form === 'raw' ? password : encodeURIComponent(password);
        for (const url of [
          `postgresql://deploy:${written}@127.0.0.1:1/app`,
          `mysql://deploy:${written}@127.0.0.1:1/app`,
          `postgresql://deploy:${written}@bad host/app`,
        ]) {
          const leaked = (await outputsOf(url)).filter((run) => leaks(run.output));
          expect(leaked).toEqual([]);
        }
      }
    },
    120_000,
  );

  it.skipIf(!isAvailable('postgresql'))(
    'on a PostgreSQL server that accepts the connection, where the URL is echoed in results',
    async () => {
      // The test server trusts local connections: any password connects, so every command runs.
      // The characters that split a URL, each alone and all at once (every command connects here).
      for (const password of ['Z~q@X~v', 'Z~q/#X~v', 'Z~q?:X~v', PASSWORDS.at(-1)!]) {
        const database = await createTestDatabase('postgresql');
        try {
          const own = new URL(database.url);
          const url = `postgresql://${own.username}:${password}@${own.host}${own.pathname}`;
          const project = createProject(LINEAR);
          const current = await cli(['current', '--url', url, '--json'], { cwd: project.root });
          expect(current.code, current.stderr).toBe(0);
          expect(JSON.parse(current.stdout).url).toBe(
            `postgresql://${own.username}:***@${own.host}${own.pathname}`,
          );
          const leaked = (await outputsOf(url)).filter((run) => leaks(run.output));
          expect(leaked).toEqual([]);
        } finally {
          await database.drop();
        }
      }
    },
    120_000,
  );
});
