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
