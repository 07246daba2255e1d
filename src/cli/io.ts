import { scrubSecrets } from '../commands/presentation.js';

/** Where the CLI writes; a TTY flag decides whether human output may use color. */
export interface CliStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI takes from its process, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * The process's own streams, created on first write: Node builds `process.stdout` when it is
 * first read, and for a pipe that loads its socket machinery (several ms), which a `--quiet`
 * run with nothing to say (the no-op start) never needs.
 */
export function processIo(): CliIo {
  return {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * `io` with every password a database URL of this process carried scrubbed from what it writes:
 * the last line of defence behind `redactUrl`, for text ambix does not compose itself (a driver's
 * message, a config file's exception).
 */
export function scrubbedIo(io: CliIo): CliIo {
  const scrub = (stream: CliStream): CliStream => ({
    write: (chunk: string) => stream.write(scrubSecrets(chunk)),
    get isTTY() {
      return stream.isTTY;
    },
  });
  let stdout: CliStream | undefined;
  let stderr: CliStream | undefined;
  return {
    // Wrapped on first use, keeping the process streams lazy (see `processIo`).
    get stdout() {
      stdout ??= scrub(io.stdout);
      return stdout;
    },
    get stderr() {
      stderr ??= scrub(io.stderr);
      return stderr;
    },
    env: io.env,
    cwd: io.cwd,
  };
}
