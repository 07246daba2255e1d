import type { Command } from 'commander';
import { GRAPH_FORMATS, isGraphFormat } from '../../commands/presentation.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { branchPointBlock, oneLine, verboseEntry } from '../format.js';

// Each action imports its command when it runs, so a CLI process loads only the command it
// executes: the no-op `upgrade head` every app start pays must not load the rest of ambix.

interface VerboseFlag {
  readonly verbose?: boolean;
}

export function registerReadCommands(program: Command, context: CommandContext): void {
  context
    .command(program, 'heads', 'show the current heads of the revision graph')
    .option('-v, --verbose', 'full entry of each head')
    .option('--resolve-dependencies', 'treat dependencies as down revisions (real heads)')
    .action(async (flags: VerboseFlag & { resolveDependencies?: boolean }, command: Command) => {
      const { output, project } = context.prepare(command);
      const { heads } = await import('../../commands/heads.js');
      const result = await heads({
        ...project,
        resolveDependencies: flags.resolveDependencies === true,
      });
      output.result(result, () =>
        result.heads
          .map((head) =>
            flags.verbose
              ? verboseEntry(head, output.style)
              : `${oneLine(head, { labels: true }, output.style)}\n`,
          )
          .join(''),
      );
    });

  context
    .command(program, 'branches', 'show every branch point and the revisions it branches into')
    .option('-v, --verbose', 'full entries')
    .action(async (flags: VerboseFlag, command: Command) => {
      const { output, project } = context.prepare(command);
      const { branches } = await import('../../commands/branches.js');
      const result = await branches(project);
      output.result(result, () =>
        result.revisions
          .map((point) => branchPointBlock(point, point.children, flags.verbose === true, output.style))
          .join(''),
      );
    });

  context
    .command(program, 'history', 'list revisions, newest first')
    .option('-r, --rev-range <range>', '[start]:[end], each an identifier, current, or a negative number')
    .option('-v, --verbose', 'full entries')
    .option('-i, --indicate-current', 'mark the revisions the database is on')
    .action(
      async (flags: VerboseFlag & { revRange?: string; indicateCurrent?: boolean }, command: Command) => {
        const { output, project } = context.prepare(command);
        const { history } = await import('../../commands/history.js');
        const result = await history({
          ...project,
          ...(flags.revRange === undefined ? {} : { range: flags.revRange }),
          indicateCurrent: flags.indicateCurrent === true,
        });
        output.result(result, () =>
          result.revisions
            .map((entry) =>
              flags.verbose
                ? verboseEntry(entry, output.style)
                : `${oneLine(entry, { parents: true, labels: true, treeMarkers: true, message: true }, output.style)}\n`,
            )
            .join(''),
        );
      },
    );

  context
    .command(program, 'show', 'show the full entry of the revisions an identifier names')
    .argument('<rev>', 'revision id, prefix, label, head, heads, label@head, -N, current')
    .action(async (target: string, _flags: unknown, command: Command) => {
      const { output, project } = context.prepare(command);
      const { show } = await import('../../commands/show.js');
      const result = await show({ ...project, target });
      output.result(result, () => result.revisions.map((info) => verboseEntry(info, output.style)).join(''));
    });

  context
    .command(program, 'graph', 'draw the revision graph')
    .option('--format <format>', `${GRAPH_FORMATS.join(' | ')}`, 'ascii')
    .action(async (flags: { format: string }, command: Command) => {
      if (!isGraphFormat(flags.format)) {
        throw new UsageError(
          `option '--format' must be one of ${GRAPH_FORMATS.join(', ')}; got '${flags.format}'.`,
        );
      }
      const format = flags.format;
      const { output, project } = context.prepare(command);
      const { drawGraph, graph } = await import('../../commands/graph.js');
      const result = await graph(project);
      const text = drawGraph(result.revisions, format);
      output.result({ format, text, revisions: result.revisions }, () => text);
    });
}
