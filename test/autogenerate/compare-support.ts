/**
 * Hand-written schema models for the compare and render tests, and the round trip on a real
 * database: reflect, compare, render, run the rendered body with the real `op`, reflect again.
 */
import type { SchemaDiff } from '../../src/autogenerate/compare/index.js';
import { introspect } from '../../src/autogenerate/introspect/index.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../src/autogenerate/model.js';
import { createOperations } from '../../src/operations/index.js';
import { type ColumnType, now, sqlExpression, t } from '../../src/operations/types.js';
import type { OnlineTestContext } from '../operations/support/context.js';
import { countingCatalog } from './introspect-support.js';

export function column(
  name: string,
  type: ColumnType,
  details: Partial<Omit<ColumnModel, 'name' | 'type'>> = {},
): ColumnModel {
  return { name, type, nullable: true, default: null, autoincrement: false, comment: null, ...details };
}

/** An integer key the database generates, as both sides report `id INTEGER PRIMARY KEY`. */
export function idColumn(name = 'id'): ColumnModel {
  return column(name, t.integer(), { nullable: false, autoincrement: true });
}

export function table(name: string, details: Partial<Omit<TableModel, 'name'>> = {}): TableModel {
  return {
    name,
    columns: [idColumn()],
    primaryKey: { name: null, columns: ['id'] },
    uniqueConstraints: [],
    foreignKeys: [],
    indexes: [],
    checkConstraints: [],
    comment: null,
    ...details,
  };
}

export function schema(...tables: TableModel[]): SchemaModel {
  return { tables: [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

export function kinds(diff: SchemaDiff): string[] {
  return diff.changes.map((change) => change.kind);
}

export function reflect(online: OnlineTestContext): Promise<SchemaModel> {
  return introspect(countingCatalog(online));
}

type AsyncBody = (...args: unknown[]) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => AsyncBody;

/** Runs a rendered `upgrade` / `downgrade` body with the real `op`, as a revision file would. */
export async function runBody(online: OnlineTestContext, body: string): Promise<void> {
  const run = new AsyncFunction('op', 't', 'now', 'sqlExpression', body);
  await run(createOperations(online.context), t, now, sqlExpression);
}
