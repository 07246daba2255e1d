import { extname } from 'node:path';
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
  if (fileName.startsWith('.')) return null;
  if (/\.d\.m?ts$/.test(fileName)) return null;
  return FORMAT_BY_EXTENSION[extname(fileName)] ?? null;
}
