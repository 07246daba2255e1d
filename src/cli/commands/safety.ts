import type { Command } from 'commander';
import {
  type RevisionClassification,
  RISK_KINDS,
  type RiskKind,
} from '../../commands/safety-presentation.js';
import { DIALECT_NAMES, isDialectName } from '../../dialect.js';
import { UsageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import type { Style } from '../style.js';

// As elsewhere, each action imports its command only when it runs.

export function registerSafetyCommands(program: Command, context: CommandContext): void {
  context
    .command(
      program,
      'backup',
      'write a consistent backup of the database, named after it, its revision and the time',
    )
    .option(
      '--to <path>',
      'a folder for the backup, or the file to write (default: backups/ next to the config)',
    )
    .action(async (flags: { to?: string }, command: Command) => {
      const { output, project } = context.prepare(command);
      const { backup } = await import('../../commands/backup.js');
      const result = await backup({ ...project, ...(flags.to === undefined ? {} : { to: flags.to }) });
      output.result(result, () => `${result.file}\n`);
      output.notice(
        `Backed up ${result.url} at ${result.heads.length === 0 ? 'base' : result.heads.join(', ')}.`,
      );
    });

  context
    .command(program, 'restore', 'replace the database with a backup, exactly, under the migration lock')
    .argument('<path>', 'a file written by `ambix backup`')
    .action(async (path: string, _flags: object, command: Command) => {
      const { output, project } = context.prepare(command);
      const [{ restore }, { eventPrinter }] = await Promise.all([
        import('../../commands/restore.js'),
        import('../events.js'),
      ]);
      const result = await restore({ ...project, path, onEvent: eventPrinter(output) });
      const at = result.heads.length === 0 ? 'base' : result.heads.join(', ');
      output.result(result, () => `${at}\n`);
      output.notice(`Restored ${result.url} from ${result.file}; it is at ${at}.`);
    });

  context
    .command(program, 'doctor', 'check the config, the revision files and the database, and say what to fix')
    .option('--history-table <name>', "name of the history table (default: the config's historyTable)")
    .action(async (flags: { historyTable?: string }, command: Command) => {
      const { output, project } = context.prepare(command);
      const { doctor } = await import('../../commands/doctor.js');
      const result = await doctor({
        ...project,
        ...(flags.historyTable === undefined ? {} : { historyTable: flags.historyTable }),
      });
      output.result(result, () => {
        if (result.findings.length === 0) return `${output.style.marker('ok')}: no problems found.\n`;
        return result.findings
          .map((finding) => {
            const label = finding.severity === 'error' ? output.style.error('error') : 'warning';
            return `${label} [${finding.check}] ${finding.message}\n    fix: ${finding.fix}\n`;
          })
          .join('');
      });
      const errors = result.findings.filter((finding) => finding.severity === 'error').length;
      if (errors > 0) {
        const { DoctorFoundProblemsError } = await import('../../commands/safety-presentation.js');
        throw new DoctorFoundProblemsError(errors);
      }
    });

  context
    .command(program, 'log', 'show what ran on the database: the ambix_history table, newest first')
    .option('-n, --limit <count>', 'show at most this many rows')
    .option('--history-table <name>', "name of the history table (default: the config's historyTable)")
    .action(async (flags: { limit?: string; historyTable?: string }, command: Command) => {
      const { output, project } = context.prepare(command);
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
        throw new UsageError(`option '--limit' must be a whole number; got '${flags.limit}'.`);
      }
      const { log } = await import('../../commands/log.js');
      const result = await log({
        ...project,
        ...(flags.historyTable === undefined ? {} : { historyTable: flags.historyTable }),
        ...(limit === undefined ? {} : { limit }),
      });
      output.result(result, () => {
        if (result.table === null) return 'No history: the config turns it off (historyTable: false).\n';
        if (!result.exists) return `No history yet: ${result.table} does not exist in ${result.url}.\n`;
        return result.rows
          .map(
            (row) =>
              `${row.startedAt}  ${row.direction.padEnd(9)} ${output.style.revision(row.revision)}  ${row.durationMs} ms  ` +
              `${row.user}@${row.host}  ambix ${row.ambixVersion}${row.checksum === null ? '' : `  sha256:${row.checksum.slice(0, 12)}`}\n`,
          )
          .join('');
      });
    });

  context
    .command(
      program,
      'lint',
      'classify what pending revisions would do: destructive, breaking, lock-heavy, hazards',
    )
    .argument('[target]', 'upgrade target whose pending revisions are classified', 'heads')
    .option(
      '--dialect <dialect>',
      `classify for this dialect (default: the URL's): ${DIALECT_NAMES.join(', ')}`,
    )
    .option(
      '--fail-on <kinds>',
      'exit with status 1 when any of these kinds is found (comma-separated; will-fail: what the database will refuse)',
    )
    .action(async (target: string, flags: { dialect?: string; failOn?: string }, command: Command) => {
      const { output, project } = context.prepare(command);
      if (flags.dialect !== undefined && !isDialectName(flags.dialect)) {
        throw new UsageError(
          `option '--dialect' must be one of ${DIALECT_NAMES.join(', ')}; got '${flags.dialect}'.`,
        );
      }
      const failOn = failOnKinds(flags.failOn);
      const { lint } = await import('../../commands/lint.js');
      const result = await lint({
        ...project,
        target,
        ...(flags.dialect === undefined ? {} : { dialect: flags.dialect }),
      });
      for (const finding of result.findings) output.warning(`${finding.message}\n    fix: ${finding.fix}`);
      output.notice(
        result.url === null
          ? `Classified for ${result.dialect} from base, without a database: reads see an empty one.`
          : `Classified for ${result.dialect} against ${result.url}, from ${result.current.length === 0 ? 'base' : result.current.join(', ')}.`,
      );
      output.result(result, () => renderClassifications(result.revisions, output.style));
      const failing = result.revisions.filter(
        (revision) =>
          revision.kinds.some((kind) => failOn.includes(kind)) ||
          (failOn.includes('will-fail') && revision.willFail.length > 0),
      );
      if (failing.length > 0) {
        const { LintFailedError } = await import('../../commands/safety-presentation.js');
        throw new LintFailedError(
          failing.map((revision) => revision.revision),
          failOn,
        );
      }
    });
}

