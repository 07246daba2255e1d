import type { SqlExpression } from '../../operations/types.js';

/**
 * SQL text used verbatim in a schema: an expression default, an index expression, a partial
 * index's condition, a check. Interpolated values are pasted in as text, not bound as parameters:
 * a schema is DDL, which has no parameters, so only strings and numbers are accepted.
 *
 * ```ts
 * settings: column.json().notNull().default(sql`'{}'`),
 * indexes: [index('ix_user_lower_email', [sql`lower(email)`], { unique: true })],
 * ```
 */
export function sql(strings: TemplateStringsArray, ...values: readonly (string | number)[]): SqlExpression {
  let text = strings[0] ?? '';
  values.forEach((value, position) => {
    text += String(value) + (strings[position + 1] ?? '');
  });
  return { kind: 'sql', sql: text };
}

export function isSqlExpression(value: unknown): value is SqlExpression {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'sql' &&
    typeof (value as { sql?: unknown }).sql === 'string'
  );
}

/** A condition or expression given as plain text or as `sql\`…\``, as text. */
export function sqlText(value: string | SqlExpression): string {
  return typeof value === 'string' ? value : value.sql;
}
