import type { DialectName } from '../dialect.js';
import {
  loadModule,
  preloadModules,
  readSourceBytes,
  readSourceDigest,
  restorePackedStack,
  saveModulePackCaches,
} from '../loader/index.js';
import { MissingMigrationFunctionError, RevisionImportError } from './file-errors.js';
import type { Revision } from './revision.js';
import { parseSqlRevisionBody } from './sql-revision.js';

/**
 * A revision's executable part, loaded only when the revision runs. The script layer does not
 * know the `op` object; the runtime passes it in.
 */
export type RevisionCode =
  | {
      readonly kind: 'module';
      upgrade(op: unknown): Promise<void>;
      downgrade(op: unknown): Promise<void>;
      /**
       * The revision's post-condition, when it exports `verify(op)`: throws when what `upgrade`
       * should have left in the database is not there. Run after `upgrade` and by `doctor`.
       */
      verify?(op: unknown): Promise<void>;
    }
  | { readonly kind: 'sql'; readonly upgrade: readonly string[]; readonly downgrade: readonly string[] };

type MigrationFunction = (op: unknown) => unknown;

/**
 * Call before running a plan with every revision it will run: their TypeScript is transpiled in
 * one parallel batch instead of one esbuild call per revision (on a cold cache this is most of the
 * cost of loading). Optional; `loadRevisionCode` works without it.
 */
export async function preloadRevisionCode(revisions: readonly Revision[]): Promise<void> {
  await preloadModules(
    revisions.filter((revision) => revision.format === 'typescript').map((revision) => revision.path),
  );
}

/**
 * Call when the revisions of a run have run: stores what V8 compiled of them for the next start
 * (see module-pack.ts). Without the call this happens when the process exits.
 */
export function saveCompiledRevisionCode(): void {
  saveModulePackCaches();
}

/**
 * Loads a revision to run on `dialect`: a `.sql` revision's statements are split by that
 * database's rules (its quotes, comments and delimiters differ).
 */
export async function loadRevisionCode(revision: Revision, dialect: DialectName): Promise<RevisionCode> {
  if (revision.format === 'sql') {
    const source = readSourceBytes(revision.path).bytes.toString('utf8');
    const body = parseSqlRevisionBody(source, revision.path, dialect);
    return { kind: 'sql', upgrade: body.upgrade, downgrade: body.downgrade };
  }
  let exports: Record<string, unknown>;
  try {
    exports = await loadModule(revision.path);
  } catch (error) {
    throw new RevisionImportError(revision.path, error);
  }
  const upgrade = exports.upgrade;
  const downgrade = exports.downgrade;
  const missing = [
    ...(typeof upgrade === 'function' ? [] : ['upgrade']),
    ...(typeof downgrade === 'function' ? [] : ['downgrade']),
  ];
  if (missing.length > 0) throw new MissingMigrationFunctionError(revision.path, missing);
  const verify = exports.verify;
  return {
    kind: 'module',
    upgrade: asAsync(upgrade as MigrationFunction),
    downgrade: asAsync(downgrade as MigrationFunction),
    ...(typeof verify === 'function' ? { verify: asAsync(verify as MigrationFunction) } : {}),
  };
}

/**
 * The sha256 of the revision file's bytes as this process read them to run it, or null when it
 * has not loaded the file: the checksum the history records, without reading the file again.
 */
export function loadedRevisionChecksum(path: string): string | null {
  return readSourceDigest(path) ?? null;
}

/** A plain (non-async) function is accepted too; the runtime always gets a promise. */
function asAsync(fn: MigrationFunction): (op: unknown) => Promise<void> {
  return async (op) => {
    try {
      await fn(op);
    } catch (error) {
      // Revisions loaded from a module pack: their frames should name their own files.
      restorePackedStack(error);
      throw error;
    }
  };
}
