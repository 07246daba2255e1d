import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ProjectOptions } from '../commands/project.js';
import { Option } from './commander.js';
import type { CliIo } from './io.js';

/** Options every command takes, wherever they appear on the line (before or after the command). */
export interface GlobalOptions {
  readonly config?: string;
  readonly migrations?: string[];
  readonly url?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addGlobalOptions(command: Command): Command {
  return command
    .option('--config <path>', 'use this config file instead of searching for ambix.config.*')
    .option('--migrations <dir>', 'a version location, replacing the configured ones (repeatable)', collect)
    .option('--url <url>', 'database URL (overrides the config and DATABASE_URL)')
    .option('--json', 'write one JSON document (or NDJSON events) on stdout')
    .addOption(new Option('-q, --quiet', 'print nothing but results and errors'));
}

/**
 * Options given before the command name belong to the root command, those after it to the
 * subcommand: merge both, the subcommand's winning, `--migrations` accumulating.
 */
export function globalOptionsOf(command: Command): GlobalOptions {
  const own = command.opts<GlobalOptions>();
  const root = command.parent?.opts<GlobalOptions>() ?? {};
  const migrations = [...(root.migrations ?? []), ...(own.migrations ?? [])];
  return {
    config: own.config ?? root.config,
    url: own.url ?? root.url,
    json: own.json === true || root.json === true,
    quiet: own.quiet === true || root.quiet === true,
    ...(migrations.length > 0 ? { migrations } : {}),
  };
}

/** Paths on the command line are relative to the working directory the CLI was started in. */
export function projectOptions(globals: GlobalOptions, io: CliIo): ProjectOptions {
  return {
    cwd: io.cwd,
    ...(globals.config === undefined ? {} : { configPath: resolve(io.cwd, globals.config) }),
    ...(globals.migrations === undefined
      ? {}
      : { migrations: globals.migrations.map((dir) => resolve(io.cwd, dir)) }),
    ...(globals.url === undefined ? {} : { url: globals.url }),
  };
}
