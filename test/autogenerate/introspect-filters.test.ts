import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { introspect } from '../../src/autogenerate/introspect/index.js';
import { createOperations } from '../../src/operations/index.js';
import { t } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { countingCatalog } from './introspect-support.js';

const TABLES = ['alembic_version', 'ambix_history', 'app_order', 'app_user', 'audit_log', 'tmp_import'];

describeEachDialect('introspect table filters', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
    const op = createOperations(online.context);
    for (const name of TABLES) {
      await op.createTable(name, { columns: [{ name: 'id', type: t.integer(), primaryKey: true }] });
    }
  });
  afterEach(async () => online.close());

  async function tableNames(options: Parameters<typeof introspect>[1]): Promise<string[]> {
    const model = await introspect(countingCatalog(online), options);
    return model.tables.map((table) => table.name);
  }

  it('skips the internal tables it is given, whatever include says', async () => {
    expect(
      await tableNames({ internalTables: ['alembic_version', 'ambix_history'], include: ['a*'] }),
    ).toEqual(['app_order', 'app_user', 'audit_log']);
  });

  it('reports only tables matching an include pattern or name', async () => {
    expect(await tableNames({ include: ['app_*', 'tmp_import'] })).toEqual([
      'app_order',
      'app_user',
      'tmp_import',
    ]);
  });

  it('leaves out tables matching an exclude pattern or name', async () => {
    expect(await tableNames({ exclude: ['*_log', 'tmp_?mport', 'alembic_version'] })).toEqual([
      'ambix_history',
      'app_order',
      'app_user',
    ]);
  });

  it('matches patterns against the whole name, with no other wildcard than * and ?', async () => {
    expect(await tableNames({ include: ['app', 'app_.*', 'user'] })).toEqual([]);
  });
});

describeEachDialect('introspect SQLite internals', () => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext('sqlite');
  });
  afterEach(async () => online.close());

  it('never reports sqlite_sequence or the sqlite_stat tables', async () => {
    for (const statement of [
      'CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER)',
      'CREATE INDEX ix_counter_n ON counter (n)',
      'INSERT INTO counter (n) VALUES (1), (2)',
      'ANALYZE',
    ]) {
      await online.db.executeQuery(CompiledQuery.raw(statement));
    }
    const names = await online.db.executeQuery<{ name: string }>(
      CompiledQuery.raw("select name from sqlite_master where type = 'table' order by name"),
    );
    expect(names.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['sqlite_sequence', 'sqlite_stat1']),
    );

    const model = await introspect(countingCatalog(online));
    expect(model.tables.map((table) => table.name)).toEqual(['counter']);
    expect(model.tables[0]!.columns[0]).toMatchObject({ name: 'id', autoincrement: true });
  });
}, ['sqlite']);
