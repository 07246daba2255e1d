import type { GlobalOptions } from './global-options.js';
import type { CliIo } from './io.js';
import { type Style, styleFor } from './style.js';

/**
 * The one place commands write to: results go to stdout (as text, or as a single JSON document
 * with `--json`), notices go to stderr unless `--quiet`.
 */
export class Output {
  #style: Style | undefined;

  constructor(
    private readonly io: CliIo,
    readonly globals: GlobalOptions,
  ) {}

  /** Decided on first use: asking whether stdout is a terminal creates the stream. */
  get style(): Style {
    this.#style ??= styleFor(this.io.stdout, this.io.env);
    return this.#style;
  }

  get json(): boolean {
    return this.globals.json === true;
  }

  /** A read command's result: `text()` is only computed for human output. */
  result(document: unknown, text: () => string): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    else this.io.stdout.write(text());
  }

  /** One NDJSON event (commands that execute steps). */
  event(event: unknown): void {
    this.io.stdout.write(`${JSON.stringify(event)}\n`);
  }

  notice(message: string): void {
    if (this.globals.quiet !== true) this.io.stderr.write(`${message}\n`);
  }

  /** Whether stderr is a terminal that may be redrawn (a TTY, and no NO_COLOR). */
  get interactiveStderr(): boolean {
    const noColor = this.io.env.NO_COLOR !== undefined && this.io.env.NO_COLOR !== '';
    return this.io.stderr.isTTY === true && !noColor;
  }

  /** Where progress goes: stderr, as raw redraws or as log lines. */
  get progressSink(): { write(text: string): void; line(text: string): void } {
    return { write: (text) => this.io.stderr.write(text), line: (text) => this.io.stderr.write(`${text}\n`) };
  }

  warning(message: string): void {
    this.io.stderr.write(`warning: ${message}\n`);
  }
}
