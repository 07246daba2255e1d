import { type ImportEdge, layerOf } from './import-graph.js';

// The layers of src/ and what each may import: docs/architecture.md ("Layers") states the same
// table in prose and as a diagram. An entry is a layer (a top folder of src/, or a file of src/
// by its name) or one file ('safety/type-change.ts'). Every layer may import itself.
const FOUNDATION = ['errors', 'dialect'];
const BELOW_COMMANDS = [
  ...FOUNDATION,
  'package-info',
  'kysely',
  'draw',
  'loader',
  'script',
  'operations',
  'config',
  'dialects',
  'runtime',
  'safety',
  'autogenerate',
];

export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  dialect: [],
  'package-info': [],
  draw: [],
  kysely: FOUNDATION,
  loader: [...FOUNDATION, 'package-info'],
  script: [...FOUNDATION, 'loader'],
  operations: [...FOUNDATION, 'kysely'],
  config: [...FOUNDATION, 'loader'],
  // One folder per database. It raises the runtime's typed errors and reads its connection spec,
  // named file by file: those files import nothing of the runtime that imports a dialect.
  dialects: [...FOUNDATION, 'operations', 'runtime/errors.ts', 'runtime/driver-errors.ts', 'runtime/url.ts'],
  runtime: [...FOUNDATION, 'kysely', 'loader', 'script', 'operations', 'dialects'],
  safety: [...FOUNDATION, 'package-info', 'kysely', 'script', 'operations', 'dialects', 'runtime'],
  autogenerate: [...FOUNDATION, 'operations', 'safety/type-change.ts'],
  commands: BELOW_COMMANDS,
  // The CLI hands the library entry to the loader, for revisions that import 'ambix'.
  cli: [...FOUNDATION, 'commands', 'loader/library.ts', 'api'],
  api: [...BELOW_COMMANDS, 'commands'],
  index: ['api', 'loader/library.ts'],
};

/** Layers `cli` may import types from (erased at run time): everything below it but the entry. */
const CLI_TYPES_FROM = [...BELOW_COMMANDS, 'commands'];

/**
 * Known edges that break the rules, each with the issue that removes it. Keep this list short:
 * an entry here is a debt, not a rule.
 */
export const KNOWN_EXCEPTIONS: readonly { from: string; to: string; why: string }[] = [];

function isException(edge: ImportEdge): boolean {
  return KNOWN_EXCEPTIONS.some((known) => known.from === edge.from && known.to === edge.to);
}

function allows(entries: readonly string[], target: string): boolean {
  return entries.includes(layerOf(target)) || entries.includes(target);
}

/** The imports among `edges` that their layer may not make, as 'from → to' lines. */
export function disallowedImports(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((edge) => {
      const from = layerOf(edge.from);
      if (from === layerOf(edge.to) || isException(edge)) return false;
      if (allows(MAY_IMPORT[from] ?? [], edge.to)) return false;
      return !(from === 'cli' && edge.typeOnly && allows(CLI_TYPES_FROM, edge.to));
    })
    .map(
      (edge) =>
        `${edge.from} → ${edge.to}${edge.typeOnly ? ' (types)' : ''}${edge.dynamic ? ' (dynamic)' : ''}`,
    );
}

/** The imports that load code when they run: type-only imports are erased, known exceptions left out. */
export function loadingImports(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.filter((edge) => !edge.typeOnly && !isException(edge));
}
