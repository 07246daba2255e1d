import { describe, expect, it } from 'vitest';
import { typeErrors } from './support/type-check.js';

/** A revision typed with the `Database` its project infers from a schema module. */
function revisionQuerying(column: string, operations = 'Operations<Database>'): string {
  return `
import { column, defineSchema, type InferDatabase, type Operations, table } from 'ambix';

const schema = defineSchema({
  account: table({
    id: column.integer().primaryKey(),
    email: column.string(255).notNull(),
  }),
});
type Database = InferDatabase<typeof schema>;

export async function upgrade(op: ${operations}): Promise<void> {
  await op.db.updateTable('account').set({ ${column}: 'x' }).where('id', '=', 1).execute();
}
`;
}

describe('op.db typed from the schema module', () => {
  it('compiles a revision whose op.db query names a column the schema declares', () => {
    expect(typeErrors(revisionQuerying('email'))).toEqual([]);
  });

  it('rejects, at compile time, a column the schema does not declare', () => {
    const errors = typeErrors(revisionQuerying('emial'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('emial');
  });

  it('leaves op.db untyped for a revision that takes plain Operations', () => {
    expect(typeErrors(revisionQuerying('emial', 'Operations'))).toEqual([]);
  });
});
