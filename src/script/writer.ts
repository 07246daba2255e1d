import { randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  InvalidRevisionIdError,
  RevisionFileExistsError,
  VersionLocationNotFoundError,
} from './file-errors.js';
import { renderFileTemplate, slugify } from './file-name.js';
import {
  EXTENSION_BY_FORMAT,
  type RevisionBody,
  type RevisionFileFormat,
  renderRevisionSource,
} from './revision-template.js';

export type { RevisionBody, RevisionFileFormat } from './revision-template.js';

export const DEFAULT_FILE_TEMPLATE = '%(rev)s_%(slug)s';
export const DEFAULT_TRUNCATE_SLUG_LENGTH = 40;

/** Alembic's placeholder docstring for a revision created without `-m`. */
const EMPTY_MESSAGE = 'empty message';

export interface WriteRevisionOptions {
  /** The version location to write into (absolute); it must exist. */
  readonly directory: string;
  /** `--rev-id`; 12 random hex digits when absent. */
  readonly id?: string;
  /** Parents: none for a new base, several for a merge. Validated by the caller. */
  readonly downRevisions: readonly string[];
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string | null;
  readonly createDate?: Date;
  readonly format?: RevisionFileFormat;
  readonly fileTemplate?: string;
  readonly truncateSlugLength?: number;
  /** The migration functions' code (autogenerate); TypeScript and JavaScript formats only. */
  readonly body?: RevisionBody;
}

/**
 * Writes a new revision file and returns its absolute path. Never overwrites: an existing file
 * of that name is an error. The header can be read back with `readRevisionFile`.
 */
export async function writeRevisionFile(options: WriteRevisionOptions): Promise<string> {
  const id = options.id ?? generateRevisionId();
  validateRevisionId(id);
  const createDate = options.createDate ?? new Date();
  const format = options.format ?? 'ts';
  const slug = slugify(options.message, options.truncateSlugLength ?? DEFAULT_TRUNCATE_SLUG_LENGTH);
  const baseName = renderFileTemplate(options.fileTemplate ?? DEFAULT_FILE_TEMPLATE, {
    rev: id,
    slug,
    createDate,
  });
  const path = join(options.directory, baseName + EXTENSION_BY_FORMAT[format]);
  const source = renderRevisionSource(
    {
      id,
      downRevisions: options.downRevisions,
      branchLabels: options.branchLabels ?? [],
      dependsOn: options.dependsOn ?? [],
      message: options.message || EMPTY_MESSAGE,
      createDate: createDate.toISOString(),
      ...(options.body === undefined ? {} : { body: options.body }),
    },
    format,
  );
  const folder = await stat(options.directory).catch(() => null);
  if (folder === null || !folder.isDirectory()) throw new VersionLocationNotFoundError(options.directory);
  try {
    await writeFile(path, source, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new RevisionFileExistsError(path);
    throw error;
  }
  return path;
}

/** A new revision id as Alembic makes them: the last 12 hex digits of a random UUID. */
export function generateRevisionId(): string {
  return randomBytes(6).toString('hex');
}

const ILLEGAL_ID_CHARACTERS = ['@', '-', '+', ':'];

/**
 * Checks a `--rev-id` before anything is written: Alembic's illegal characters (§1), plus what
 * cannot be part of one file name.
 */
export function validateRevisionId(id: string): void {
  if (id.trim() === '') throw new InvalidRevisionIdError(id, 'A revision identifier cannot be empty');
  const illegal = ILLEGAL_ID_CHARACTERS.filter((char) => id.includes(char)).sort();
  if (illegal.length > 0) {
    throw new InvalidRevisionIdError(
      id,
      `Character(s) '${illegal.join(', ')}' not allowed in revision identifier '${id}'`,
    );
  }
  if (/[\s/\\,'"]/.test(id)) {
    throw new InvalidRevisionIdError(
      id,
      `Revision identifier '${id}' contains whitespace, a quote, a comma or a path separator`,
    );
  }
}
