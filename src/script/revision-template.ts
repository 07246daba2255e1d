/** What a new revision file says; rendered by `renderRevisionSource` in the chosen format. */
export interface NewRevision {
  readonly id: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  readonly createDate: string;
  /** The migration functions' code (autogenerate); absent, they are empty. Not for `sql`. */
  readonly body?: RevisionBody;
}

/** Code for a new revision's `upgrade` and `downgrade`, as autogenerate renders it. */
export interface RevisionBody {
  /** Statements of `upgrade(op)`, one per line, unindented. */
  readonly upgrade: string;
  readonly downgrade: string;
  /** Names the code uses from `ambix` besides `op` (`t`, `now`, `sqlExpression`). */
  readonly imports: readonly string[];
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

/** A function body indented one level, or nothing for an empty one. */
function functionBody(code: string | undefined): string {
  if (code === undefined || code.trim() === '') return '';
  const lines = code.replace(/\n+$/, '').split('\n');
  return `\n${lines.map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}\n`;
}

/** The TypeScript import line: the `Operations` type, plus what generated code uses. */
function typeScriptImports(revision: NewRevision): string {
  const names = [...new Set(revision.body?.imports ?? [])].sort();
  if (names.length === 0) return "import type { Operations } from 'ambix';";
  return `import { type Operations, ${names.join(', ')} } from 'ambix';`;
}

function valueImports(revision: NewRevision): string {
  const names = [...new Set(revision.body?.imports ?? [])].sort();
  return names.length === 0 ? '' : `import { ${names.join(', ')} } from 'ambix';\n`;
}

function renderTypeScript(revision: NewRevision): string {
  return `${docComment(revision)}
${typeScriptImports(revision)}

export const revision = ${quote(revision.id)};
export const downRevision: string | string[] | null = ${downRevisionValue(revision.downRevisions)};
export const branchLabels: string[] = ${list(revision.branchLabels)};
export const dependsOn: string[] = ${list(revision.dependsOn)};
export const message = ${quote(revision.message)};
export const createDate = ${quote(revision.createDate)};

export async function upgrade(op: Operations): Promise<void> {${functionBody(revision.body?.upgrade)}}

export async function downgrade(op: Operations): Promise<void> {${functionBody(revision.body?.downgrade)}}
`;
}

function renderJavaScript(revision: NewRevision): string {
  return `${docComment(revision)}

/** @typedef {import('ambix').Operations} Operations */
${valueImports(revision)}
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
export async function upgrade(op) {${functionBody(revision.body?.upgrade)}}

/** @param {Operations} op */
export async function downgrade(op) {${functionBody(revision.body?.downgrade)}}
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
