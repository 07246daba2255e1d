import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import {
  type CompareFlags,
  compareOptionsOf,
  renderChanges,
  reportNotes,
  withCompareOptions,
} from './compare.js';

// Each action imports its command when it runs, so a CLI process loads only the command it
// executes: the no-op `upgrade head` every app start pays must not load the rest of ambix.

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

interface NewRevisionFlags {
  readonly message?: string;
  readonly branchLabel?: string[];
  readonly revId?: string;
}

export function registerAuthoringCommands(program: Command, context: CommandContext): void {
  context
    .command(program, 'init', 'create a project skeleton: ambix.config.ts and a migrations folder')
    .argument('[dir]', 'project folder', '.')
    .action(async (directory: string, _flags: unknown, command: Command) => {
      const { output, globals } = context.prepare(command);
      const { init } = await import('../../commands/init.js');
      const result = await init({
        directory,
        cwd: context.io.cwd,
        ...(globals.migrations?.[0] === undefined ? {} : { migrations: globals.migrations[0] }),
      });
      for (const path of result.skipped) output.notice(`File ${path} already exists, skipping.`);
      output.result(result, () => result.created.map((path) => `Created ${path}\n`).join(''));
    });

  withCompareOptions(context.command(program, 'revision', 'write a new revision file'))
    .option('-m, --message <message>', 'what the revision does (also names the file)')
    .option(
      '--autogenerate',
      'write upgrade/downgrade from the difference between the schema module and the database',
    )
    .option('--head <rev>', 'parent: a head (default head), base for a new root, heads to merge all')
    .option('--splice', 'allow a parent that is not a head (starts a new branch)')
    .option('--branch-label <label>', 'a branch label for the new revision (repeatable)', collect)
    .option('--depends-on <rev>', 'a revision this one depends on (repeatable)', collect)
    .option('--rev-id <id>', 'use this id instead of a random one')
    .option('--version-path <dir>', 'which version location gets the file')
    .action(
      async (
        flags: NewRevisionFlags &
          CompareFlags & {
            head?: string;
            splice?: boolean;
            dependsOn?: string[];
            versionPath?: string;
            autogenerate?: boolean;
          },
        command: Command,
      ) => {
        const { output, project } = context.prepare(command);
        const options = {
          ...project,
          ...newRevisionFields(flags),
          splice: flags.splice === true,
          ...(flags.head === undefined ? {} : { head: flags.head }),
          ...(flags.dependsOn === undefined ? {} : { dependsOn: flags.dependsOn }),
          ...(flags.versionPath === undefined ? {} : { versionPath: flags.versionPath }),
        };
        if (flags.autogenerate !== true) {
          const compareFlags = (['schema', 'rename', 'dropTables', 'dropColumns'] as const).filter(
            (flag) => flags[flag] !== undefined,
          );
          if (compareFlags.length > 0) {
            const { UsageError } = await import('../../errors.js');
            throw new UsageError(
              `option '--${compareFlags[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}' needs --autogenerate.`,
            );
          }
          const { revision } = await import('../../commands/revision.js');
          const result = await revision(options);
          output.result(result, () => `${result.path}\n`);
          return;
        }
        const { autogenerateRevision } = await import('../../commands/autogenerate.js');
        const result = await autogenerateRevision({ ...options, ...compareOptionsOf(flags) });
        reportNotes(result, output);
        output.result(result, () => `${renderChanges(result, output.style)}Generated ${result.path}\n`);
      },
    );

  context
    .command(program, 'merge', 'write a revision that joins several heads')
    .argument('<revisions...>', 'the heads to join, or heads for all of them')
    .option('-m, --message <message>', 'what the merge is for')
    .option('--branch-label <label>', 'a branch label for the merge revision (repeatable)', collect)
    .option('--rev-id <id>', 'use this id instead of a random one')
    .action(async (revisions: string[], flags: NewRevisionFlags, command: Command) => {
      const { output, project } = context.prepare(command);
      const { merge } = await import('../../commands/merge.js');
      const result = await merge({
        ...project,
        revisions,
        ...newRevisionFields(flags),
      });
      output.result(result, () => `${result.path}\n`);
    });
}

function newRevisionFields(flags: NewRevisionFlags): {
  message?: string;
  branchLabels?: string[];
  revId?: string;
} {
  return {
    ...(flags.message === undefined ? {} : { message: flags.message }),
    ...(flags.branchLabel === undefined ? {} : { branchLabels: flags.branchLabel }),
    ...(flags.revId === undefined ? {} : { revId: flags.revId }),
  };
}
