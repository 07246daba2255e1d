import { AmbixError } from '../../errors.js';

/** A `--rename` value that is not `old_table:new_table` or `table.old:table.new`. */
export class InvalidRenameError extends AmbixError {
  readonly value: string;

  constructor(value: string, problem: string) {
    super(
      'INVALID_RENAME',
      `Invalid rename "${value}": ${problem}. Write old_table:new_table for a table, or ` +
        'table.old_column:table.new_column for a column (for example user.name:user.full_name).',
      { exitCode: 2 },
    );
    this.value = value;
  }
}

/** Two stated renames disagree (the same name renamed twice, or two names renamed to one). */
export class ConflictingRenamesError extends AmbixError {
  constructor(first: string, second: string) {
    super(
      'CONFLICTING_RENAMES',
      `The renames ${first} and ${second} conflict: each old name and each new name may appear in one rename only.`,
      { exitCode: 2 },
    );
  }
}

/**
 * A stated rename that matches nothing: a misspelt name would otherwise turn into a drop and an
 * add. A rename already carried out (the old name gone, the new one present) is not an error, so
 * a rename kept in the config does no harm on later runs.
 */
export class UnmatchedRenameError extends AmbixError {
  readonly rename: string;

  constructor(rename: string, problem: string) {
    super(
      'UNMATCHED_RENAME',
      `The rename ${rename} matches nothing: ${problem}. Check the spelling of both names.`,
      {
        exitCode: 2,
      },
    );
    this.rename = rename;
  }
}
