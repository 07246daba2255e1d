import { IllegalHeaderError, MissingHeaderFieldError } from './file-errors.js';
import type { Revision } from './revision.js';

/** The header exports a revision file may declare, in the order a new file writes them. */
export const HEADER_FIELDS = [
  'revision',
  'downRevision',
  'branchLabels',
  'dependsOn',
  'message',
  'createDate',
] as const;

export type HeaderField = (typeof HEADER_FIELDS)[number];

/** A value as written in the file, before it is checked against the field's expected shape. */
export type HeaderValue = string | readonly string[] | null;

export interface HeaderEntry {
  readonly value: HeaderValue;
  /** 1-based line of the declaration, for error messages. */
  readonly line: number;
}

export type RawHeader = ReadonlyMap<HeaderField, HeaderEntry>;

export type RevisionHeader = Omit<Revision, 'path' | 'format'>;

export function isHeaderField(name: string): name is HeaderField {
  return (HEADER_FIELDS as readonly string[]).includes(name);
}

/**
 * Turns the literal values read from a file into a `Revision` header, checking each field's
 * shape. Shared by the module scanner and the `.sql` header reader so both accept the same things.
 */
export function toRevisionHeader(file: string, raw: RawHeader, format: 'module' | 'sql'): RevisionHeader {
  const revision = raw.get('revision');
  if (revision === undefined) throw new MissingHeaderFieldError(file, 'revision', format);
  const downRevision = raw.get('downRevision');
  if (downRevision === undefined) throw new MissingHeaderFieldError(file, 'downRevision', format);
  return {
    id: expectString(file, 'revision', revision),
    downRevisions: expectList(downRevision),
    branchLabels: expectList(raw.get('branchLabels')),
    dependsOn: expectList(raw.get('dependsOn')),
    message: expectOptionalString(file, 'message', raw.get('message')),
    createDate: expectOptionalString(file, 'createDate', raw.get('createDate')),
  };
}

function expectString(file: string, field: HeaderField, entry: HeaderEntry): string {
  if (typeof entry.value !== 'string') {
    throw new IllegalHeaderError(
      file,
      entry.line,
      field,
      `expected a string, found ${describe(entry.value)}`,
    );
  }
  return entry.value;
}

function expectOptionalString(
  file: string,
  field: HeaderField,
  entry: HeaderEntry | undefined,
): string | null {
  if (entry === undefined || entry.value === null) return null;
  return expectString(file, field, entry);
}

/** Alembic accepts `None`, one string or a sequence for these; so does ambix. */
function expectList(entry: HeaderEntry | undefined): readonly string[] {
  if (entry === undefined || entry.value === null) return [];
  if (typeof entry.value === 'string') return [entry.value];
  return entry.value;
}

function describe(value: HeaderValue): string {
  return value === null ? 'null' : 'an array';
}
