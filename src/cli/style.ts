import type { CliIo } from './io.js';

/** ANSI styling that disappears when the output is not a terminal or `NO_COLOR` is set. */
export interface Style {
  readonly revision: (text: string) => string;
  readonly marker: (text: string) => string;
  readonly error: (text: string) => string;
}

const plain: Style = { revision: (text) => text, marker: (text) => text, error: (text) => text };

function ansi(code: number): (text: string) => string {
  return (text) => `\u001b[${code}m${text}\u001b[0m`;
}

const colored: Style = { revision: ansi(33), marker: ansi(32), error: ansi(31) };

/** https://no-color.org: any non-empty `NO_COLOR` turns color off. */
export function styleFor(stream: CliIo['stdout'], env: CliIo['env']): Style {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return stream.isTTY === true && !noColor ? colored : plain;
}

export const PLAIN_STYLE = plain;
