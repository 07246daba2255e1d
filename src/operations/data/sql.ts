/** The few dialect differences the data helpers render: identifier quotes and placeholders. */
import type { DialectName } from '../../dialect.js';

export function quoteIdentifier(dialect: DialectName, name: string): string {
  return dialect === 'mysql' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/** Numbers placeholders in the dialect's style as values are appended: `$n` or `?`. */
export class Placeholders {
  readonly values: unknown[] = [];
  readonly #dialect: DialectName;

  constructor(dialect: DialectName) {
    this.#dialect = dialect;
  }

  add(value: unknown): string {
    this.values.push(value);
    return this.#dialect === 'postgresql' ? `$${this.values.length}` : '?';
  }
}

/** Bound values per statement, under SQLite's limit (32766), the lowest of the three databases'. */
export const MAX_PARAMETERS_PER_STATEMENT = 30_000;
