import { AmbixError } from '../../errors.js';
import type { RevisionLocation } from '../errors.js';

/**
 * A SQLite rebuild would have changed data: a value in a column whose type the batch changed
 * cannot be stored as the new type. Nothing was changed (the rebuild rolled back).
 */
export class ValueNotRepresentableError extends AmbixError {
  readonly revision: string;
  readonly table: string;
  readonly column: string;

  constructor(location: RevisionLocation, table: string, column: string, type: string, value: string) {
    super(
      'VALUE_NOT_REPRESENTABLE',
      `batchAlterTable(${table}) in revision ${location.revision} (${location.revisionPath}): column ${column} ` +
        `cannot hold the existing value ${value} as ${type}, and SQLite would keep it unconverted (CAST would ` +
        'truncate it). The table was left unchanged. Convert the values first (op.execute an UPDATE in the ' +
        'revision, before the batch) or choose a type that holds them.',
    );
    this.revision = location.revision;
    this.table = table;
    this.column = column;
  }
}

/** A SQLite rebuild left rows whose foreign keys no longer match; the rebuild rolled back. */
export class RebuildBrokeForeignKeysError extends AmbixError {
  readonly revision: string;
  readonly table: string;

  constructor(location: RevisionLocation, table: string, details: string) {
    super(
      'REBUILD_BROKE_FOREIGN_KEYS',
      `batchAlterTable(${table}) in revision ${location.revision} (${location.revisionPath}): after the rebuild, ` +
        `${details}. The table was left unchanged; fix the rows or the foreign keys in the batch and run again.`,
    );
    this.revision = location.revision;
    this.table = table;
  }
}
