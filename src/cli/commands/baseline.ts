import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

export function registerBaselineCommand(program: Command, context: CommandContext): void {
  context
    .command(
      program,
      'baseline',
      'adopt an existing database: write its schema as the first revision and stamp it',
    )
    .option('-m, --message <message>', 'the revision message (default "baseline")')
    .option('--rev-id <id>', 'use this id instead of a random one')
    .action(async (flags: { message?: string; revId?: string }, command: Command) => {
      const { output, project } = context.prepare(command);
      const { baseline } = await import('../../commands/baseline.js');
      const result = await baseline({
        ...project,
        ...(flags.message === undefined ? {} : { message: flags.message }),
        ...(flags.revId === undefined ? {} : { revId: flags.revId }),
      });
      output.result(
        result,
        () =>
          `Generated ${result.path} (${result.tables.length} table(s): ${result.tables.join(', ')})\n` +
          `Stamped ${result.url} at ${result.heads.join(', ')}\n`,
      );
    });
}
