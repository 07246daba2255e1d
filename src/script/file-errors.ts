import { AmbixError } from '../errors.js';

/** A configured version location (migrations folder) is not on disk. */
export class VersionLocationNotFoundError extends AmbixError {
  readonly location: string;

  constructor(location: string) {
    super(
      'VERSION_LOCATION_NOT_FOUND',
      `Version location '${location}' does not exist. Run \`ambix init\` to create it, ` +
        'or point `migrations` in the config (or --migrations) at an existing folder.',
    );
    this.location = location;
  }
}

/** A header value (`revision`, `downRevision`, …) is computed instead of written as a literal. */
export class IllegalHeaderError extends AmbixError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, field: string, detail: string) {
    super(
      'ILLEGAL_HEADER',
      `${file}:${line}: the value of '${field}' must be a literal (${detail}). ` +
        'ambix reads revision headers without running the file; write the value out as a string, ' +
        'an array of strings or null.',
    );
    this.file = file;
    this.line = line;
  }
}

/** The file cannot be read as a revision header at all (unterminated string, stray token…). */
export class HeaderSyntaxError extends AmbixError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, detail: string) {
    super('HEADER_SYNTAX', `${file}:${line}: cannot read the revision header: ${detail}.`);
    this.file = file;
    this.line = line;
  }
}

/** A required header export (`revision`, `downRevision`) is absent. */
export class MissingHeaderFieldError extends AmbixError {
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: 'revision' | 'downRevision', format: 'module' | 'sql') {
    const hint =
      field === 'revision'
        ? format === 'sql'
          ? "add a '-- revision: <id>' line to its header, or move the file out of the version folder"
          : "add `export const revision = '<id>';`, or move the file out of the version folder"
        : format === 'sql'
          ? "add '-- downRevision: <parent id>' (or 'null' for a base revision)"
          : "add `export const downRevision = '<parent id>';` (or `= null` for a base revision)";
    super('MISSING_HEADER_FIELD', `${file} does not declare '${field}'; every revision file must: ${hint}.`);
    this.file = file;
    this.field = field;
  }
}

/** A `.sql` revision does not follow the documented layout. */
export class SqlRevisionFormatError extends AmbixError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, detail: string) {
    super('SQL_REVISION_FORMAT', `${file}:${line}: ${detail}.`);
    this.file = file;
    this.line = line;
  }
}

/** The module loaded, but it does not export an `upgrade` / `downgrade` function. */
export class MissingMigrationFunctionError extends AmbixError {
  readonly file: string;

  constructor(file: string, names: readonly string[]) {
    super(
      'MISSING_MIGRATION_FUNCTION',
      `${file} does not export ${names.map((name) => `an async function '${name}(op)'`).join(' or ')}; ` +
        'add it (an empty body is fine when there is nothing to do).',
    );
    this.file = file;
  }
}

/** Importing a revision's module failed (syntax error, missing import, error at top level). */
export class RevisionImportError extends AmbixError {
  readonly file: string;

  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('REVISION_IMPORT_FAILED', `Could not load revision file ${file}: ${reason}`, { cause });
    this.file = file;
  }
}

/** `ambix revision` would overwrite a file that is already there. */
export class RevisionFileExistsError extends AmbixError {
  readonly file: string;

  constructor(file: string) {
    super(
      'REVISION_FILE_EXISTS',
      `${file} already exists; ambix never overwrites a revision file. ` +
        'Choose another --rev-id or message, or remove the file first.',
    );
    this.file = file;
  }
}

/** A `--rev-id` that cannot be a revision identifier. */
export class InvalidRevisionIdError extends AmbixError {
  readonly revision: string;

  constructor(revision: string, detail: string) {
    super('INVALID_REVISION_ID', `${detail}; choose another --rev-id.`, { exitCode: 2 });
    this.revision = revision;
  }
}
