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
