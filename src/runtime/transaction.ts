import type { Session } from './session.js';
import { IMPLICIT_COMMIT } from './statement-record.js';

/**
 * How migrations are grouped into transactions (config `transactionMode`):
 * - `per-migration` (default): each revision and its version-row change commit together;
 * - `all`: one transaction for the whole run (on MySQL/MariaDB, where DDL commits implicitly,
 *   this behaves as `per-migration` so that the version table stays true to the schema);
 * - `none`: no transactions; every statement commits on its own.
 */
export type TransactionMode = 'per-migration' | 'all' | 'none';

/** Opens and closes the run's transactions on the session's connection; knows whether one is open. */
export class TransactionControl {
  readonly mode: TransactionMode;
  readonly #session: Session;
  #open = false;

  constructor(session: Session, mode: TransactionMode) {
    this.#session = session;
    this.mode = mode === 'all' && !session.adapter.transactionalDdl ? 'per-migration' : mode;
    if (!session.adapter.transactionalDdl && this.mode !== 'none') {
      session.afterEachStatement((sql) => this.#reopenAfterImplicitCommit(sql));
    }
  }

  /**
   * MySQL/MariaDB end the open transaction at every DDL statement and fall back to autocommit.
   * Opening a new one right away keeps the rest of the migration (its DML after the last DDL,
   * and its version-row change) atomic, as the failure report assumes.
   */
  async #reopenAfterImplicitCommit(sql: string): Promise<void> {
    if (this.#open && IMPLICIT_COMMIT.test(sql)) {
      await this.#session.execute(this.#session.adapter.beginStatement);
    }
  }

  /** Stops watching the session's statements; call when the run ends. */
  dispose(): void {
    this.#session.afterEachStatement(null);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  async begin(): Promise<void> {
    if (this.mode === 'none' || this.#open) return;
    await this.#session.execute(this.#session.adapter.beginStatement);
    this.#open = true;
  }

  async commit(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#session.execute('COMMIT');
  }

  /** Rolls back if a transaction is open; a failure to roll back is not worth masking the cause. */
  async rollback(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#session.execute('ROLLBACK').catch(() => {});
  }
}
