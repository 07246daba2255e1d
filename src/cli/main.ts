import type { Command as CommandType } from 'commander';
import { ambixVersion } from '../commands/presentation.js';
import { AmbixError, ResultFailure } from '../errors.js';
import { provideAmbixLibrary } from '../loader/library.js';
import { Command, CommanderError } from './commander.js';
import { registerAuthoringCommands } from './commands/authoring.js';
import { registerBaselineCommand } from './commands/baseline.js';
import { registerCompareCommands } from './commands/compare.js';
import { registerDatabaseCommands, registerStateCommands } from './commands/database.js';
import { registerReadCommands } from './commands/read.js';
import { registerSafetyCommands } from './commands/safety.js';
import { CommandContext } from './context.js';
import { addExamples } from './examples.js';
import { addGlobalOptions } from './global-options.js';
import { type CliIo, processIo, scrubbedIo } from './io.js';
import { styleFor } from './style.js';

// Revisions the CLI runs import 'ambix': the library entry, loaded only when one of them does.
provideAmbixLibrary(() => import('../api.js'));

export type { CliIo, CliStream } from './io.js';

/** Exit statuses of the CLI; the runtime adds its own for specific failures (lock timeout: 3). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function buildProgram(context: CommandContext): CommandType {
  const program = addGlobalOptions(new Command('ambix'))
    .description('Database schema migrations on Alembic’s revision model')
    .version(ambixVersion(), '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  // Subcommands created from here on inherit the error handling and output routing above.
  registerAuthoringCommands(program, context);
  registerReadCommands(program, context);
  registerDatabaseCommands(program, context);
  registerStateCommands(program, context);
  registerSafetyCommands(program, context);
  registerCompareCommands(program, context);
  registerBaselineCommand(program, context);
  addExamples(program);
  return program;
}

/**
 * Run the CLI with `argv` (without `node` and the script) and return the exit status instead of
 * exiting, so it can be called in-process.
 */
export async function runCli(argv: readonly string[], givenIo: CliIo = processIo()): Promise<number> {
  const io = scrubbedIo(givenIo);
  const context = new CommandContext(io);
  const program = buildProgram(context);
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io, argv.includes('--json'));
  }
}

function reportFailure(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (`error: unknown option '--x'`); help and
    // --version arrive here too, with status 0.
    if (error.exitCode === 0) return EXIT_OK;
    if (json) {
      const message = error.message.replace(/^error: /, '');
      io.stdout.write(`${JSON.stringify({ error: { code: 'USAGE', message } })}\n`);
    }
    return EXIT_USAGE;
  }
  const style = styleFor(io.stderr, io.env);
  if (error instanceof AmbixError) {
    io.stderr.write(`${style.error('error:')} ${error.message}\n`);
    if (json && !(error instanceof ResultFailure)) {
      io.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
    }
    return error.exitCode;
  }
  // Not raised on purpose (a bug, or user code such as a config file throwing): the stack helps.
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : '';
  io.stderr.write(`${style.error('error:')} ${message}\n${stack}`);
  if (json) io.stdout.write(`${JSON.stringify({ error: { code: 'UNEXPECTED', message } })}\n`);
  return EXIT_FAILURE;
}
