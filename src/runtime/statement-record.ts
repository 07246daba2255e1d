/** Statements that end or open transactions, issued by the runtime itself rather than a revision. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SAVEPOINT|RELEASE)\b/i;
/** Statements after which MySQL/MariaDB have committed everything so far, themselves included. */
export const IMPLICIT_COMMIT = /^\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE)\b/i;

interface RecordedStatement {
  readonly sql: string;
  readonly ok: boolean;
}

/**
 * The statements one migration step ran, and how many of them the database has committed: the
 * facts a failure report needs ("which statements were already committed").
 */
export class StatementRecord {
  readonly #statements: RecordedStatement[] = [];
  #committedCount = 0;
  #autocommit: boolean;
  readonly #implicitDdlCommit: boolean;
  #failedStatement: string | null = null;
  #ignoring = false;

  /**
   * @param options.autocommit every statement commits on its own (no transaction open)
   * @param options.implicitDdlCommit DDL commits the open transaction (MySQL/MariaDB)
   */
  constructor(options: { autocommit: boolean; implicitDdlCommit: boolean }) {
    this.#autocommit = options.autocommit;
    this.#implicitDdlCommit = options.implicitDdlCommit;
  }

  /** A statement ran (error null) or failed; the first failure is the one reported. */
  record(sql: string, error: unknown | null): void {
    if (this.#ignoring || TRANSACTION_CONTROL.test(sql)) return;
    if (error !== null) {
      this.#failedStatement ??= sql;
      this.#statements.push({ sql, ok: false });
      return;
    }
    this.#statements.push({ sql, ok: true });
    if (this.#autocommit || (this.#implicitDdlCommit && IMPLICIT_COMMIT.test(sql))) {
      this.#committedCount = this.#statements.length;
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

  /** The transaction was committed: everything recorded so far stays. */
  markCommitted(): void {
    this.#committedCount = this.#statements.length;
  }

  setAutocommit(autocommit: boolean): void {
    this.#autocommit = autocommit;
  }

  get failedStatement(): string | null {
    return this.#failedStatement;
  }

  /** Successful statements, each with whether it survived the rollback that follows a failure. */
  executed(): { sql: string; committed: boolean }[] {
    return this.#statements
      .map((statement, index) => ({ ...statement, committed: index < this.#committedCount }))
      .filter((statement) => statement.ok)
      .map(({ sql, committed }) => ({ sql, committed }));
  }
}
