import type { Command } from 'commander';
import type { CompareCommandOptions, ComparisonReport } from '../../commands/autogenerate.js';
import type { ProjectOptions } from '../../commands/project.js';
import type { CommandContext } from '../context.js';
import type { Output } from '../output.js';
import type { Style } from '../style.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The flags `revision --autogenerate` and `check` share. */
export interface CompareFlags {
  readonly schema?: string;
  readonly rename?: string[];
  readonly dropTables?: boolean;
  readonly dropColumns?: boolean;
}

/** Adds the comparison flags to `revision` and `check`. */
export function withCompareOptions(command: Command): Command {
  return command
    .option('--schema <path>', 'the schema module to compare with (default: the config’s `schema`)')
    .option(
      '--rename <old:new>',
      'a rename instead of a drop and an add: table.old:table.new or old_table:new_table (repeatable)',
      collect,
    )
    .option('--drop-tables', 'drop tables the schema does not declare (default: only list them)')
    .option('--drop-columns', 'drop columns the schema does not declare (default: only list them)');
}

export function compareOptionsOf(flags: CompareFlags): Omit<CompareCommandOptions, keyof ProjectOptions> {
  return {
    ...(flags.schema === undefined ? {} : { schema: flags.schema }),
    ...(flags.rename === undefined ? {} : { renames: flags.rename }),
    ...(flags.dropTables === true ? { dropTables: true } : {}),
    ...(flags.dropColumns === true ? { dropColumns: true } : {}),
  };
}

export function registerCompareCommands(program: Command, context: CommandContext): void {
  withCompareOptions(
    context.command(program, 'check', 'compare the database with the schema module; exit 1 when they differ'),
  ).action(async (flags: CompareFlags, command: Command) => {
    const { output, project } = context.prepare(command);
    const { checkSchema } = await import('../../commands/autogenerate.js');
    const result = await checkSchema({ ...project, ...compareOptionsOf(flags) });
    reportNotes(result, output);
    output.result(result, () =>
      result.matches
        ? 'No changes detected: the database matches the schema.\n'
        : renderChanges(result, output.style),
    );
    if (!result.matches) {
      const { ResultFailure } = await import('../../errors.js');
      throw new ResultFailure(
        'SCHEMA_DIFFERS',
        `The database differs from the schema: ${count(result.changes.length, 'change')}, ` +
          `${count(result.warnings.length, 'table or column', 'tables or columns')} left alone. ` +
          'Run `ambix revision --autogenerate -m "…"` to write a revision for it.',
      );
    }
  });
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Warnings and hints go to stderr: they are about the run, not its result. */
export function reportNotes(report: ComparisonReport, output: Output): void {
  for (const warning of report.warnings) output.warning(warning.message);
  for (const hint of report.hints) output.notice(`hint: ${hint.message}`);
}

/** One line per change; destructive ones marked, with the reason. */
export function renderChanges(report: ComparisonReport, style: Style): string {
  if (report.changes.length === 0) return 'No changes detected.\n';
  return report.changes
    .map((change) => {
      const mark = change.destructive
        ? `  ${style.error(`[destructive${change.reason ? `: ${change.reason}` : ''}]`)}`
        : '';
      return `  ${change.description}${mark}\n`;
    })
    .join('');
}
