/**
 * Every TypeScript example in README.md compiles against ambix's real API (with `ambix` resolved
 * to src/index.ts), so the documentation cannot teach an option the code does not read.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { projectCompilerOptions } from '../operations/support/type-check.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Example {
  /** 1-based README line of the block's first code line. */
  readonly line: number;
  readonly code: string;
}

/** The ```ts / ```typescript blocks of a Markdown text. */
function typescriptBlocks(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[index] ?? '')) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    examples.push({ line: index + 2, code: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return examples;
}

/** Type errors of each example, as `README.md:<line>: <message>`. */
function compile(examples: readonly Example[]): string[] {
  const options = projectCompilerOptions();
  // Each block is a virtual module inside the repository, so node_modules resolve as for src/.
  const files = new Map(
    examples.map((example) => [join(ROOT, 'test/docs', `readme-${example.line}.ts`), example]),
  );
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile } = host;
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.readFile = (file) => files.get(file)?.code ?? readFile(file);
  const program = ts.createProgram([...files.keys()], options, host);
  // Only the examples' own diagnostics: src/ is type-checked by `tsc` already.
  const diagnostics = [...files.keys()].flatMap((file) => {
    const source = program.getSourceFile(file);
    return source === undefined
      ? []
      : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  });
  return diagnostics.map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const example = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
    if (diagnostic.file === undefined || example === undefined || diagnostic.start === undefined) {
      return `${diagnostic.file?.fileName ?? '(options)'}: ${text}`;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `README.md:${example.line + line}: ${text}`;
  });
}

it('every TypeScript example in README.md compiles against the API', () => {
  const examples = typescriptBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  expect(examples.length).toBeGreaterThanOrEqual(5);
  expect(compile(examples)).toEqual([]);
}, 60_000);

it('reports an example that uses an option the API does not have, at its README line', () => {
  const markdown = [
    '# doc',
    '```ts',
    "import type { Operations } from 'ambix';",
    'export async function upgrade(op: Operations): Promise<void> {',
    "  await op.alterColumn('account', 'name', { name: 'full_name' });",
    '}',
    '```',
  ].join('\n');
  const errors = compile(typescriptBlocks(markdown));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^README\.md:5: Object literal may only specify known properties, and 'name'/);
}, 60_000);
