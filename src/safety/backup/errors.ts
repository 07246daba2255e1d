import { AmbixError } from '../../errors.js';

/** The dump tool for a server database is not installed. */
export class BackupToolMissingError extends AmbixError {
  readonly tools: readonly string[];

  constructor(server: string, tools: readonly string[], install: string) {
    super(
      'BACKUP_TOOL_MISSING',
      `Backing up ${server} needs ${tools.join(' or ')} on the PATH, and none was found. Install it (${install}), ` +
        'or back up with your own tooling and leave --backup out.',
    );
    this.tools = tools;
  }
}

/** The dump tool ran and failed. */
export class BackupFailedError extends AmbixError {
  readonly destination: string;

  constructor(tool: string, destination: string, reason: string) {
    super('BACKUP_FAILED', `${tool} could not write the backup ${destination}: ${reason}`);
    this.destination = destination;
  }
}

/** `restore` of a file that is not there or is not a SQLite database. */
export class RestoreSourceError extends AmbixError {
  readonly source: string;

  constructor(source: string, reason: string) {
    super(
      'RESTORE_SOURCE_INVALID',
      `Cannot restore from ${source}: ${reason}. Pass a file written by \`ambix backup\`.`,
    );
    this.source = source;
  }
}

/** `backup` of a SQLite file that does not exist. */
export class NothingToBackUpError extends AmbixError {
  constructor(database: string) {
    super(
      'NOTHING_TO_BACK_UP',
      `${database} does not exist, so there is nothing to back up. Check the database URL.`,
    );
  }
}

/** `restore` needs a client program that is not installed. */
export class RestoreToolMissingError extends AmbixError {
  readonly tools: readonly string[];

  constructor(server: string, tools: readonly string[], install: string) {
    super(
      'RESTORE_TOOL_MISSING',
      `Restoring ${server} needs ${tools.join(' and ')} on the PATH, and ${tools.length > 1 ? 'they were' : 'it was'} not found. ` +
        `Install ${tools.length > 1 ? 'them' : 'it'} (${install}); nothing was changed.`,
    );
    this.tools = tools;
  }
}

/** `restore` will not start: the result could not be the backed-up database. Nothing changed. */
export class RestoreRefusedError extends AmbixError {
  readonly database: string;
  readonly objects: readonly string[];

  constructor(database: string, reason: string, objects: readonly string[], fix: string) {
    const shown =
      objects.slice(0, 10).join(', ') + (objects.length > 10 ? `, and ${objects.length - 10} more` : '');
    super(
      'RESTORE_REFUSED',
      `Cannot restore ${database} exactly: ${reason}: ${shown}. Nothing was changed. ${fix}`,
    );
    this.database = database;
    this.objects = objects;
  }
}

/** The restore ran and failed; `changed` says whether the database may be half restored. */
export class RestoreFailedError extends AmbixError {
  readonly changed: boolean;

  constructor(tool: string, database: string, reason: string, changed: boolean) {
    super(
      'RESTORE_FAILED',
      `${tool} could not restore ${database}: ${reason}\n` +
        (changed
          ? 'MySQL/MariaDB cannot roll back table changes, so the database may be partly restored: fix the cause ' +
            'and run the same `ambix restore` again (it starts by dropping every table, view and routine).'
          : 'The restore ran in one transaction, which was rolled back: the database is as it was before.'),
    );
    this.changed = changed;
  }
}
