import type { AlterColumnChanges } from '../operations/ddl/renderer.js';
import type { Inspector } from '../operations/inspect/types.js';
import type { Operations } from '../operations/operations.js';
import type { ColumnSpec, ConstraintType, IndexElement, TableSpec } from '../operations/types.js';
import { emptyInspector } from './empty-inspector.js';
import type { OperationCall } from './operation-call.js';

type Args = readonly unknown[];
type Options = Record<string, unknown>;

const options = (value: unknown): Options =>
  typeof value === 'object' && value !== null ? (value as Options) : {};
const str = (value: unknown): string => String(value);
/** `{ [key]: columns }` when the argument is a list of column names, else nothing. */
const names = <K extends string>(key: K, value: unknown): { [P in K]?: readonly string[] } =>
  Array.isArray(value) ? ({ [key]: value.map(str) } as unknown as { [P in K]?: readonly string[] }) : {};

/** `op.<method>(…)` arguments → the call it stands for; the method names are `Operations`'. */
const OPERATION_CALLS: Record<string, (args: Args) => OperationCall> = {
  createTable: ([table, definition]) => ({
    kind: 'createTable',
    table: str(table),
    definition: options(definition) as Partial<Omit<TableSpec, 'name'>>,
  }),
  dropTable: ([table]) => ({ kind: 'dropTable', table: str(table) }),
  renameTable: ([from, to]) => ({ kind: 'renameTable', table: str(from), to: str(to) }),
  addColumn: ([table, column]) => ({ kind: 'addColumn', table: str(table), column: column as ColumnSpec }),
  dropColumn: ([table, column]) => ({ kind: 'dropColumn', table: str(table), column: str(column) }),
  alterColumn: ([table, column, changes]) => ({
    kind: 'alterColumn',
    table: str(table),
    column: str(column),
    changes: options(changes) as AlterColumnChanges,
  }),
  createIndex: ([name, table, columns, flags]) => ({
    kind: 'createIndex',
    table: str(table),
    name: str(name),
    unique: options(flags).unique === true,
    concurrently: options(flags).concurrently === true,
    ...(Array.isArray(columns) ? { columns: columns as IndexElement[] } : {}),
    ...(typeof options(flags).where === 'string' ? { where: str(options(flags).where) } : {}),
  }),
  dropIndex: ([name, flags]) => ({
    kind: 'dropIndex',
    name: str(name),
    table: typeof options(flags).table === 'string' ? str(options(flags).table) : null,
    concurrently: options(flags).concurrently === true,
  }),
  createPrimaryKey: ([name, table, columns]) => ({
    kind: 'createPrimaryKey',
    table: str(table),
    name: str(name),
    ...names('columns', columns),
  }),
  createForeignKey: ([name, table, referencedTable, columns, referencedColumns]) => ({
    kind: 'createForeignKey',
    table: str(table),
    name: str(name),
    referencedTable: str(referencedTable),
    ...names('columns', columns),
    ...names('referencedColumns', referencedColumns),
  }),
  createUniqueConstraint: ([name, table, columns]) => ({
    kind: 'createUniqueConstraint',
    table: str(table),
    name: str(name),
    ...names('columns', columns),
  }),
  createCheckConstraint: ([name, table]) => ({
    kind: 'createCheckConstraint',
    table: str(table),
    name: str(name),
  }),
  dropConstraint: ([name, table, flags]) => ({
    kind: 'dropConstraint',
    table: str(table),
    name: str(name),
    type: (options(flags).type as ConstraintType | undefined) ?? null,
  }),
  bulkInsert: ([table, rows]) => ({
    kind: 'bulkInsert',
    table: str(table),
    rows: Array.isArray(rows) ? rows.length : 0,
  }),
};

/** `batch.<method>(…)` inside `batchAlterTable(table, …)`: the same calls with the table implied. */
function batchCall(table: string, method: string, args: Args): OperationCall | null {
  const [first, second, third, fourth] = args;
  const call = ((): OperationCall | null => {
    switch (method) {
      case 'addColumn':
        return { kind: 'addColumn', table, column: first as ColumnSpec };
      case 'dropColumn':
        return { kind: 'dropColumn', table, column: str(first) };
      case 'alterColumn':
        return {
          kind: 'alterColumn',
          table,
          column: str(first),
          changes: options(second) as AlterColumnChanges,
        };
      case 'createIndex':
        return {
          kind: 'createIndex',
          table,
          name: str(first),
          unique: options(third).unique === true,
          concurrently: false,
          ...(Array.isArray(second) ? { columns: second as IndexElement[] } : {}),
          ...(typeof options(third).where === 'string' ? { where: str(options(third).where) } : {}),
        };
      case 'dropIndex':
        return { kind: 'dropIndex', table, name: str(first), concurrently: false };
      case 'createPrimaryKey':
      case 'createUniqueConstraint':
        return { kind: method, table, name: str(first), ...names('columns', second) };
      case 'createCheckConstraint':
        return { kind: method, table, name: str(first) };
      case 'createForeignKey':
        return {
          kind: 'createForeignKey',
          table,
          name: str(first),
          referencedTable: str(second),
          ...names('columns', third),
          ...names('referencedColumns', fourth),
        };
      case 'dropConstraint':
        return {
          kind: 'dropConstraint',
          table,
          name: str(first),
          type: (options(second).type as ConstraintType | undefined) ?? null,
        };
      default:
        return null;
    }
  })();
  return call === null ? null : { ...call, batch: true };
}

export interface OperationRecorder {
  /** A schema operation the revision asked for. */
  call(call: OperationCall): void;
  /** A batch method ambix does not know, so cannot classify. */
  unknown(operation: string): void;
  /** The revision asked the (simulated, empty) schema something. */
  simulatedRead(): void;
}

/**
 * The `op` a simulated revision receives: schema operations are recorded and not rendered or run;
 * `execute`, `db`, `inspect` and the rest are the real ones over the simulation context, so raw
 * SQL is seen statement by statement and reads get answers. Without a database to read,
 * `inspect` reports an empty schema.
 */
export function recordingOperations(
  real: Operations,
  recorder: OperationRecorder,
  live: boolean,
): Operations {
  return new Proxy(real, {
    get(target, property) {
      if (typeof property === 'string') {
        const toCall = OPERATION_CALLS[property];
        if (toCall !== undefined) {
          return async (...args: Args) => {
            recorder.call(toCall(args));
          };
        }
        if (property === 'batchAlterTable') {
          return async (table: string, work: (batch: unknown) => unknown) => {
            await work(recordingBatch(str(table), recorder));
          };
        }
        if (property === 'inspect' && !live) return countingInspector(recorder);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function recordingBatch(table: string, recorder: OperationRecorder): object {
  return new Proxy(
    { table },
    {
      get(target, property) {
        if (property === 'table') return target.table;
        if (typeof property !== 'string') return undefined;
        return (...args: Args) => {
          const call = batchCall(table, property, args);
          if (call === null) recorder.unknown(`batchAlterTable(${table}).${property}`);
          else recorder.call(call);
        };
      },
    },
  );
}

/** The empty schema, noting each question so the revision can be reported as depending on it. */
function countingInspector(recorder: OperationRecorder): Inspector {
  return new Proxy(emptyInspector, {
    get(target, property, receiver) {
      const method: unknown = Reflect.get(target, property, receiver);
      if (typeof method !== 'function') return method;
      return (...args: Args) => {
        recorder.simulatedRead();
        return method(...args);
      };
    },
  });
}
