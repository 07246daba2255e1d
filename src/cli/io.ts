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

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
