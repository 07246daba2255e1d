import { dirname, normalize, resolve } from 'node:path';
import { InvalidRevisionIdError } from '../script/file-errors.js';
import type { RevisionGraph } from '../script/graph.js';
import type { Revision } from '../script/revision.js';
import { resolveIdentifier } from '../script/target.js';
import { generateRevisionId, validateRevisionId } from '../script/writer.js';
import {
  DuplicateParentsError,
  InvalidBranchLabelError,
  MultipleHeadsForRevisionError,
  NameTakenError,
  NotAHeadError,
  NotSingleRevisionError,
  VersionPathNotConfiguredError,
  VersionPathRequiredError,
} from './errors.js';

/** What `revision` and `merge` ask for, before anything is checked. */
export interface NewRevisionRequest {
  /** Parent identifiers: `head` (default), `heads`, `base`, ids, prefixes, labels, `label@head`. */
  readonly parents: readonly string[];
  /** Accept parents that are not heads (start a new branch from the middle of the graph). */
  readonly splice: boolean;
  readonly revisionId?: string;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  /** Absolute, or relative to `cwd`. */
  readonly versionPath?: string;
  readonly cwd: string;
}

/** A new revision that is known to fit the graph: safe to write. */
export interface NewRevisionSpec {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  /** Full ids, or labels kept as given when they name the resolved revision. */
  readonly dependsOn: readonly string[];
  readonly directory: string;
}

/** The version column is VARCHAR(32) (§4.1): a longer id could not be recorded. */
const MAX_REVISION_ID_LENGTH = 32;
const RESERVED_NAMES = new Set(['head', 'heads', 'base', 'current']);

/**
 * Every check of §8.1, done before any file is written: parents must be heads (unless splice),
 * named once, the id and labels must be new and addressable, the folder a configured location.
 */
export function planNewRevision(
  graph: RevisionGraph,
  locations: readonly string[],
  request: NewRevisionRequest,
): NewRevisionSpec {
  const parents = resolveParents(graph, request.parents);
  if (!request.splice) {
    for (const parent of parents) if (!graph.isHead(parent.id)) throw new NotAHeadError(parent.id);
  }
  const revision = request.revisionId ?? freshRevisionId(graph);
  checkRevisionId(graph, revision);
  checkBranchLabels(graph, revision, request.branchLabels);
  return {
    revision,
    downRevisions: parents.map((parent) => parent.id),
    branchLabels: [...request.branchLabels],
    dependsOn: request.dependsOn.map((identifier) => resolveDependency(graph, identifier)),
    directory: chooseDirectory(locations, parents, request),
  };
}

function resolveParents(graph: RevisionGraph, identifiers: readonly string[]): Revision[] {
  const parents: Revision[] = [];
  for (const identifier of identifiers) {
    if (identifier === 'head') {
      if (graph.heads.length > 1) throw new MultipleHeadsForRevisionError(graph.heads.map((head) => head.id));
      parents.push(...graph.heads);
    } else {
      // `heads` (all real heads: a merge), `base` (none: a new root) and every other identifier.
      parents.push(...resolveIdentifier(graph, identifier));
    }
  }
  const ids = parents.map((parent) => parent.id);
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0) throw new DuplicateParentsError([...new Set(repeated)]);
  return parents;
}

function freshRevisionId(graph: RevisionGraph): string {
  for (;;) {
    const candidate = generateRevisionId();
    if (owner(graph, candidate) === undefined) return candidate;
  }
}

function checkRevisionId(graph: RevisionGraph, revision: string): void {
  validateRevisionId(revision);
  if (revision.length > MAX_REVISION_ID_LENGTH) {
    throw new InvalidRevisionIdError(
      revision,
      `Revision identifier '${revision}' is longer than the ${MAX_REVISION_ID_LENGTH} characters the version table holds`,
    );
  }
  if (RESERVED_NAMES.has(revision)) {
    throw new InvalidRevisionIdError(revision, `'${revision}' is a reserved identifier`);
  }
  const taken = owner(graph, revision);
  if (taken !== undefined) throw new NameTakenError('revision id', revision, taken.id, taken.path);
}

function checkBranchLabels(graph: RevisionGraph, revision: string, labels: readonly string[]): void {
  const seen = new Set<string>([revision]);
  for (const label of labels) {
    if (label.length === 0 || /[@:\s]/.test(label)) {
      throw new InvalidBranchLabelError(label, "it must be non-empty and contain no '@', ':' or whitespace");
    }
    if (RESERVED_NAMES.has(label))
      throw new InvalidBranchLabelError(label, `'${label}' is a reserved identifier`);
    if (seen.has(label))
      throw new InvalidBranchLabelError(label, 'it is given twice or equals the revision id');
    seen.add(label);
    const taken = owner(graph, label);
    if (taken !== undefined) throw new NameTakenError('branch label', label, taken.id, taken.path);
  }
}

/** The revision whose id is `name` or that declares `name` as a branch label. */
function owner(graph: RevisionGraph, name: string): Revision | undefined {
  return graph.lookup(name);
}

/** §8.1: stored as the full id, or kept as given when it is a label of the resolved revision. */
function resolveDependency(graph: RevisionGraph, identifier: string): string {
  const resolved = resolveIdentifier(graph, identifier);
  if (resolved.length !== 1) {
    throw new NotSingleRevisionError(
      '--depends-on',
      identifier,
      resolved.map((revision) => revision.id),
    );
  }
  const target = resolved[0]!;
  return graph.branchLabelsOf(target.id).includes(identifier) ? identifier : target.id;
}

function chooseDirectory(
  locations: readonly string[],
  parents: readonly Revision[],
  request: NewRevisionRequest,
): string {
  if (request.versionPath !== undefined) {
    const wanted = normalize(resolve(request.cwd, request.versionPath));
    const match = locations.find((location) => normalize(location) === wanted);
    if (match === undefined) throw new VersionPathNotConfiguredError(wanted, locations);
    return match;
  }
  if (locations.length === 1) return locations[0]!;
  const firstParent = parents[0];
  if (firstParent === undefined) throw new VersionPathRequiredError(locations);
  return dirname(firstParent.path);
}
