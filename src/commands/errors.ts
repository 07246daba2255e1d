import { AmbixError } from '../errors.js';

/** `revision` without `--head` while the graph has several heads (§8.1). */
export class MultipleHeadsForRevisionError extends AmbixError {
  readonly heads: readonly string[];

  constructor(heads: readonly string[]) {
    super(
      'MULTIPLE_HEADS',
      `Multiple heads are present (${heads.join(', ')}); please specify the head revision on which the ` +
        'new revision should be based with --head, or perform a merge (`ambix merge heads`).',
    );
    this.heads = heads;
  }
}

/** A parent that already has a versioned child, without `--splice` (§8.1). */
export class NotAHeadError extends AmbixError {
  readonly revision: string;

  constructor(revision: string) {
    super(
      'NOT_A_HEAD',
      `Revision ${revision} is not a head revision; please specify --splice to create a new branch from this revision.`,
    );
    this.revision = revision;
  }
}

/** The same parent named twice (`--head`, `merge a a`). */
export class DuplicateParentsError extends AmbixError {
  readonly revisions: readonly string[];

  constructor(revisions: readonly string[]) {
    super(
      'DUPLICATE_HEADS',
      `Duplicate head revisions specified: ${revisions.join(', ')}. Name each parent once.`,
    );
    this.revisions = revisions;
  }
}

/** A `--rev-id` or `--branch-label` that an existing revision already uses as id or label. */
export class NameTakenError extends AmbixError {
  readonly takenName: string;
  readonly takenBy: string;

  constructor(kind: 'revision id' | 'branch label', name: string, takenBy: string, takenByPath: string) {
    super(
      kind === 'revision id' ? 'DUPLICATE_REVISION_ID' : 'DUPLICATE_BRANCH_LABEL',
      `The ${kind} '${name}' is already used by revision ${takenBy} (${takenByPath}); ` +
        'revision ids and branch labels share one namespace, so choose another name.',
    );
    this.takenName = name;
    this.takenBy = takenBy;
  }
}

/** A `--branch-label` the identifier grammar could not address. */
export class InvalidBranchLabelError extends AmbixError {
  readonly label: string;

  constructor(label: string, reason: string) {
    super(
      'INVALID_BRANCH_LABEL',
      `Invalid branch label '${label}': ${reason}. Choose another --branch-label.`,
    );
    this.label = label;
  }
}

/** `--version-path` that is not one of the configured version locations (§8.1). */
export class VersionPathNotConfiguredError extends AmbixError {
  readonly path: string;

  constructor(path: string, locations: readonly string[]) {
    super(
      'VERSION_PATH_NOT_CONFIGURED',
      `Path ${path} is not represented in current version locations (${locations.join(', ')}); ` +
        'pass one of them to --version-path, or add it to `migrations` in the config.',
    );
    this.path = path;
  }
}

/** Several version locations and nothing that says where a new root revision belongs. */
export class VersionPathRequiredError extends AmbixError {
  constructor(locations: readonly string[]) {
    super(
      'VERSION_PATH_REQUIRED',
      `Multiple version locations present (${locations.join(', ')}); please specify --version-path.`,
    );
  }
}

/** An identifier that must name exactly one revision (`--depends-on`) named several. */
export class NotSingleRevisionError extends AmbixError {
  readonly identifier: string;

  constructor(option: string, identifier: string, revisions: readonly string[]) {
    super(
      'NOT_A_SINGLE_REVISION',
      `${option} '${identifier}' names ${revisions.length === 0 ? 'no revision' : `several revisions (${revisions.join(', ')})`}; ` +
        'give one revision id or branch label.',
    );
    this.identifier = identifier;
  }
}

/** `init` into a migrations folder that already holds files (§8 `init`). */
export class DirectoryNotEmptyError extends AmbixError {
  readonly directory: string;

  constructor(directory: string) {
    super(
      'DIRECTORY_NOT_EMPTY',
      `Directory ${directory} already exists and is not empty; run \`ambix init\` on a new or empty folder.`,
    );
    this.directory = directory;
  }
}

/** `migrate()` found no config file and no migrations folder where it looked. */
export class ProjectNotFoundError extends AmbixError {
  /** The folder the search started from. */
  readonly folder: string;

  constructor(folder: string, from: 'caller' | 'cwd') {
    const origin = from === 'caller' ? 'the folder of the file that called migrate()' : 'the `cwd` option';
    super(
      'PROJECT_NOT_FOUND',
      `migrate() found no ambix.config.* in ${folder} (${origin}) or any folder above it, and no ` +
        "migrations folder there. Tell it where the project is: migrate({ configPath: '<absolute " +
        "path of ambix.config.ts>' }) or migrate({ cwd: '<the folder holding it>' }); with no " +
        'config file at all, migrate({ url, migrations: [...] }).',
    );
    this.folder = folder;
  }
}

/** `baseline` on a project or database it does not fit: says why, and what to run instead. */
export class BaselineRefusedError extends AmbixError {
  constructor(reason: string) {
    super('BASELINE_REFUSED', `Cannot baseline: ${reason}`);
  }
}
