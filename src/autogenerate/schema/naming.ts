/**
 * Names for the indexes and constraints a schema leaves unnamed, so that every one of them has a
 * stable name to be compared, altered and dropped by (Alembic recommends SQLAlchemy's
 * `naming_convention` for the same reason). Primary keys are not named: their names are not
 * compared. Checks must be named by the user (see `check`).
 *
 * A rule is a template or a function. Template tokens: `{table}`, `{columns}` (the column names
 * joined by `_`), and for foreign keys `{referredTable}` and `{referredColumns}`.
 */
import { createHash } from 'node:crypto';

export interface NameContext {
  readonly table: string;
  readonly columns: readonly string[];
}

export interface ForeignKeyNameContext extends NameContext {
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
}

export type NamingRule<Context> = string | ((context: Context) => string);

export interface NamingConvention {
  /** Default `ix_{table}_{columns}`. */
  readonly index?: NamingRule<NameContext>;
  /** Default `uq_{table}_{columns}`. */
  readonly unique?: NamingRule<NameContext>;
  /** Default `fk_{table}_{columns}_{referredTable}`. */
  readonly foreignKey?: NamingRule<ForeignKeyNameContext>;
}

export const DEFAULT_NAMING: Required<NamingConvention> = {
  index: 'ix_{table}_{columns}',
  unique: 'uq_{table}_{columns}',
  foreignKey: 'fk_{table}_{columns}_{referredTable}',
};

/**
 * PostgreSQL's limit (MySQL's is 64): PostgreSQL truncates a longer name silently, after which
 * the comparison would see a different name on every run.
 */
export const MAX_IDENTIFIER_LENGTH = 63;

const TOKEN = /\{(table|columns|referredTable|referredColumns)\}/g;

export function applyNamingRule<Context extends NameContext>(
  rule: NamingRule<Context>,
  context: Context,
): string {
  const name =
    typeof rule === 'function'
      ? rule(context)
      : rule.replace(TOKEN, (_match, token: string) => tokenValue(token, context));
  return shorten(name);
}

function tokenValue(token: string, context: NameContext): string {
  const foreign = context as Partial<ForeignKeyNameContext>;
  switch (token) {
    case 'table':
      return context.table;
    case 'columns':
      return context.columns.join('_');
    case 'referredTable':
      return foreign.referredTable ?? '';
    default:
      return (foreign.referredColumns ?? []).join('_');
  }
}

/**
 * A generated name that is too long keeps its start and gets a hash of the whole, so it stays
 * unique and the same from run to run (as SQLAlchemy does for its conventions).
 */
function shorten(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - hash.length - 1)}_${hash}`;
}
