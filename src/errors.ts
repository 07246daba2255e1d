/**
 * The root of every error ambix raises on purpose. The CLI prints `message` (never a stack) and
 * exits with `exitCode`; library callers can branch on the subclass or on `code`.
 */
export class AmbixError extends Error {
  /** A stable, machine-readable name such as `UNKNOWN_REVISION`; used by `--json` output. */
  readonly code: string;
  /** The process exit status the CLI uses for this error (see README, "Exit codes"). */
  readonly exitCode: number;

  constructor(code: string, message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad command-line usage or an invalid option value: exit code 2. */
export class UsageError extends AmbixError {
  constructor(message: string) {
    super('USAGE', message, { exitCode: 2 });
  }
}

/**
 * A command that has written its result and fails because of what the result says (`check`
 * found differences, `lint --fail-on` found a kind): the CLI prints the message on stderr and
 * exits with the status, and with `--json` keeps stdout to the one result document.
 */
export class ResultFailure extends AmbixError {}
