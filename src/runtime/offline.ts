import type { DialectName } from '../dialect.js';
import type { DialectAdapter, VersionTableRef } from '../dialects/adapter.js';
import { adapterFor } from '../dialects/index.js';
import type { MigrationContext, Statement, StatementResult } from '../operations/context.js';
import { OfflineNotSupportedError } from '../operations/errors.js';
import { Operations } from '../operations/operations.js';
import type { MigrationStep, Plan } from '../script/plan.js';
import { scriptStatement } from '../script/sql/script.js';
import { describeStep } from './events.js';
import { stepInfo } from './executor.js';
import type { RevisionCodeLoader } from './revision-code.js';
import type { TransactionMode } from './transaction.js';
import { VersionTableSql } from './version-table.js';

export interface OfflineOptions {
  readonly dialect: DialectName;
  readonly versionTable: VersionTableRef;
  readonly transactionMode: TransactionMode;
  readonly loadCode: RevisionCodeLoader;
}

/**
 * Collects the script: statements separated by a blank line, each ending with `;` (§7), as the
 * dialect's client reads them back (MySQL: DELIMITER lines around a body holding `;`).
 */
class ScriptWriter {
  readonly #parts: string[] = [];

  constructor(private readonly dialect: DialectName) {}

  statement(sql: string): void {
    // As Alembic prints a script: SQLAlchemy's tab indents (at line starts) become four spaces.
    const indented = sql.replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
    this.#parts.push(scriptStatement(indented, this.dialect));
  }

  comment(text: string): void {
    this.#parts.push(`-- ${text}`);
  }

  toString(): string {
    return this.#parts.length === 0 ? '' : `${this.#parts.join('\n\n')}\n`;
  }
}

/**
 * Where the offline script opens and closes transactions. As Alembic, only dialects with
 * transactional DDL get BEGIN/COMMIT (MySQL's would be meaningless).
 */
class OfflineTransactions {
  readonly #writer: ScriptWriter;
  readonly mode: TransactionMode;
  #open = false;

  constructor(writer: ScriptWriter, adapter: DialectAdapter, mode: TransactionMode) {
    this.#writer = writer;
    this.mode = adapter.offlineTransactions ? mode : 'none';
  }

  get isOpen(): boolean {
    return this.#open;
  }

  begin(): void {
    if (this.mode === 'none' || this.#open) return;
    this.#writer.statement('BEGIN');
    this.#open = true;
  }

  commit(): void {
    if (!this.#open) return;
    this.#writer.statement('COMMIT');
    this.#open = false;
  }
}

/** The offline `MigrationContext`: statements are written to the script; reads are refused. */
class OfflineMigrationContext implements MigrationContext {
  readonly offline = true;
  readonly serverVersion = null;
  readonly dialect: DialectName;
  readonly revision: string;
  readonly revisionPath: string;
  readonly #writer: ScriptWriter;
  readonly #transactions: OfflineTransactions;
  readonly #adapter: DialectAdapter;

  constructor(
    adapter: DialectAdapter,
    writer: ScriptWriter,
    transactions: OfflineTransactions,
    step: MigrationStep,
  ) {
    this.#adapter = adapter;
    this.#writer = writer;
    this.#transactions = transactions;
    this.dialect = adapter.name;
    this.revision = step.revision.id;
    this.revisionPath = step.revision.path;
  }

  get db(): never {
    throw new OfflineNotSupportedError(this, 'op.db');
  }

  async run(statement: Statement): Promise<StatementResult> {
    this.#writer.statement(inlineParameters(this.#adapter, statement));
    return { rows: [] };
  }

  async outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
    if (!this.#transactions.isOpen) return work();
    this.#transactions.commit();
    const result = await work();
    this.#transactions.begin();
    return result;
  }
}

/**
 * Renders a plan as a SQL script (`--sql`, §7): per step a `-- Running upgrade <from> -> <to>`
 * comment, the revision's SQL, and its version-row statement with inline values; the version
 * table is created first when the plan starts from an empty database, and dropped at the end
 * when no heads remain. Revision code runs against a recording context, so a revision that
 * reads the database fails with `OfflineNotSupportedError` naming it.
 */
export async function renderOfflineScript(plan: Plan, options: OfflineOptions): Promise<string> {
  const adapter = adapterFor(options.dialect);
  const versionTable = new VersionTableSql(adapter, options.versionTable);
  const writer = new ScriptWriter(options.dialect);
  const transactions = new OfflineTransactions(writer, adapter, options.transactionMode);

  if (transactions.mode === 'all') transactions.begin();
  // As Alembic: created before the first step (inside the one transaction in `all` mode, before
  // the first BEGIN per migration) when the script starts from an empty database.
  if (plan.steps.length > 0 && plan.startHeads.length === 0) {
    writer.statement(versionTable.create({ ifNotExists: false }));
  }
  for (const step of plan.steps) {
    if (transactions.mode === 'per-migration') transactions.begin();
    if (step.kind === 'migration') {
      writer.comment(describeStep({ ...stepInfo(step), message: null }));
      const context = new OfflineMigrationContext(adapter, writer, transactions, step);
      const code = await options.loadCode(step.revision);
      if (code.kind === 'sql') {
        for (const sql of code[step.direction]) await context.run({ sql, parameters: [] });
      } else {
        const op = new Operations(context);
        await (step.direction === 'upgrade' ? code.upgrade(op) : code.downgrade(op));
      }
    } else {
      writer.comment(`Running stamp_revision ${step.from.join(', ')} -> ${step.to.join(', ')}`);
    }
    for (const change of step.versionChanges) writer.statement(versionTable.change(change, 'inline').sql);
    if (transactions.mode === 'per-migration') transactions.commit();
  }
  if (plan.steps.length > 0 && plan.endHeads.length === 0) writer.statement(versionTable.drop());
  transactions.commit();
  return writer.toString();
}

/** `ensure-version --sql`: the version table's DDL alone (Alembic also prints a DROP; ambix does not). */
export function renderVersionTableScript(dialect: DialectName, table: VersionTableRef): string {
  const writer = new ScriptWriter(dialect);
  writer.statement(new VersionTableSql(adapterFor(dialect), table).create({ ifNotExists: false }));
  return writer.toString();
}

/**
 * Writes positional parameters into the SQL as literals. The operations API already inlines its
 * own values offline; this covers statements that reach the context with parameters anyway.
 */
function inlineParameters(adapter: DialectAdapter, statement: Statement): string {
  if (statement.parameters.length === 0) return statement.sql;
  const literal = (index: number): string => adapter.renderLiteral(statement.parameters[index]);
  let next = 0;
  // Placeholders inside quoted strings or identifiers are text, not parameters.
  return statement.sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\$(\d+)|\?/g, (match, number) => {
    if (match.startsWith("'") || match.startsWith('"') || match.startsWith('`')) return match;
    if (number !== undefined) return literal(Number(number) - 1);
    return literal(next++);
  });
}
