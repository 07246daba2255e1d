import type { Command } from 'commander';
import type { SqlScript } from '../../commands/online.js';
import { DIALECT_NAMES, type DialectName, isDialectName } from '../../dialect.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { eventPrinter } from '../events.js';
import { oneLine, verboseEntry } from '../format.js';
import type { Output } from '../output.js';

// Each action imports its command when it runs, so a CLI process loads only the command it
// executes: the no-op `upgrade head` every app start pays must not load the rest of ambix.

interface SqlFlags {
  readonly sql?: boolean;
  readonly dialect?: string;
}

interface UpgradeFlags extends SqlFlags {
  readonly plan?: boolean;
  readonly rolling?: boolean;
  readonly backup?: boolean;
  readonly strict?: boolean;
}

function addSqlOptions(command: Command): Command {
  return command
    .option('--sql', 'print the SQL instead of running it (offline; no database needed)')
    .option('--dialect <dialect>', `SQL dialect for --sql without a URL: ${DIALECT_NAMES.join(', ')}`);
}

function dialectOf(flags: SqlFlags): { dialect?: DialectName } {
  if (flags.dialect === undefined) return {};
  if (!isDialectName(flags.dialect)) {
    throw new UsageError(
      `option '--dialect' must be one of ${DIALECT_NAMES.join(', ')}; got '${flags.dialect}'.`,
    );
  }
  return { dialect: flags.dialect };
}

function printScript(output: Output, script: SqlScript): void {
  output.result(script, () => script.sql);
}

export function registerDatabaseCommands(program: Command, context: CommandContext): void {
  addSqlOptions(
    context
      .command(program, 'upgrade', 'apply revisions up to a target (head, heads, an id, +N, label@head…)')
      .argument('<rev>', 'target; with --sql also [start:]end')
      .option('--plan', 'classify what the upgrade would run (as `ambix lint`) and run nothing')
      .option('--rolling', 'refuse, before running anything, a revision that breaks servers on the old code')
      .option('--backup', 'back the database up (as `ambix backup`) before running, when there is work')
      .option(
        '--strict',
        'fail, before running anything, when an applied revision file changed since it ran',
      ),
  ).action(async (target: string, flags: UpgradeFlags, command: Command) => {
    const { output, project } = context.prepare(command);
    if (flags.plan) {
      if (flags.sql)
        throw new UsageError('--plan and --sql cannot be combined: --plan runs and prints no SQL.');
      const { upgradePlan } = await import('../../commands/upgrade.js');
      const { renderClassifications } = await import('./safety.js');
      const result = await upgradePlan({ ...project, target });
      for (const finding of result.findings) output.warning(`${finding.message}\n    fix: ${finding.fix}`);
      output.result(result, () => renderClassifications(result.revisions, output.style));
      return;
    }
    if (flags.sql) {
      if (flags.rolling || flags.backup || flags.strict) {
        throw new UsageError('--rolling, --backup and --strict need a database run; drop --sql to use them.');
      }
      const { upgradeSql } = await import('../../commands/upgrade.js');
      printScript(
        output,
        await upgradeSql({
          ...project,
          ...dialectOf(flags),
          range: target,
        }),
      );
      return;
    }
    const { upgrade } = await import('../../commands/upgrade.js');
    await upgrade({
      ...project,
      target,
      rolling: flags.rolling === true,
      backup: flags.backup === true,
      strict: flags.strict === true,
      onEvent: eventPrinter(output),
    });
  });

  addSqlOptions(
    context
      .command(program, 'downgrade', 'revert revisions down to a target (base, an id, -N, label@-N…)')
      .argument('<rev>', 'target; with --sql start:end'),
  ).action(async (target: string, flags: SqlFlags, command: Command) => {
    const { output, project } = context.prepare(command);
    if (flags.sql) {
      const { downgradeSql } = await import('../../commands/downgrade.js');
      printScript(
        output,
        await downgradeSql({
          ...project,
          ...dialectOf(flags),
          range: target,
        }),
      );
      return;
    }
    const { downgrade } = await import('../../commands/downgrade.js');
    await downgrade({
      ...project,
      target,
      onEvent: eventPrinter(output),
    });
  });

  addSqlOptions(
    context
      .command(program, 'stamp', 'set the version table to revisions without running any migration')
      .argument(
        '<revisions...>',
        'destinations (head, heads, base, ids, label@head…); with --sql [start:]rev',
      )
      .option('--purge', 'delete every version row first (recovers from unknown rows)'),
  ).action(async (revisions: string[], flags: SqlFlags & { purge?: boolean }, command: Command) => {
    const { output, project } = context.prepare(command);
    const purge = flags.purge === true;
    if (flags.sql) {
      const { stampSql } = await import('../../commands/stamp.js');
      printScript(
        output,
        await stampSql({
          ...project,
          ...dialectOf(flags),
          revisions,
          purge,
        }),
      );
      return;
    }
    const { stamp } = await import('../../commands/stamp.js');
    await stamp({
      ...project,
      revisions,
      purge,
      onEvent: eventPrinter(output),
    });
  });
}

export function registerStateCommands(program: Command, context: CommandContext): void {
  context
    .command(program, 'current', 'show the revisions the database is on (reads only)')
    .option('-v, --verbose', 'full entries, after the database URL (password hidden)')
    .option('--check-heads', 'fail unless the database is on every head')
    .action(async (flags: { verbose?: boolean; checkHeads?: boolean }, command: Command) => {
      const { output, project } = context.prepare(command);
      const { current } = await import('../../commands/current.js');
      const result = await current({
        ...project,
        checkHeads: flags.checkHeads === true,
      });
      for (const finding of result.findings) output.warning(`${finding.message}\n    fix: ${finding.fix}`);
      output.result(result, () => {
        if (!flags.verbose)
          return result.current.map((info) => `${oneLine(info, {}, output.style)}\n`).join('');
        const entries = result.current.map((info) => verboseEntry(info, output.style)).join('');
        return `Current revision(s) for ${result.url}:\n${entries}`;
      });
    });

  addSqlOptions(
    context.command(program, 'ensure-version', 'create the version table if it does not exist'),
  ).action(async (flags: SqlFlags, command: Command) => {
    const { output, project } = context.prepare(command);
    if (flags.sql) {
      const { ensureVersionSql } = await import('../../commands/ensure-version.js');
      printScript(
        output,
        await ensureVersionSql({
          ...project,
          ...dialectOf(flags),
        }),
      );
      return;
    }
    const { ensureVersion } = await import('../../commands/ensure-version.js');
    const result = await ensureVersion(project);
    output.result(result, () => '');
    output.notice(
      result.created
        ? `Created the version table ${result.table}.`
        : `The version table ${result.table} already exists.`,
    );
  });
}
