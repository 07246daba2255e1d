/**
 * Stated column renames end to end: every database carries a renamed column's primary key,
 * indexes, unique constraints and foreign keys (its own and other tables' keys to it) along, so a
 * rename is one ALTER, not a rebuild of everything that names the column.
 */
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/databases.js';
import { journeyPerTest } from './journey-fixture.js';

const BEFORE = `  parent: table({
    id: column.integer().primaryKey(),
    code: column.string(10).notNull().unique('uq_parent_code'),
  }),
  child: table({
    id: column.integer().primaryKey(),
    parent_id: column.integer().notNull().references('parent.id', { name: 'fk_child_parent' }),
    note: column.string(20),
  }, { indexes: [index('ix_child_parent_note', ['parent_id', 'note'])] }),`;

const AFTER = `  parent: table({
    parent_key: column.integer().primaryKey(),
    label: column.string(10).notNull().unique('uq_parent_code'),
  }),
  child: table({
    id: column.integer().primaryKey(),
    mother_id: column.integer().notNull().references('parent.parent_key', { name: 'fk_child_parent' }),
    note: column.string(20),
  }, { indexes: [index('ix_child_parent_note', ['mother_id', 'note'])] }),`;

const RENAMES = [
  'parent.id:parent.parent_key',
  'parent.code:parent.label',
  'child.parent_id:child.mother_id',
];

describeEachDialect('autogenerate: renamed columns keep their keys and indexes', (dialect) => {
  const journey = journeyPerTest(dialect);

  it('renames a key column, a unique column and a referencing column with renames only, keeping the rows', async () => {
    await journey().migrateTo(BEFORE);
    await journey().sql("insert into parent (id, code) values (1, 'a'), (2, 'b')");
    await journey().sql("insert into child (id, parent_id, note) values (10, 2, 'x')");

    const step = await journey().migrateTo(AFTER, { renames: RENAMES });

    expect(step.result.changes.map((change) => change.kind)).toEqual([
      'renameColumn',
      'renameColumn',
      'renameColumn',
    ]);
    expect(step.after.changes, step.source).toEqual([]);
    const rows = await journey().sql(
      'select c.note, p.label from child c join parent p on p.parent_key = c.mother_id',
    );
    expect(rows).toEqual([{ note: 'x', label: 'b' }]);
    expect((await journey().stepBack()).changes).toEqual([]);
  });
});