/** What `--fail-on` takes: the risk kinds, and `will-fail` (what the live database will refuse). */
const FAIL_ON_KINDS: readonly string[] = [...RISK_KINDS, 'will-fail'];

/** `--fail-on destructive,breaking`: the kinds that make lint exit 1; a misspelt kind is a usage error. */
function failOnKinds(text: string | undefined): (RiskKind | 'will-fail')[] {
  const kinds = (text ?? '')
    .split(',')
    .map((kind) => kind.trim())
    .filter((kind) => kind !== '');
  for (const kind of kinds) {
    if (!FAIL_ON_KINDS.includes(kind)) {
      throw new UsageError(
        `option '--fail-on' takes kinds among ${FAIL_ON_KINDS.join(', ')}; got '${kind}'.`,
      );
    }
  }
  return kinds as (RiskKind | 'will-fail')[];
}

/** One block per revision: its verdict, then each operation with its findings. */
export function renderClassifications(revisions: readonly RevisionClassification[], style: Style): string {
  if (revisions.length === 0) return 'No pending revisions.\n';
  return revisions
    .map((revision) => {
      const kinds =
        revision.kinds.length === 0 ? style.marker('safe') : style.error(revision.kinds.join(', '));
      const failing = style.error('will fail');
      const verdict =
        revision.willFail.length === 0
          ? kinds
          : revision.kinds.length === 0
            ? failing
            : `${failing}; ${kinds}`;
      const title = `${style.revision(revision.revision)} ${revision.message ?? ''}`.trimEnd();
      const lines = [`${title}: ${verdict}`];
      for (const operation of revision.operations) {
        const kinds = [...new Set(operation.findings.map((finding) => finding.kind))];
        lines.push(`  ${operation.operation}${kinds.length === 0 ? '' : `  [${kinds.join(', ')}]`}`);
        for (const finding of operation.findings) lines.push(`      ${finding.kind}: ${finding.reason}`);
      }
      if (revision.incomplete !== null) lines.push(`  unknown: ${revision.incomplete}`);
      for (const failure of revision.willFail) {
        lines.push(`  ${style.error('will fail')}: ${failure.operation}: ${failure.reason}`);
        lines.push(`      fix before upgrading: ${failure.fix}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}
