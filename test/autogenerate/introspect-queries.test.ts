import { afterEach, beforeEach, expect, it } from 'vitest';
import { introspect } from '../../src/autogenerate/introspect/index.js';
import { createOperations } from '../../src/operations/index.js';
import type { Operations } from '../../src/operations/operations.js';
import { t } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { countingCatalog } from './introspect-support.js';

/** Tables `from`..`to - 1`, each with a key, a foreign key to the first, a unique, a check and an index. */
async function createTables(op: Operations, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 1) {
    await op.createTable(`t${i}`, {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true },
        { name: 'code', type: t.string(20), nullable: false, unique: true },
        {
          name: 'parent_id',
          type: t.integer(),
          references: i === 0 ? undefined : { table: 't0', column: 'id' },
        },
        { name: 'amount', type: t.integer(), default: 0 },
      ],
      checkConstraints: [{ name: `ck_t${i}_amount`, expression: 'amount >= 0' }],
      indexes: [{ name: `ix_t${i}_amount`, columns: ['amount'] }],
    });
  }
}

describeEachDialect('introspect catalog queries', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
  });
  afterEach(async () => online.close());

  it('sends the same number of catalog queries for 3 tables as for 30', async () => {
    const op = createOperations(online.context);
    await createTables(op, 0, 3);
    const few = countingCatalog(online);
    const fewModel = await introspect(few);

    await createTables(op, 3, 30);
    const many = countingCatalog(online);
    const manyModel = await introspect(many);

    expect(fewModel.tables).toHaveLength(3);
    expect(manyModel.tables).toHaveLength(30);
    expect(
      manyModel.tables.every((table) => table.foreignKeys.length === (table.name === 't0' ? 0 : 1)),
    ).toBe(true);
    expect(many.sent.length).toBe(few.sent.length);
    expect(many.sent.length).toBeLessThanOrEqual(6);
  });
});
