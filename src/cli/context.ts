import type { Command } from 'commander';
import type { ProjectOptions } from '../commands/project.js';
import { addGlobalOptions, type GlobalOptions, globalOptionsOf, projectOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { Output } from './output.js';

export interface PreparedCommand {
  readonly globals: GlobalOptions;
  readonly project: ProjectOptions;
  readonly output: Output;
}

/** What every command registration shares: the process io and the way a run is set up. */
export class CommandContext {
  constructor(readonly io: CliIo) {}

  /** A subcommand that takes the global options after its name too. */
  command(program: Command, name: string, description: string): Command {
    return addGlobalOptions(program.command(name).description(description));
  }

  prepare(command: Command): PreparedCommand {
    const globals = globalOptionsOf(command);
    return { globals, project: projectOptions(globals, this.io), output: new Output(this.io, globals) };
  }
}
