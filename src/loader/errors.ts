import { AmbixError } from '../errors.js';

/** A TypeScript or JavaScript file could not be compiled. */
export class ModuleSyntaxError extends AmbixError {
  readonly file: string;
  readonly line: number | null;

  constructor(file: string, line: number | null, column: number | null, detail: string, cause?: unknown) {
    const where = line === null ? file : `${file}:${line}${column === null ? '' : `:${column}`}`;
    super('MODULE_SYNTAX', `${where}: ${detail}`, { cause });
    this.file = file;
    this.line = line;
  }
}

/** The path given to the loader does not exist. */
export class ModuleNotFoundError extends AmbixError {
  readonly file: string;

  constructor(file: string) {
    super('MODULE_NOT_FOUND', `Cannot load ${file}: the file does not exist.`);
    this.file = file;
  }
}
