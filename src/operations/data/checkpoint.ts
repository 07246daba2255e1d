/**
 * Where a resumable backfill keeps its place: one row per (revision, backfill) in
 * `ambix_backfill`, updated in the same transaction as each batch's writes, so after a kill the
 * row says exactly which batches are in the database. The row is deleted in the transaction that
 * records the revision; a finished backfill leaves only the (empty) table behind.
 */
import type { DataRunner } from './runner.js';
import { quoteIdentifier } from './sql.js';

export const CHECKPOINT_TABLE = 'ambix_backfill';

export interface Checkpoint {
  /** The last position done (JSON of the key value), or null before the first batch. */
  readonly after: unknown;
  readonly done: number;
}

/** Keys may be bigints (SQLite safe integers, PostgreSQL int8 read as text stays text). */
function encode(position: unknown): string | null {
  if (position === null || position === undefined) return null;
  return JSON.stringify(position, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

export class CheckpointStore {
  readonly #runner: DataRunner;
  readonly #revision: string;
  readonly #name: string;

  constructor(runner: DataRunner, revision: string, name: string) {
    this.#runner = runner;
    this.#revision = revision;
    this.#name = name;
  }

  #q(name: string): string {
    return quoteIdentifier(this.#runner.dialect, name);
  }

  #p(index: number): string {
    return this.#runner.dialect === 'postgresql' ? `$${index}` : '?';
  }

  get #table(): string {
    return this.#q(CHECKPOINT_TABLE);
  }

  /** Creates the table if needed and reads (or starts) this backfill's row; autocommit. */
  async open(): Promise<Checkpoint> {
    await this.#runner.run(
      'backfill checkpoint',
      `CREATE TABLE IF NOT EXISTS ${this.#table} (${this.#q('revision')} VARCHAR(255) NOT NULL, ` +
        `${this.#q('name')} VARCHAR(255) NOT NULL, ${this.#q('after_position')} TEXT, ` +
        `${this.#q('rows_done')} BIGINT NOT NULL, PRIMARY KEY (${this.#q('revision')}, ${this.#q('name')}))`,
      [],
    );
    const { rows } = await this.#runner.run(
      'backfill checkpoint',
      `SELECT ${this.#q('after_position')} AS after_position, ${this.#q('rows_done')} AS rows_done FROM ${this.#table} ` +
        `WHERE ${this.#q('revision')} = ${this.#p(1)} AND ${this.#q('name')} = ${this.#p(2)}`,
      [this.#revision, this.#name],
    );
    const row = rows[0];
    if (row !== undefined) {
      const after = row.after_position === null ? null : (JSON.parse(String(row.after_position)) as unknown);
      return { after, done: Number(row.rows_done) };
    }
    await this.#runner.run(
      'backfill checkpoint',
      `INSERT INTO ${this.#table} (${this.#q('revision')}, ${this.#q('name')}, ${this.#q('after_position')}, ${this.#q('rows_done')}) ` +
        `VALUES (${this.#p(1)}, ${this.#p(2)}, NULL, 0)`,
      [this.#revision, this.#name],
    );
    return { after: null, done: 0 };
  }

  /** Moves the checkpoint past a batch; called inside that batch's transaction. */
  async save(checkpoint: Checkpoint): Promise<void> {
    await this.#runner.run(
      'backfill checkpoint',
      `UPDATE ${this.#table} SET ${this.#q('after_position')} = ${this.#p(1)}, ${this.#q('rows_done')} = ${this.#p(2)} ` +
        `WHERE ${this.#q('revision')} = ${this.#p(3)} AND ${this.#q('name')} = ${this.#p(4)}`,
      [encode(checkpoint.after), checkpoint.done, this.#revision, this.#name],
    );
  }

  /** Forgets the backfill: run in the transaction that records the revision. */
  async remove(): Promise<void> {
    await this.#runner.run(
      'backfill checkpoint',
      `DELETE FROM ${this.#table} WHERE ${this.#q('revision')} = ${this.#p(1)} AND ${this.#q('name')} = ${this.#p(2)}`,
      [this.#revision, this.#name],
    );
  }
}
