/** The databases ambix supports. MariaDB is served by the `mysql` dialect. */
export const DIALECT_NAMES = ['sqlite', 'postgresql', 'mysql'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export function isDialectName(value: string): value is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(value);
}
