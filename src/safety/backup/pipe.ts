import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** How a client program ended. */
export interface ClientRun {
  readonly code: number | null;
  /** The end of its standard error, and of the producer's (bounded: a failure can print a lot). */
  readonly stderr: string;
}

/** Where a client's input comes from after the prelude: a file, or another program's output. */
export type ClientInput =
  | { readonly file: string }
  | { readonly program: string; readonly args: readonly string[]; readonly env: NodeJS.ProcessEnv };

const STDERR_LIMIT = 8 * 1024;

/**
 * Runs a database client (`psql`, `mariadb`) on `prelude` followed by `input`, streamed: a dump of
 * any size passes through a pipe, never through memory. The client's input is closed only once
 * the source has been read whole: when the source fails (a truncated dump makes `pg_restore`
 * exit non-zero), the client is killed instead, so that it never takes the end of its input for
 * the end of the script and commits half a restore.
 */
export async function runClient(
  client: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  prelude: string,
  input: ClientInput,
): Promise<ClientRun> {
  const child = spawn(client, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const clientEnd = ended(child);
  clientEnd.catch(() => {}); // awaited below, after the source is read
  const clientErr = tail(child.stderr);
  // A client that dies early closes its input: the write fails, and its exit status says why.
  child.stdin.on('error', () => {});
  child.stdin.write(prelude);

  let source: Readable;
  let sourceEnd: Promise<{ readonly ok: boolean; readonly stderr: string }>;
  if ('file' in input) {
    source = createReadStream(input.file);
    sourceEnd = new Promise((resolve) => {
      source.on('end', () => resolve({ ok: true, stderr: '' }));
      source.on('error', (error) => resolve({ ok: false, stderr: error.message }));
    });
  } else {
    const producer = spawn(input.program, [...input.args], {
      env: input.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const producerErr = tail(producer.stderr);
    source = producer.stdout;
    sourceEnd = ended(producer).then(
      async (code) => ({ ok: code === 0, stderr: await producerErr }),
      (error: Error) => ({ ok: false, stderr: error.message }),
    );
  }
  source.pipe(child.stdin, { end: false });
  const read = await sourceEnd;
  if (read.ok) child.stdin.end();
  else child.kill('SIGKILL');
  const [code, stderr] = await Promise.all([clientEnd, clientErr]);
  if (!read.ok)
    return { code: code ?? 1, stderr: [read.stderr, stderr].filter((text) => text !== '').join('\n') };
  return { code, stderr };
}

function ended(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

/** The last `STDERR_LIMIT` characters a stream wrote. */
function tail(stream: Readable | null): Promise<string> {
  return new Promise((resolve) => {
    if (stream === null) {
      resolve('');
      return;
    }
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text = (text + chunk).slice(-STDERR_LIMIT);
    });
    stream.on('end', () => resolve(text.trim()));
    stream.on('error', () => resolve(text.trim()));
  });
}
