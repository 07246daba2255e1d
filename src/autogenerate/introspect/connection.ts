import type { DialectName } from '../../dialect.js';

export type CatalogRow = Readonly<Record<string, unknown>>;

/**
 * What introspection needs from a database connection: one way to run a read-only query and the
 * dialect's name. The runtime's `Session` provides it through `sessionCatalog`, so this folder
 * never imports a driver.
 */
export interface CatalogConnection {
  readonly dialect: DialectName;
  /**
   * The server's version string (`10.11.6-MariaDB`, `8.0.36`); MySQL and MariaDB differ in a few
   * catalog columns. When absent on the `mysql` dialect, introspection asks the server.
   */
  readonly serverVersion?: string | null;
  /** Runs one query; `?` placeholders on SQLite and MySQL, `$1` on PostgreSQL. */
  query(sql: string, parameters?: readonly unknown[]): Promise<readonly CatalogRow[]>;
}

/** The part of the runtime's `Session` a catalog connection is made of (typed here structurally). */
export interface SessionLike {
  readonly adapter: { readonly name: DialectName };
  readonly serverVersion: string;
  execute(
    sql: string,
    parameters?: readonly unknown[],
  ): Promise<{ readonly rows: readonly Record<string, unknown>[] }>;
}

/** A catalog connection over a runtime session: `introspect(sessionCatalog(session), options)`. */
export function sessionCatalog(session: SessionLike): CatalogConnection {
  return {
    dialect: session.adapter.name,
    serverVersion: session.serverVersion,
    query: async (sql, parameters = []) => (await session.execute(sql, parameters)).rows,
  };
}
