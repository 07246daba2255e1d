import type { DialectName } from '../dialect.js';
import { Operations } from '../operations/operations.js';
import type { Revision } from '../script/revision.js';
import type { RevisionCode } from '../script/revision-code.js';
import { SqlLexError, splitSqlStatements } from '../script/sql/statements.js';
import { type ClassifiedOperation, type Finding, kindsOf, type RevisionClassification } from './findings.js';
import type { OperationCall } from './operation-call.js';
import { describeCall } from './operation-call.js';
import { classifyOperation } from './operation-rules.js';
import { type OperationRecorder, recordingOperations } from './recording-operations.js';
import { type ReadStatement, SimulationContext } from './simulation-context.js';
import { classifyStatement } from './sql-rules.js';

export interface ClassifyOptions {
  readonly dialect: DialectName;
  /** The live server's version, when classifying against a database; null otherwise. */
  readonly serverVersion?: string | null;
  /** Answers the revision's reads (live database); without it reads see an empty database. */
  readonly read?: ReadStatement | null;
}

/**
 * What a revision's `upgrade` would do, found by running it against a context that executes
 * nothing, and the risks of each operation on the dialect. A revision whose code fails part-way
 * (it needed an answer the simulation could not give) is reported with what it did up to there
 * and `incomplete` set, which makes it `unknown`.
 */
export async function classifyRevision(
  revision: Revision,
  code: RevisionCode,
  options: ClassifyOptions,
): Promise<RevisionClassification> {
  return (await simulateRevision(revision, code, options)).classification;
}

/** The classification and the schema operations the simulated upgrade asked for, in order. */
export async function simulateRevision(
  revision: Revision,
  code: RevisionCode,
  options: ClassifyOptions,
): Promise<SimulatedRevision> {
  const recorder = new RevisionRecorder(options.dialect);
  let incomplete: string | null = null;
  if (code.kind === 'sql') {
    for (const sql of code.upgrade) recorder.sql(sql);
  } else {
    incomplete = await simulate(revision, code.upgrade, recorder, options);
  }
  const classification: RevisionClassification = {
    revision: revision.id,
    path: revision.path,
    message: revision.message,
    dialect: options.dialect,
    operations: recorder.operations,
    kinds: kindsOf(recorder.operations, incomplete),
    incomplete,
    willFail: [],
  };
  return { classification, calls: recorder.calls, thrown: recorder.thrown };
}

export interface SimulatedRevision {
  readonly classification: RevisionClassification;
  /** The schema operations the simulated upgrade asked for, in order. */
  readonly calls: readonly OperationCall[];
  /** What the simulated upgrade threw, when it stopped before its end. */
  readonly thrown: { readonly error: unknown } | null;
}

/** Collects a revision's operations, classified as they arrive. */
class RevisionRecorder implements OperationRecorder {
  readonly operations: ClassifiedOperation[] = [];
  readonly calls: OperationCall[] = [];
  thrown: { readonly error: unknown } | null = null;
  simulatedReads = 0;
  readonly #dialect: DialectName;
  /** Tables this revision created: empty and unknown to running code, so no lock or row to fear. */
  readonly #created = new Set<string>();

  constructor(dialect: DialectName) {
    this.#dialect = dialect;
  }

  call(call: OperationCall): void {
    this.calls.push(call);
    if (call.kind === 'createTable') this.#created.add(call.table);
    const fresh = call.kind !== 'createTable' && call.table !== null && this.#created.has(call.table);
    const findings = classifyOperation(this.#dialect, call).filter(
      (finding) => !(fresh && (finding.kind === 'lock-heavy' || finding.kind === 'hazard')),
    );
    this.operations.push({ operation: describeCall(call), findings });
  }

  unknown(operation: string): void {
    this.operations.push({
      operation,
      findings: [{ kind: 'unknown', reason: `ambix does not know ${operation}` }],
    });
  }

  simulatedRead(): void {
    this.simulatedReads++;
  }

  /** Statements given as SQL text: each write is an operation; reads are not. */
  sql(text: string): void {
    for (const statement of statementsOf(text, this.#dialect)) {
      const result = classifyStatement(this.#dialect, statement);
      if (!result.read) {
        this.operations.push({ operation: `execute: ${abbreviate(statement)}`, findings: result.findings });
      }
    }
  }
}

/**
 * SQL text split by the same splitter that runs it. Text it cannot split (an unterminated
 * string) stays one statement: it is classified as written, and fails when it runs.
 */
function statementsOf(text: string, dialect: DialectName): string[] {
  try {
    return splitSqlStatements(text, dialect).map((statement) => statement.code);
  } catch (error) {
    if (error instanceof SqlLexError) return [text];
    throw error;
  }
}

/**
 * Runs a module revision's upgrade against the simulation; returns why its classification is
 * incomplete (it failed, or it read a database that was not there), or null.
 */
async function simulate(
  revision: Revision,
  upgrade: (op: unknown) => Promise<void>,
  recorder: RevisionRecorder,
  options: ClassifyOptions,
): Promise<string | null> {
  const live = options.read !== undefined && options.read !== null;
  const context = new SimulationContext({
    dialect: options.dialect,
    serverVersion: options.serverVersion ?? null,
    revision: revision.id,
    revisionPath: revision.path,
    read:
      options.read ??
      (async () => {
        recorder.simulatedRead();
        return { rows: [] };
      }),
    onWrite: (sql) => recorder.sql(sql),
  });
  try {
    await upgrade(recordingOperations(new Operations(context), recorder, live));
  } catch (error) {
    recorder.thrown = { error };
    const reason = error instanceof Error ? error.message : String(error);
    return `its upgrade stopped while simulated (${reason}); what follows that point is unknown`;
  }
  if (recorder.simulatedReads === 0) return null;
  const reads = `${recorder.simulatedReads} read${recorder.simulatedReads === 1 ? '' : 's'}`;
  return (
    `its upgrade reads the database (${reads}) and, with no database URL, saw an empty one: operations that ` +
    'depend on existing tables, columns or rows may be missing here (lint with --url to classify against the real database)'
  );
}

/** Whether a table has rows now: `missing` when it does not exist (yet). */
export type RowProbe = (table: string) => Promise<'rows' | 'empty' | 'missing'>;

/**
 * Keeps the hazards that need a populated table only where the live table has rows; a table
 * that is empty now, or does not exist yet, cannot make them fail.
 */
export async function applyRowCounts(
  classification: RevisionClassification,
  probe: RowProbe,
): Promise<RevisionClassification> {
  const cache = new Map<string, Promise<'rows' | 'empty' | 'missing'>>();
  const state = (table: string) => {
    let known = cache.get(table);
    if (known === undefined) {
      known = probe(table);
      cache.set(table, known);
    }
    return known;
  };
  const operations: ClassifiedOperation[] = [];
  for (const operation of classification.operations) {
    const findings: Finding[] = [];
    for (const finding of operation.findings) {
      if (finding.whenTableHasRows === undefined) findings.push(finding);
      else if ((await state(finding.whenTableHasRows)) === 'rows') {
        findings.push({ ...finding, reason: `${finding.reason} (${finding.whenTableHasRows} has rows now)` });
      }
    }
    operations.push({ operation: operation.operation, findings });
  }
  return { ...classification, operations, kinds: kindsOf(operations, classification.incomplete) };
}

function abbreviate(sql: string): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}
