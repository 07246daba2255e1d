import type { Command } from 'commander';

/** Examples shown at the end of each command's `--help`: the common forms, ready to copy. */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  init: ['ambix init', 'ambix init services/api --migrations db/revisions'],
  revision: [
    'ambix revision -m "add users table"',
    'ambix revision --autogenerate -m "sync with the schema module"',
    'ambix revision -m "backfill" --head feature@head',
  ],
  merge: ['ambix merge heads -m "join the branches"', 'ambix merge 1a2b3c 4d5e6f -m "merge"'],
  heads: ['ambix heads', 'ambix heads -v --resolve-dependencies'],
  branches: ['ambix branches -v'],
  history: ['ambix history', 'ambix history -r base:head -v', 'ambix history -i'],
  show: ['ambix show head', 'ambix show 1a2b'],
  graph: ['ambix graph', 'ambix graph --format mermaid > revisions.mmd'],
  upgrade: [
    'ambix upgrade head',
    'ambix upgrade +1',
    'ambix upgrade head --plan',
    'ambix upgrade head --sql --dialect postgresql > upgrade.sql',
  ],
  downgrade: ['ambix downgrade -1', 'ambix downgrade base', 'ambix downgrade 1a2b --sql > downgrade.sql'],
  stamp: ['ambix stamp head', 'ambix stamp 1a2b --purge'],
  current: ['ambix current', 'ambix current -v --check-heads'],
  'ensure-version': ['ambix ensure-version', 'ambix ensure-version --sql --dialect mysql'],
  baseline: [
    'ambix baseline',
    'ambix baseline -m "schema before ambix" --url postgresql://app@db.internal/app',
  ],
  backup: ['ambix backup', 'ambix backup --to backups/'],
  restore: ['ambix restore backups/app-1a2b-20250101T120000Z.db'],
  doctor: ['ambix doctor'],
  log: ['ambix log', 'ambix log -n 20 --json'],
  lint: ['ambix lint', 'ambix lint head --fail-on destructive,breaking'],
  check: ['ambix check', 'ambix check --schema src/db/schema.ts --rename users.mail:users.email'],
};

/** Adds the examples above to every command that has some. */
export function addExamples(program: Command): void {
  program.addHelpText(
    'after',
    '\nExample:\n  $ ambix init && ambix revision -m "first" && ambix upgrade head\n',
  );
  for (const command of program.commands) {
    const examples = COMMAND_EXAMPLES[command.name()];
    if (examples === undefined) continue;
    command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}\n`);
  }
}
