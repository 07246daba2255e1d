/**
 * Catalog connections for introspection tests, over the operation tests' online contexts: the
 * same connection the schema was created on, counting the statements introspection sends.
 */
import { CompiledQuery } from 'kysely';
import type { CatalogConnection } from '../../src/autogenerate/introspect/index.js';
import type { OnlineTestContext } from '../operations/support/context.js';

export interface CountingCatalog extends CatalogConnection {
  /** Every statement sent through this connection, in order. */
  readonly sent: string[];
}

export function countingCatalog(online: OnlineTestContext): CountingCatalog {
  const sent: string[] = [];
  return {
    dialect: online.context.dialect,
    serverVersion: online.context.serverVersion,
    sent,
    async query(sql, parameters = []) {
      sent.push(sql);
      const result = await online.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(sql, [...parameters]),
      );
      return result.rows;
    },
  };
}
