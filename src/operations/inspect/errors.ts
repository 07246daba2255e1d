import { AmbixError } from '../../errors.js';
import type { RevisionLocation } from '../errors.js';

/** Reflection was asked about a table that does not exist (guards should test `hasTable` first). */
export class TableNotFoundError extends AmbixError {
  readonly table: string;
  readonly revision: string;

  constructor(location: RevisionLocation, operation: string, table: string) {
    super(
      'TABLE_NOT_FOUND',
      `${operation} in revision ${location.revision} (${location.revisionPath}): table "${table}" does not exist. ` +
        'Guard the call with `await op.inspect.hasTable(...)` or fix the table name.',
    );
    this.table = table;
    this.revision = location.revision;
  }
}
