import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  IntrospectionFailedError,
  introspect,
  sessionCatalog,
} from '../../src/autogenerate/introspect/index.js';
import type { DialectName } from '../../src/dialect.js';
import { connect, type Session } from '../../src/runtime/session.js';
import { parseDatabaseUrl } from '../../src/runtime/url.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';

const CREATE: Record<DialectName, string> = {
  sqlite: 'CREATE TABLE item (id INTEGER PRIMARY KEY, label VARCHAR(30) NOT NULL)',
  postgresql: 'CREATE TABLE item (id SERIAL PRIMARY KEY, label VARCHAR(30) NOT NULL)',
  mysql: 'CREATE TABLE item (id INTEGER AUTO_INCREMENT PRIMARY KEY, label VARCHAR(30) NOT NULL)',
};

describeEachDialect('introspect through a runtime session', (dialect) => {
  let database: TestDatabase;
  let session: Session;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    session = await connect(parseDatabaseUrl(database.url));
  });
  afterEach(async () => {
    await session.close().catch(() => {});
    await database.drop();
  });

  it('reads the schema over the session the runtime opened', async () => {
    await session.execute(CREATE[dialect]);
    const model = await introspect(sessionCatalog(session));
    expect(model.tables.map((table) => table.name)).toEqual(['item']);
    expect(model.tables[0]!.columns).toMatchObject([
      { name: 'id', type: { kind: 'integer' }, autoincrement: true, nullable: false },
      { name: 'label', type: { kind: 'string', length: 30 }, nullable: false, default: null },
    ]);
  });

  it('reports a failed catalog query as IntrospectionFailedError with its SQL', async () => {
    await session.close();
    const failure = await introspect(sessionCatalog(session)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IntrospectionFailedError);
    expect(failure).toMatchObject({ code: 'INTROSPECTION_FAILED', dialect });
    expect((failure as IntrospectionFailedError).sql).toMatch(/select/i);
  });
});
