/**
 * A diff written as the bodies of a revision's `upgrade(op)` and `downgrade(op)`. The downgrade
 * is the upgrade's exact inverse (`invertDiff`): a dropped table comes back whole, from the
 * database's model of it.
 *
 * On SQLite, a table whose changes SQLite cannot make with ALTER (types, nullability, defaults,
 * constraints) gets one `op.batchAlterTable` holding that table's changes (see `sqliteSteps` for
 * where it stands).
 */
import type { DialectName } from '../../dialect.js';
import { invertDiff } from '../compare/invert.js';
import type { SchemaChange, SchemaDiff } from '../compare/types.js';
import { Imports, str } from './literals.js';
import { batchStatements, opStatements, type RenderContext, sqliteInPlace } from './statements.js';

export interface RenderOptions {
  readonly dialect: DialectName;
}

export interface RenderedRevision {
  /** The statements of `upgrade(op)`, one per line, not indented; empty when there is nothing to do. */
  readonly upgrade: string;
  readonly downgrade: string;
  /** Names both bodies use from `ambix` (`t`, `now`, `sqlExpression`), sorted. */
  readonly imports: string[];
}

export function renderRevision(diff: SchemaDiff, options: RenderOptions): RenderedRevision {
  const imports = new Imports();
  const context: RenderContext = { dialect: options.dialect, imports };
  const upgrade = renderChanges(diff.changes, context);
  const downgrade = renderChanges(invertDiff({ ...diff, dialect: options.dialect }).changes, context);
  return { upgrade, downgrade, imports: imports.list() };
}

/** Changes in the given order as one body; each destructive one preceded by its `// DESTRUCTIVE:` line. */
export function renderChanges(changes: readonly SchemaChange[], context: RenderContext): string {
  const steps = context.dialect === 'sqlite' ? sqliteSteps(changes) : changes.map((change) => [change]);
  const lines: string[] = [];
  for (const step of steps) {
    const first = step[0]!;
    const batched = context.dialect === 'sqlite' && !isTableLevel(first) && !step.every(sqliteInPlace);
    if (!batched) {
      for (const change of step) {
        lines.push(...destructiveComment(change, ''), ...opStatements(change, context));
      }
      continue;
    }
    const table = (first as Exclude<SchemaChange, TableLevel>).table;
    lines.push(`await op.batchAlterTable(${str(table)}, (batch) => {`);
    for (const change of step) {
      lines.push(
        ...destructiveComment(change, '  '),
        ...batchStatements(change, context).map((line) => `  ${line}`),
      );
    }
    lines.push('});');
  }
  return lines.join('\n');
}

function destructiveComment(change: SchemaChange, indent: string): string[] {
  return change.destructive ? [`${indent}// DESTRUCTIVE: ${change.reason ?? 'may lose data'}`] : [];
}

type TableLevel = Extract<SchemaChange, { kind: 'addTable' | 'dropTable' | 'renameTable' }>;

function isTableLevel(change: SchemaChange): change is TableLevel {
  return change.kind === 'addTable' || change.kind === 'dropTable' || change.kind === 'renameTable';
}

/**
 * SQLite steps: table-level changes alone, in place; every other change grouped with the other
 * changes of its table. Groups are written out before the next table drop or rename (a key to a
 * dropped table must go first) and at the end, so they come after the tables created before them
 * (a key to a new table needs it). A table whose changes straddle a drop gets two groups.
 */
function sqliteSteps(changes: readonly SchemaChange[]): SchemaChange[][] {
  const steps: SchemaChange[][] = [];
  let pending = new Map<string, SchemaChange[]>();
  const flush = () => {
    steps.push(...pending.values());
    pending = new Map();
  };
  for (const change of changes) {
    if (!isTableLevel(change)) {
      const group = pending.get(change.table) ?? [];
      pending.set(change.table, group);
      group.push(change);
      continue;
    }
    if (change.kind !== 'addTable') flush();
    steps.push([change]);
  }
  flush();
  return steps;
}
