import { afterEach, beforeEach, expect, it } from 'vitest';
import { compareSchemas } from '../../src/autogenerate/compare/index.js';
import type { SchemaModel } from '../../src/autogenerate/model.js';
import { renderRevision } from '../../src/autogenerate/render/index.js';
import type { DialectName } from '../../src/dialect.js';
import { createOperations } from '../../src/operations/index.js';
import { now, sqlExpression, t } from '../../src/operations/types.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { column, idColumn, reflect, runBody, schema, table } from './compare-support.js';
import { createFixtureSchema } from './introspect-fixture.js';

/** A schema in code using every neutral type and each kind of default, check and index the database supports. */
function richModel(dialect: DialectName): SchemaModel {
  const comment = (text: string) => (dialect === 'sqlite' ? null : text);
  return schema(
    table('kinds', {
      columns: [
        idColumn(),
        column('a_text', t.text()),
        column('a_string', t.string(), { default: "it's" }),
        column('a_string40', t.string(40), { nullable: false, default: sqlExpression("lower('X')") }),
        column('a_bigint', t.bigint(), { nullable: false, default: 0 }),
        column('a_smallint', t.smallint(), { default: -1 }),
        column('a_boolean', t.boolean(), { nullable: false, default: true }),
        column('a_false', t.boolean(), { default: false }),
        column('a_float', t.float()),
        column('a_double', t.double(), { default: 1.5 }),
        column('a_numeric', t.numeric(10, 2), { default: 2.25, comment: comment('money') }),
        column('a_date', t.date()),
        column('a_time', t.time()),
        column('a_datetime', t.datetime(), { nullable: false, default: now() }),
        column('a_timestamptz', t.timestamp({ withTimeZone: true })),
        column('a_json', t.json()),
        column('a_jsonb', t.jsonb()),
        column('a_uuid', t.uuid()),
        column('a_binary', t.binary()),
        column('a_raw', t.raw('CHAR(3)')),
        column('status', t.string(10), { nullable: false, default: 'new' }),
        column('email', t.string(100)),
      ],
      uniqueConstraints: [{ name: null, columns: ['a_string40'] }],
      checkConstraints: [
        { name: 'ck_kinds_numeric', expression: 'a_numeric >= 0' },
        { name: 'ck_kinds_status', expression: "status IN ('new', 'old')" },
        { name: 'ck_kinds_text', expression: 'length(a_string40) > 0' },
      ],
      indexes: [
        { name: 'ix_kinds_status', columns: ['status', 'a_date'], unique: false, where: null },
        ...(dialect === 'mysql'
          ? [{ name: 'ux_kinds_email', columns: ['email'], unique: true, where: null }]
          : [
              {
                name: 'ix_kinds_lower_email',
                columns: [sqlExpression('lower(email)')],
                unique: true,
                where: null,
              },
              { name: 'ix_kinds_new', columns: ['a_date'], unique: false, where: "status = 'new'" },
            ]),
      ],
      comment: comment('every kind'),
    }),
    table('child', {
      columns: [
        column('kinds_id', t.integer(), { nullable: false }),
        column('position', t.integer(), { nullable: false }),
        column('label', t.string(20)),
      ],
      primaryKey: { name: null, columns: ['kinds_id', 'position'] },
      foreignKeys: [
        {
          name: 'fk_child_kinds',
          columns: ['kinds_id'],
          referencedTable: 'kinds',
          referencedColumns: ['id'],
          onDelete: 'CASCADE',
          onUpdate: 'CASCADE',
        },
      ],
    }),
  );
}

describeEachDialect('autogenerate without churn', (dialect) => {
  let online: OnlineTestContext;

  beforeEach(async () => {
    online = await openOnlineContext(dialect);
  });
  afterEach(async () => online.close());

  it('finds nothing to change right after creating a schema in code that uses every type, default, check and index', async () => {
    const code = richModel(dialect);
    const diff = compareSchemas(code, await reflect(online), { dialect });
    const revision = renderRevision(diff, { dialect });
    await runBody(online, revision.upgrade);
    expect(compareSchemas(code, await reflect(online), { dialect }).changes).toEqual([]);
    await runBody(online, revision.downgrade);
    expect((await reflect(online)).tables).toEqual([]);
  });

  it('recreates a reflected schema from its model with nothing left to change', async () => {
    // The downgrade of a dropped table writes it back from the database's model: that must round-trip.
    await createFixtureSchema(createOperations(online.context), dialect);
    const original = await reflect(online);
    const drop = compareSchemas({ tables: [] }, original, { dialect, dropTables: true });
    const revision = renderRevision(drop, { dialect });
    await runBody(online, revision.upgrade);
    expect((await reflect(online)).tables).toEqual([]);
    await runBody(online, revision.downgrade);
    expect(compareSchemas(original, await reflect(online), { dialect }).changes).toEqual([]);
  });
});
