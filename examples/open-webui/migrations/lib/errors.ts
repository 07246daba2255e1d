/** Errors the Open WebUI revisions raise when the data they must move cannot be moved as is. */
import { AmbixError } from 'ambix';

/** A row holds a value the revision cannot migrate; nothing of the revision is kept. */
export class UnmigratableRowError extends AmbixError {
  constructor(revision: string, row: string, problem: string, fix: string) {
    super(
      'OPENWEBUI_UNMIGRATABLE_ROW',
      `Revision ${revision}: ${row} ${problem}. ${fix}, then run the upgrade again.`,
    );
  }
}

/** f0bd01a18a3d: the unique normalised e-mail index cannot be built over duplicate e-mails. */
export class DuplicateUserEmailsError extends AmbixError {
  constructor(index: string, duplicates: readonly string[]) {
    super(
      'OPENWEBUI_DUPLICATE_EMAILS',
      `Cannot add the unique normalized email index ${index}: duplicate emails exist (case-insensitive): ` +
        `${duplicates.join(', ')}. Merge or remove the duplicate users, then run the migrations again.`,
    );
  }
}
