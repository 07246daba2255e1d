/**
 * Reading a whole table in bounded memory: keyset pages ordered by the primary key, so a page
 * costs one indexed range scan and nothing is held beyond the current page, on every dialect.
 */
import type { Operations } from 'ambix';

export interface ScanOptions {
  readonly table: string;
  /** Selected columns; the key column is always included. */
  readonly columns: readonly string[];
  readonly key?: string;
  /** Extra SQL condition (no parameters), e.g. `user_id NOT LIKE 'shared-%'`. */
  readonly where?: string;
  readonly pageSize?: number;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Yields the table's rows page by page, ordered by `key` (default `id`). */
export async function* scanPages(
  op: Operations,
  options: ScanOptions,
): AsyncGenerator<readonly Record<string, unknown>[]> {
  const key = options.key ?? 'id';
  const pageSize = options.pageSize ?? 1000;
  const columns = [key, ...options.columns.filter((column) => column !== key)].map(quote).join(', ');
  const extra = options.where === undefined ? '' : ` AND (${options.where})`;
  let last: unknown = null;
  for (;;) {
    const after = last === null ? '1 = 1' : `${quote(key)} > :after`;
    const sql = `SELECT ${columns} FROM ${quote(options.table)} WHERE ${after}${extra} ORDER BY ${quote(key)} LIMIT ${pageSize}`;
    const { rows } = await op.execute(sql, last === null ? {} : { after: last });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]?.[key] ?? null;
  }
}

/**
 * Progress lines on stderr for long data migrations: at most one every two seconds, plus the
 * final count, so a 100,000-chat backfill shows it is alive without flooding the log.
 */
export class Progress {
  readonly #label: string;
  readonly #started = Date.now();
  #lastReport = Date.now();
  #count = 0;

  constructor(label: string) {
    this.#label = label;
  }

  get count(): number {
    return this.#count;
  }

  add(rows: number): void {
    this.#count += rows;
    const now = Date.now();
    if (now - this.#lastReport >= 2000) {
      this.#lastReport = now;
      this.#write(`${this.#count} so far`);
    }
  }

  done(detail = ''): void {
    const seconds = ((Date.now() - this.#started) / 1000).toFixed(1);
    if (this.#count > 0 || detail !== '') this.#write(`${this.#count} done in ${seconds}s${detail}`);
  }

  #write(text: string): void {
    if (process.env.AMBIX_OPENWEBUI_QUIET === '1') return;
    process.stderr.write(`  ${this.#label}: ${text}\n`);
  }
}
