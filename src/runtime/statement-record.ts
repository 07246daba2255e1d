/** Statements that end or open transactions, issued by the runtime itself rather than a revision. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE)\b/i;

import { causesImplicitCommit } from '../dialects/mysql/implicit-commit.js';

interface RecordedStatement {
  readonly sql: string;
  readonly ok: boolean;
}

/**
 * How many statements a failure report lists, and how much of each. A data migration can run
 * hundreds of thousands of statements (batched inserts of large JSON): the record keeps the most
 * recent ones, shortened, plus counts, so its memory stays bounded whatever the migration does.
 */
const KEPT_STATEMENTS = 200;
const KEPT_SQL_LENGTH = 2_000;

function shorten(sql: string): string {
  return sql.length <= KEPT_SQL_LENGTH ? sql : `${sql.slice(0, KEPT_SQL_LENGTH)}… (${sql.length} characters)`;
}

/**
 * The statements one migration step ran, and how many of them the database has committed: the
 * facts a failure report needs ("which statements were already committed").
 */
export class StatementRecord {
  /** The most recent statements; `#dropped` older ones were let go. */
  #statements: RecordedStatement[] = [];
  #dropped = 0;
  /** Statements recorded in total (dropped ones included) at the last commit point. */
  #committedCount = 0;
  #autocommit: boolean;
  readonly #implicitDdlCommit: boolean;
  /** Failed statements by the error the database raised, to match the error a migration fails with. */
  readonly #failures: { readonly sql: string; readonly error: unknown }[] = [];
  #ignoring = false;

  /**
   * @param options.autocommit every statement commits on its own (no transaction open)
   * @param options.implicitDdlCommit DDL commits the open transaction (MySQL/MariaDB)
   */
  constructor(options: { autocommit: boolean; implicitDdlCommit: boolean }) {
    this.#autocommit = options.autocommit;
    this.#implicitDdlCommit = options.implicitDdlCommit;
  }

  /** A statement ran (error null) or failed with `error`. */
  record(sql: string, error: unknown | null): void {
    if (this.#ignoring || TRANSACTION_CONTROL.test(sql)) return;
    if (error !== null) {
      this.#failures.push({ sql: shorten(sql), error });
      if (this.#failures.length > KEPT_STATEMENTS) this.#failures.shift();
      this.#push({ sql: shorten(sql), ok: false });
      return;
    }
    this.#push({ sql: shorten(sql), ok: true });
    if (this.#autocommit || (this.#implicitDdlCommit && causesImplicitCommit(sql))) {
      this.#committedCount = this.#total;
    }
  }

  get #total(): number {
    return this.#dropped + this.#statements.length;
  }

  #push(statement: RecordedStatement): void {
    this.#statements.push(statement);
    if (this.#statements.length > 2 * KEPT_STATEMENTS) {
      const excess = this.#statements.length - KEPT_STATEMENTS;
      this.#statements = this.#statements.slice(excess);
      this.#dropped += excess;
    }
  }

  /** Runs the runtime's own statements (commit-time checks, reopening) without recording them. */
  async ignoring<T>(work: () => Promise<T>): Promise<T> {
    this.#ignoring = true;
    try {
      return await work();
    } finally {
      this.#ignoring = false;
    }
  }

  /**
   * The transaction was committed: everything recorded so far stays. Also called when a failed
   * statement had made the database commit before it ran (MySQL/MariaDB DDL).
   */
  markCommitted(): void {
    this.#committedCount = this.#total;
  }

  setAutocommit(autocommit: boolean): void {
    this.#autocommit = autocommit;
  }

  /**
   * The statement behind `error`, the error a migration failed with: the failed statement whose
   * database error is `error` or one of its causes. A statement that failed earlier and that the
   * revision recovered from (caught, rolled back to a savepoint) is not blamed for a later failure;
   * with no match (the revision's own code threw) there is no failing statement.
   */
  failedStatementFor(error: unknown): string | null {
    for (let current: unknown = error; current !== undefined && current !== null; ) {
      const match = this.#failures.findLast((failure) => failure.error === current);
      if (match !== undefined) return match.sql;
      current = current instanceof Error ? current.cause : undefined;
    }
    return null;
  }

  /** Statements let go to keep memory bounded (the oldest ones; all committed or not as counted). */
  get omittedCount(): number {
    return this.#dropped;
  }

  /** The most recent successful statements, each with whether it survived the rollback after a failure. */
  executed(): { sql: string; committed: boolean }[] {
    return this.#statements
      .map((statement, index) => ({ ...statement, committed: this.#dropped + index < this.#committedCount }))
      .filter((statement) => statement.ok)
      .map(({ sql, committed }) => ({ sql, committed }));
  }
}
