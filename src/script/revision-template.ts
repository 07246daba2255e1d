/** What a new revision file says; rendered by `renderRevisionSource` in the chosen format. */
export interface NewRevision {
  readonly id: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createDate: string;
}

export type RevisionFileFormat = 'ts' | 'js' | 'sql';

/** The extension each format is written with (`.mjs` so JavaScript is ESM in any package). */
export const EXTENSION_BY_FORMAT: Readonly<Record<RevisionFileFormat, string>> = {
  ts: '.ts',
  js: '.mjs',
  sql: '.sql',
};

export function renderRevisionSource(revision: NewRevision, format: RevisionFileFormat): string {
  if (format === 'sql') return renderSql(revision);
  return format === 'ts' ? renderTypeScript(revision) : renderJavaScript(revision);
}

function docComment(revision: NewRevision): string {
  const safe = (text: string) => text.replace(/\*\//g, '* /');
  const revises = revision.downRevisions.length === 0 ? '<base>' : revision.downRevisions.join(', ');
  return [
    '/**',
    ...safe(revision.message)
      .split('\n')
      .map((line) => ` * ${line}`.trimEnd()),
    ' *',
    ` * Revision ID: ${revision.id}`,
    ` * Revises: ${revises}`,
    ` * Create Date: ${revision.createDate}`,
    ' */',
  ].join('\n');
}

/** A single-quoted string literal that the header scanner reads back to the same value. */
function quote(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\p{Cc}|[\u2028\u2029]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${escaped}'`;
}

function list(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

function downRevisionValue(downRevisions: readonly string[]): string {
  if (downRevisions.length === 0) return 'null';
  if (downRevisions.length === 1) return quote(downRevisions[0] ?? '');
  return list(downRevisions);
}

function renderTypeScript(revision: NewRevision): string {
  return `${docComment(revision)}
import type { Operations } from 'ambix';

export const revision = ${quote(revision.id)};
export const downRevision: string | string[] | null = ${downRevisionValue(revision.downRevisions)};
export const branchLabels: string[] = ${list(revision.branchLabels)};
export const dependsOn: string[] = ${list(revision.dependsOn)};
export const message = ${quote(revision.message)};
export const createDate = ${quote(revision.createDate)};

export async function upgrade(op: Operations): Promise<void> {}

export async function downgrade(op: Operations): Promise<void> {}
`;
}

function renderJavaScript(revision: NewRevision): string {
  return `${docComment(revision)}

/** @typedef {import('ambix').Operations} Operations */

export const revision = ${quote(revision.id)};
/** @type {string | string[] | null} */
export const downRevision = ${downRevisionValue(revision.downRevisions)};
/** @type {string[]} */
export const branchLabels = ${list(revision.branchLabels)};
/** @type {string[]} */
export const dependsOn = ${list(revision.dependsOn)};
export const message = ${quote(revision.message)};
export const createDate = ${quote(revision.createDate)};

/** @param {Operations} op */
export async function upgrade(op) {}

/** @param {Operations} op */
export async function downgrade(op) {}
`;
}

function renderSql(revision: NewRevision): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
  const lines = [
    `-- revision: ${revision.id}`,
    `-- downRevision: ${revision.downRevisions.length === 0 ? 'null' : revision.downRevisions.join(', ')}`,
    ...(revision.branchLabels.length > 0 ? [`-- branchLabels: ${revision.branchLabels.join(', ')}`] : []),
    ...(revision.dependsOn.length > 0 ? [`-- dependsOn: ${revision.dependsOn.join(', ')}`] : []),
    `-- message: ${oneLine(revision.message)}`,
    `-- createDate: ${revision.createDate}`,
    '',
    '-- upgrade',
    '',
    '',
    '-- downgrade',
    '',
  ];
  return lines.join('\n');
}
