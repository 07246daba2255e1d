import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareSchemas, type SchemaChange } from '../../src/autogenerate/compare/index.js';
import type { SchemaModel } from '../../src/autogenerate/model.js';
import { renderRevision } from '../../src/autogenerate/render/index.js';
import type { DialectName } from '../../src/dialect.js';
import { type OnlineTestContext, openOnlineContext } from '../operations/support/context.js';
import { describeEachDialect } from '../support/databases.js';
import { randomEdits, randomSchema } from './compare-generator.js';
import { reflect, runBody } from './compare-support.js';

const SEEDS = Array.from({ length: 24 }, (_, index) => 1000 + index);
const EDITS_PER_SEED = 18;

/** Applies `code` to the database through a rendered revision; returns the changes and the revision. */
async function migrateTo(online: OnlineTestContext, dialect: DialectName, code: SchemaModel, options = {}) {
  const diff = compareSchemas(code, await reflect(online), {
    dialect,
    dropTables: true,
    dropColumns: true,
    ...options,
  });
  const revision = renderRevision(diff, { dialect });
  await runBody(online, revision.upgrade);
  return { changes: diff.changes, revision };
}

describeEachDialect('autogenerate property: random schema edits round-trip', (dialect) => {
  let online: OnlineTestContext;
  beforeAll(async () => {
    online = await openOnlineContext(dialect);
  });
  afterAll(async () => online.close());

  it(`applies ${SEEDS.length} random revisions of ${EDITS_PER_SEED} edits, each leaving nothing to change, and undoes each`, async () => {
    const applied: SchemaChange[] = [];
    for (const seed of SEEDS) {
      const context = `seed ${seed} on ${dialect}`;
      const schemaA = randomSchema(seed, dialect);
      await migrateTo(online, dialect, schemaA);
      const reflectedA = await reflect(online);
      expect(compareSchemas(schemaA, reflectedA, { dialect }).changes, `${context}: schema A churns`).toEqual(
        [],
      );

      const edited = randomEdits(seed * 7919, dialect, schemaA, EDITS_PER_SEED);
      const { changes, revision } = await migrateTo(online, dialect, edited.model, {
        renames: edited.renames,
      });
      applied.push(...changes);
      const afterUpgrade = compareSchemas(edited.model, await reflect(online), {
        dialect,
        dropTables: true,
        dropColumns: true,
      });
      expect(afterUpgrade.changes, `${context}: upgrade left changes\n${revision.upgrade}`).toEqual([]);

      await runBody(online, revision.downgrade);
      const afterDowngrade = compareSchemas(reflectedA, await reflect(online), {
        dialect,
        dropTables: true,
        dropColumns: true,
      });
      expect(afterDowngrade.changes, `${context}: downgrade left changes\n${revision.downgrade}`).toEqual([]);

      await migrateTo(online, dialect, { tables: [] });
    }
    expect(applied.length).toBeGreaterThanOrEqual(200);
    // Every kind of change the generator can cause was exercised.
    expect(new Set(applied.map((change) => change.kind))).toEqual(
      new Set([
        'addTable',
        'dropTable',
        'renameTable',
        'addColumn',
        'dropColumn',
        'renameColumn',
        'alterColumn',
        'addIndex',
        'dropIndex',
        'addUniqueConstraint',
        'dropUniqueConstraint',
        'addForeignKey',
        'dropForeignKey',
        'addCheckConstraint',
        'dropCheckConstraint',
      ]),
    );
  }, 300_000);
});
