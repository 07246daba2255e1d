import { AmbixError } from '../errors.js';

/**
 * A URL needs a database driver that is not installed: pg and mysql2 are optional peer
 * dependencies, installed by the projects that use PostgreSQL or MySQL/MariaDB.
 */
export class DriverNotInstalledError extends AmbixError {
  /** The npm package to install, e.g. `pg`. */
  readonly packageName: string;

  constructor(packageName: string, database: string, options: { cause?: unknown } = {}) {
    super(
      'DRIVER_NOT_INSTALLED',
      `${database} URLs need the '${packageName}' package, which is not installed: run ` +
        `\`npm install ${packageName}\` in your project.`,
      options,
    );
    this.packageName = packageName;
  }
}
