import { type BuiltTable, buildTable } from './build.js';
import { InvalidSchemaError, type SchemaProblem } from './errors.js';
import { DEFAULT_NAMING, type NamingConvention } from './naming.js';
import { TableDefinition } from './table.js';
import { validateSchema } from './validate.js';

/**
 * Marks schema objects. A plain property rather than a class, so a schema made by another copy of
 * ambix (a schema file that resolved its own `ambix`) is still recognised.
 */
const SCHEMA_BRAND = '~ambixSchema';

export type TablesOf = Readonly<Record<string, TableDefinition>>;

export interface SchemaOptions {
  /** Names for unnamed indexes, unique constraints and foreign keys; see `NamingConvention`. */
  readonly naming?: NamingConvention;
}

/** A schema declared in code: tables by name, and the naming convention. */
export interface Schema<T extends TablesOf = TablesOf> {
  readonly '~ambixSchema': true;
  readonly tables: T;
  readonly naming: Required<NamingConvention>;
}

/**
 * The schema of an application, default-exported by its schema file:
 *
 * ```ts
 * export default defineSchema({ user: table({ id: column.integer().primaryKey(), … }) });
 * ```
 *
 * Validates it at once, so a malformed schema fails when its file is loaded, with an
 * `InvalidSchemaError` naming every problem's table and column.
 */
export function defineSchema<const T extends TablesOf>(tables: T, options: SchemaOptions = {}): Schema<T> {
  const schema: Schema<T> = {
    [SCHEMA_BRAND]: true,
    tables,
    naming: { ...DEFAULT_NAMING, ...options.naming },
  };
  buildSchema(schema);
  return schema;
}

/** The neutral model of every table, by name, after validation. */
export function buildSchema(schema: Schema): ReadonlyMap<string, BuiltTable> {
  const problems: SchemaProblem[] = [];
  const definitions = new Map<string, TableDefinition>();
  for (const [name, definition] of Object.entries(schema.tables)) {
    if (!(definition instanceof TableDefinition) && !looksLikeTable(definition)) {
      problems.push({ table: name, message: 'is not a table(): declare it with table({ … })' });
      continue;
    }
    definitions.set(name, definition);
  }
  const built = new Map<string, BuiltTable>();
  for (const [name, definition] of definitions)
    built.set(name, buildTable(name, definition, schema.naming, problems));
  validateSchema(built, definitions, problems);
  if (problems.length > 0) throw new InvalidSchemaError(problems);
  return built;
}

/** Whether a module's export is a schema made by `defineSchema` (for the commands that load one). */
export function isSchema(value: unknown): value is Schema {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<typeof SCHEMA_BRAND, unknown>> & {
    tables?: unknown;
    naming?: unknown;
  };
  return (
    candidate[SCHEMA_BRAND] === true &&
    typeof candidate.tables === 'object' &&
    candidate.tables !== null &&
    typeof candidate.naming === 'object' &&
    Object.values(candidate.tables).every(looksLikeTable)
  );
}

function looksLikeTable(value: unknown): value is TableDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const { columns, options } = value as { columns?: unknown; options?: unknown };
  if (typeof columns !== 'object' || columns === null || typeof options !== 'object' || options === null)
    return false;
  return Object.values(columns).every(
    (column) =>
      typeof column === 'object' &&
      column !== null &&
      typeof (column as { declaration?: { type?: { kind?: unknown } } }).declaration?.type?.kind === 'string',
  );
}
