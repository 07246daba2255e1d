/**
 * Which changes can lose data, and why: the text of a generated revision's `// DESTRUCTIVE:`
 * comments and of the command's list of destructive operations.
 *
 * Decided here:
 * - dropping a table or a column is destructive;
 * - a type change is destructive unless every value of the old type fits the new one (a wider
 *   integer, a longer VARCHAR, VARCHAR to TEXT, …; a raw type is never judged safe);
 * - making a column NOT NULL is destructive on MySQL/MariaDB only: with strict mode off they
 *   replace existing NULLs by the type's zero value, while SQLite and PostgreSQL refuse the
 *   change when a NULL is present, losing nothing;
 * - dropping an index or a constraint loses no rows, so it is not destructive.
 */
import type { DialectName } from '../../dialect.js';
import { compareTypes } from '../../safety/type-change.js';
import { canonicalType, neutralType } from './normalize.js';
import type { SchemaChange } from './types.js';

export function destructiveReason(change: SchemaChange, dialect: DialectName): string | undefined {
  switch (change.kind) {
    case 'dropTable':
      return `drops table ${change.table.name} and all its rows`;
    case 'dropColumn':
      return `drops column ${change.table}.${change.column.name} and its values`;
    case 'alterColumn': {
      const reasons: string[] = [];
      if (change.type !== undefined) {
        const from = neutralType(dialect, change.type.from);
        const to = neutralType(dialect, change.type.to);
        if (compareTypes(from, to) !== 'widening') {
          reasons.push(
            `changes ${change.table}.${change.column} from ${canonicalType(dialect, change.type.from)} to ` +
              `${canonicalType(dialect, change.type.to)}, which may not hold every existing value`,
          );
        }
      }
      if (dialect === 'mysql' && change.nullable?.from === true && change.nullable.to === false) {
        reasons.push(
          `makes ${change.table}.${change.column} NOT NULL; without strict mode MySQL/MariaDB replace existing NULLs by zero values`,
        );
      }
      return reasons.length === 0 ? undefined : reasons.join('; ');
    }
    default:
      return undefined;
  }
}

/** The change with `destructive` and `reason` set from `destructiveReason`. */
export function assessed<T extends SchemaChange>(change: T, dialect: DialectName): T {
  const reason = destructiveReason(change, dialect);
  const { reason: _old, ...rest } = change;
  return (
    reason === undefined ? { ...rest, destructive: false } : { ...rest, destructive: true, reason }
  ) as T;
}
