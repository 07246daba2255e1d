/**
 * Reading a whole table in bounded memory: keyset pages ordered by the primary key, so a page
 * costs one indexed range scan and nothing is held beyond the current page, on every dialect.
 * Where upstream's result depends on the order it reads rows in (no ORDER BY: the first of two
 * duplicates wins), pages follow the storage order instead: rowid on SQLite, ctid on PostgreSQL,
 * which is the order of the sequential scan upstream's SELECT gets.
 */
import type { Operations } from 'ambix';
import { jsonAsText } from './json.js';

export interface ScanOptions {
  readonly table: string;
  /** Selected columns; the key column is always included (in storage order, list `id` if needed). */
  readonly columns: readonly string[];
  /** JSON columns, read as their stored text (see `readJsonColumn`). */
  readonly json?: readonly string[];
  readonly key?: string;
  /**
   * `storage`: upstream's read order (rowid / ctid). Only for scans that do not update the rows
   * they read: PostgreSQL gives an updated row a new ctid, further on.
   */
  readonly order?: 'key' | 'storage';
  /** Extra SQL condition (no parameters), e.g. `user_id NOT LIKE 'shared-%'`. */
  readonly where?: string;
  readonly pageSize?: number;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The column pages are keyed on, and how a bound position compares with it. */
function positionOf(op: Operations, options: ScanOptions): Position {
  if (options.order !== 'storage') {
    const key = options.key ?? 'id';
    return { select: quote(key), key, orderBy: quote(key), after: `${quote(key)} > :after` };
  }
  const column = op.dialect.name === 'postgresql' ? 'ctid' : 'rowid';
  const cast = op.dialect.name === 'postgresql' ? 'CAST(:after AS tid)' : ':after';
  return {
    select: `${column} AS ${quote(POSITION)}`,
    key: POSITION,
    orderBy: column,
    after: `${column} > ${cast}`,
  };
}

interface Position {
  /** The select-list item, the row member holding it, the ORDER BY and the keyset condition. */
  readonly select: string;
  readonly key: string;
  readonly orderBy: string;
  readonly after: string;
}

const POSITION = '__scan_position';

/** Yields the table's rows page by page, ordered by `key` (default `id`) or in storage order. */
export async function* scanPages(
  op: Operations,
  options: ScanOptions,
): AsyncGenerator<readonly Record<string, unknown>[]> {
  const position = positionOf(op, options);
  const pageSize = options.pageSize ?? 1000;
  const json = new Set(options.json ?? []);
  const wanted = [...new Set([...options.columns, ...json])].filter((column) => column !== position.key);
  const columns = [
    position.select,
    ...wanted.map((column) => (json.has(column) ? jsonAsText(column) : quote(column))),
  ];
  const extra = options.where === undefined ? '' : ` AND (${options.where})`;
  let last: unknown = null;
  for (;;) {
    const after = last === null ? '1 = 1' : position.after;
    const sql = `SELECT ${columns.join(', ')} FROM ${quote(options.table)} WHERE ${after}${extra} ORDER BY ${position.orderBy} LIMIT ${pageSize}`;
    const { rows } = await op.execute(sql, last === null ? {} : { after: last });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]?.[position.key] ?? null;
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
