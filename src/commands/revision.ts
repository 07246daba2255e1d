import { type RevisionBody, writeRevisionFile } from '../script/writer.js';
import { type NewRevisionSpec, planNewRevision } from './new-revision.js';
import { loadProject, type Project, type ProjectOptions } from './project.js';

export interface RevisionOptions extends ProjectOptions {
  readonly message?: string;
  /** Parent identifier (default `head`); `base` starts a new root, `heads` merges every head. */
  readonly head?: string;
  readonly splice?: boolean;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  /** One of the configured version locations; absolute or relative to `cwd`. */
  readonly versionPath?: string;
}

export interface RevisionResult extends NewRevisionSpec {
  /** Absolute path of the file written. */
  readonly path: string;
  readonly message: string | null;
}

/** Writes a new revision file after checking it fits the graph (§8.1); nothing is written on error. */
export async function revision(options: RevisionOptions = {}): Promise<RevisionResult> {
  return createRevision(options, [options.head ?? 'head'], options.splice === true);
}

/** Shared by `revision` and `merge`: validate against the graph, then write. */
export async function createRevision(
  options: Omit<RevisionOptions, 'head' | 'splice'>,
  parents: readonly string[],
  splice: boolean,
): Promise<RevisionResult> {
  const project = await loadProject(options);
  return writePlannedRevision(project, planRevision(project, options, parents, splice), options.message);
}

/** Checks the new revision against the graph (§8.1) and decides its id, parents and folder. */
export function planRevision(
  { config, graph }: Project,
  options: Omit<RevisionOptions, 'head' | 'splice'>,
  parents: readonly string[],
  splice: boolean,
): NewRevisionSpec {
  return planNewRevision(graph, config.migrations, {
    parents,
    splice,
    branchLabels: options.branchLabels ?? [],
    dependsOn: options.dependsOn ?? [],
    cwd: options.cwd ?? process.cwd(),
    ...(options.revId === undefined ? {} : { revisionId: options.revId }),
    ...(options.versionPath === undefined ? {} : { versionPath: options.versionPath }),
  });
}

/** Writes a planned revision; `body` fills its migration functions (autogenerate). */
export async function writePlannedRevision(
  { config }: Project,
  spec: NewRevisionSpec,
  message: string | undefined,
  body?: RevisionBody,
): Promise<RevisionResult> {
  const path = await writeRevisionFile({
    directory: spec.directory,
    id: spec.revision,
    downRevisions: spec.downRevisions,
    branchLabels: spec.branchLabels,
    dependsOn: spec.dependsOn,
    message: message ?? null,
    format: config.revisionFormat,
    fileTemplate: config.fileTemplate,
    truncateSlugLength: config.truncateSlugLength,
    ...(body === undefined ? {} : { body }),
  });
  return { ...spec, path, message: message ?? null };
}
