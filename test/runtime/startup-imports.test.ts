import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * `ambix upgrade head` runs at every application start, usually with nothing to do. That path
 * must load no heavy package: drivers are imported by the adapter of the dialect in use only
 * when it connects, Kysely and the operations API only when a revision runs, esbuild only when a
 * TypeScript file must be compiled. This follows the static imports that survive compilation
 * (type-only imports are erased; `await import()` is lazy by design).
 */
const HEAVY = ['kysely', 'esbuild', 'pg', 'mysql2', 'mysql2/promise', 'better-sqlite3'];
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function staticImports(file: string): string[] {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const source = ts.createSourceFile(file, outputText, ts.ScriptTarget.ES2022);
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier !== undefined &&
    ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier.text]
      : [],
  );
}

/** Every package reached by static imports from `entry`, with the chain that reaches it. */
function packagesReachedFrom(entry: string): Map<string, string[]> {
  return reachedFrom(entry).packages;
}

/** Source files (relative to src/) reached by static imports from `entry`, `entry` included. */
function filesReachedFrom(entry: string): string[] {
  return [...reachedFrom(entry).files].map((path) => path.slice(SRC.length + 1));
}

function reachedFrom(entry: string): { packages: Map<string, string[]>; files: Set<string> } {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) {
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), [...chain, file]);
      } else if (!specifier.startsWith('node:') && !packages.has(specifier)) {
        packages.set(
          specifier,
          [...chain, file].map((path) => path.slice(SRC.length + 1)),
        );
      }
    }
  };
  visit(entry, []);
  return { packages, files: seen };
}

describe('the start-up path of upgrade loads no heavy package', () => {
  for (const entry of ['commands/upgrade.ts', 'runtime/run.ts', 'commands/migrate.ts']) {
    it(`src/${entry} reaches none of ${HEAVY.join(', ')} by a static import`, () => {
      const reached = packagesReachedFrom(resolve(SRC, entry));
      const heavy = HEAVY.filter((name) => reached.has(name)).map(
        (name) => `${name} via ${reached.get(name)!.join(' -> ')}`,
      );
      expect(heavy).toEqual([]);
    });
  }

  it('the check sees a static import of a package when there is one', () => {
    const fixture = resolve(SRC, '../test/fixtures/startup-imports/imports-a-package.ts');
    expect([...packagesReachedFrom(fixture).keys()]).toEqual(['kysely']);
  });

  // Kysely is some 250 modules: a run of raw-SQL revisions must not pay for it (see src/kysely.ts).
  it('running revisions reaches Kysely by no static import (op.db loads it on first use)', () => {
    for (const entry of ['runtime/executor.ts', 'operations/index.ts']) {
      expect([...packagesReachedFrom(resolve(SRC, entry)).keys()]).not.toContain('kysely');
    }
  });
});

describe('the start-up path of upgrade loads no production-safety module', () => {
  // The history, checksum and classification code is needed only when there are steps to run.
  for (const entry of [
    'commands/upgrade.ts',
    'runtime/run.ts',
    'commands/migrate.ts',
    'cli/commands/database.ts',
  ]) {
    it(`src/${entry} reaches nothing under src/safety/ by a static import`, () => {
      const safety = filesReachedFrom(resolve(SRC, entry)).filter((file) => file.startsWith('safety/'));
      expect(safety).toEqual([]);
    });
  }

  it('the check sees a static import of src/safety when there is one', () => {
    const reached = filesReachedFrom(resolve(SRC, 'commands/upgrade-checks.ts'));
    expect(reached).toContain('safety/history/verify.ts');
  });
});
