import { AmbixError } from '../errors.js';

/** `--config PATH` names a file that is not there. */
export class ConfigFileNotFoundError extends AmbixError {
  readonly file: string;

  constructor(file: string) {
    super(
      'CONFIG_NOT_FOUND',
      `Config file '${file}' does not exist. Check the --config path, or leave it out to use ` +
        'the nearest ambix.config.* above the working directory.',
      { exitCode: 2 },
    );
    this.file = file;
  }
}

/** The config file exists but its content is wrong: an unknown key, a wrong type, no export. */
export class InvalidConfigError extends AmbixError {
  readonly file: string;
  readonly key: string | null;

  constructor(file: string, key: string | null, detail: string, cause?: unknown) {
    super('INVALID_CONFIG', `${file}: ${key === null ? '' : `'${key}' `}${detail}`, { cause });
    this.file = file;
    this.key = key;
  }
}
