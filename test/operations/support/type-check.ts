import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The project's own compiler options (tsconfig.json), with `ambix` resolved to the source. */
export function projectCompilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  return { ...config?.options, noEmit: true, paths: { ambix: [join(ROOT, 'src/index.ts')] } };
}

/**
 * The type errors of `code`, compiled as one virtual module inside the repository with the
 * project's compiler options and `ambix` resolved to src/index.ts: how a revision in a user's
 * project is checked by their editor and `tsc`.
 */
export function typeErrors(code: string): string[] {
  const options = projectCompilerOptions();
  const file = join(ROOT, 'test/operations', 'virtual-revision.ts');
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile } = host;
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? code : readFile(name));
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error('the virtual revision was not compiled');
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
    (diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  );
}
