import type { RevisionFormat } from './revision.js';

const FORMAT_BY_EXTENSION: Readonly<Record<string, RevisionFormat>> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.sql': 'sql',
};

/**
 * The format of a file in a version location, or null when the file is not a revision:
 * dotfiles (editor backups, `.DS_Store`), declaration files and other extensions.
 */
export function revisionFormatOf(fileName: string): RevisionFormat | null {
  // Called for every file of every version location on every command: no regex, no path parsing.
  if (fileName.startsWith('.')) return null;
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return null;
  const format = FORMAT_BY_EXTENSION[fileName.slice(dot)];
  if (format === undefined) return null;
  if (format === 'typescript' && (fileName.endsWith('.d.ts') || fileName.endsWith('.d.mts'))) return null;
  return format;
}
