import type { DialectName } from '../../dialect.js';
import type { StatementResult } from '../context.js';

/**
 * What the data helpers need of `op`: the dialect, a way to run a statement (errors already name
 * the revision and operation), and the conversion of JS values to what the driver binds.
 */
export interface DataRunner {
  readonly dialect: DialectName;
  run(operation: string, sql: string, parameters: readonly unknown[]): Promise<StatementResult>;
  bindable(value: unknown): unknown;
}
