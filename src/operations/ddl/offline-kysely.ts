import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { DialectName } from '../../dialect.js';

/**
 * A Kysely instance that only compiles, never connects: it turns query builders and `sql`
 * templates into SQL text for the dialect, which is what offline rendering and the ops need.
 */
// biome-ignore lint/suspicious/noExplicitAny: compiles queries against any schema.
export type CompileOnlyKysely = Kysely<any>;

const cache = new Map<DialectName, CompileOnlyKysely>();

export function compileOnlyKysely(dialect: DialectName): CompileOnlyKysely {
  const cached = cache.get(dialect);
  if (cached !== undefined) return cached;
  // biome-ignore lint/suspicious/noExplicitAny: see CompileOnlyKysely.
  const db = new Kysely<any>({
    dialect: {
      createDriver: () => new DummyDriver(),
      createAdapter: () => adapters[dialect](),
      createIntrospector: (kysely) => introspectors[dialect](kysely),
      createQueryCompiler: () => compilers[dialect](),
    },
  });
  cache.set(dialect, db);
  return db;
}

const adapters = {
  sqlite: () => new SqliteAdapter(),
  postgresql: () => new PostgresAdapter(),
  mysql: () => new MysqlAdapter(),
};

const compilers = {
  sqlite: () => new SqliteQueryCompiler(),
  postgresql: () => new PostgresQueryCompiler(),
  mysql: () => new MysqlQueryCompiler(),
};

// biome-ignore lint/suspicious/noExplicitAny: Kysely's introspectors take Kysely<any>.
type AnyKysely = Kysely<any>;
const introspectors = {
  sqlite: (db: AnyKysely) => new SqliteIntrospector(db),
  postgresql: (db: AnyKysely) => new PostgresIntrospector(db),
  mysql: (db: AnyKysely) => new MysqlIntrospector(db),
};
