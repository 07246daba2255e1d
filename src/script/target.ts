import { UsageError } from '../errors.js';
import type { RevisionGraph } from './graph.js';
import {
  AmbiguousWalkError,
  MultipleHeadsError,
  RelativeWalkError,
  ResolutionError,
} from './graph-errors.js';
import type { Revision } from './revision.js';

/*
 * Identifier resolution, spec §3.2/§3.3: `head`, `heads`, `base`, `label@…`, full ids, unique
 * prefixes (of ids and labels alike), and the negative-integer form `-N` that walks down from
 * every real head. Relative forms that depend on the database state live in planner.ts.
 */

/** `[label@][symbol](+|-)digits`, anchored at the start only: `abc+1x` means `abc+1` (§3.1). */
const RELATIVE = /^(?:(.+?)@)?(\w+)?([+-]\d+)/;

export interface RelativeTarget {
  readonly label: string | null;
  readonly symbol: string | null;
  /** As typed, sign included: `+2`, `-1`. */
  readonly relativeText: string;
  readonly steps: number;
}

export function parseRelative(text: string): RelativeTarget | null {
  const match = RELATIVE.exec(text);
  if (!match) return null;
  const relativeText = match[3]!;
  return {
    label: match[1] ?? null,
    symbol: match[2] ?? null,
    relativeText,
    steps: Number.parseInt(relativeText, 10),
  };
}

/** Splits `a:b`, `:b`, `a:` (empty parts become null). */
export function parseRange(text: string): { start: string | null; end: string | null } {
  const parts = text.split(':');
  if (parts.length !== 2) {
    throw new UsageError(
      `'${text}' is not a revision range; ranges are written [start]:[end], [start]:, or :[end]`,
    );
  }
  return { start: parts[0] || null, end: parts[1] || null };
}

/** Absolute identifiers (§3.2/§3.3) plus the negative-integer quirk; `base` gives `[]`. */
export function resolveIdentifier(graph: RevisionGraph, text: string): readonly Revision[] {
  const { idents, label } = resolveSymbol(graph, text);
  if (idents.length === 1 && /^-\d+$/.test(idents[0]!.trim())) {
    return walkDownFromRealHeads(graph, text, Number.parseInt(idents[0]!, 10), label);
  }
  return uniqueRevisions(idents.map((ident) => revisionForIdent(graph, ident, label)));
}

/** Alembic's `get_revision`: at most one revision; `null` means base. */
export function resolveSingle(graph: RevisionGraph, text: string): Revision | null {
  const { idents, label } = resolveSymbol(graph, text);
  if (idents.length > 1) throw new MultipleHeadsError(text, idents);
  if (idents.length === 0) return null;
  return revisionForIdent(graph, idents[0]!, label);
}

/**
 * Splits at the first `@` and expands `head`/`heads`/`base` (Alembic's `_resolve_revision_number`).
 * Returns the pieces still to be resolved as ids/prefixes, plus the branch qualifier.
 */
export function resolveSymbol(
  graph: RevisionGraph,
  text: string,
): { idents: string[]; label: string | null } {
  const at = text.indexOf('@');
  const label = at >= 0 ? text.slice(0, at) : null;
  const symbol = at >= 0 ? text.slice(at + 1) : text;
  if (symbol === 'heads') {
    const idents = label
      ? filterForLineage(
          graph,
          graph.heads.map((head) => head.id),
          label,
        )
      : graph.realHeads.map((head) => head.id);
    return { idents, label };
  }
  if (symbol === 'head') {
    const head = currentHead(graph, label);
    return { idents: head === null ? [] : [head], label };
  }
  if (symbol === 'base') return { idents: [], label };
  if (symbol === '') throw new ResolutionError(text, 'unknown', `No revision given in '${text}'`);
  return { idents: [symbol], label };
}

/** The single versioned head (on the label's lineage); several → MultipleHeadsError. */
export function currentHead(graph: RevisionGraph, label: string | null): string | null {
  let heads = graph.heads.map((head) => head.id);
  if (label) heads = filterForLineage(graph, heads, label);
  if (heads.length > 1) throw new MultipleHeadsError(label ? `${label}@head` : 'head', heads);
  return heads[0] ?? null;
}

/**
 * Keeps the ids sharing lineage (ancestor, descendant or same) with what `checkAgainst` names:
 * a label, an id, `label@…`, or a symbol (Alembic's `filter_for_lineage`).
 */
export function filterForLineage(
  graph: RevisionGraph,
  ids: readonly string[],
  checkAgainst: string,
  options: { includeDependencies?: boolean } = {},
): string[] {
  const { idents, label } = resolveSymbol(graph, checkAgainst);
  const shares = [...(label ? [label] : []), ...idents].map(
    (ident) => revisionForIdent(graph, ident, null).id,
  );
  return ids.filter((id) => graph.sharesLineage(id, shares, options));
}

/** §3.3: exact id or label, else a unique prefix among keys longer than 3 characters. */
export function revisionForIdent(graph: RevisionGraph, ident: string, branch: string | null): Revision {
  const branchRevision = branch ? resolveBranch(graph, branch) : null;
  let revision = graph.lookup(ident);
  if (revision === undefined) {
    let candidates: string[] = [];
    for (const key of graph.namespaceKeys()) {
      if (key.length > 3 && key.startsWith(ident)) candidates.push(key);
    }
    if (branch && branchRevision) {
      candidates = candidates.filter((key) =>
        graph.sharesLineage(graph.lookup(key)!.id, [branchRevision.id]),
      );
    }
    if (candidates.length === 0) {
      const hint =
        ident.length < 4
          ? '; please ensure at least four characters are present for partial revision identifier matches'
          : '';
      throw new ResolutionError(ident, 'unknown', `No such revision or branch '${ident}'${hint}`);
    }
    if (candidates.length > 1) {
      const shown = candidates
        .slice(0, 3)
        .map((key) => `'${key}'`)
        .join(', ');
      throw new ResolutionError(
        ident,
        'ambiguous',
        `Multiple revisions start with '${ident}': ${shown}...`,
        candidates,
      );
    }
    revision = graph.lookup(candidates[0]!)!;
  }
  if (branch && branchRevision && !graph.sharesLineage(revision.id, [branchRevision.id])) {
    throw new ResolutionError(
      ident,
      'not-member',
      `Revision ${revision.id} is not a member of branch '${branch}'`,
    );
  }
  return revision;
}

/** A branch qualifier: a label, or any identifier of a revision (`c2@b`). */
export function resolveBranch(graph: RevisionGraph, branch: string): Revision {
  const exact = graph.lookup(branch);
  if (exact) return exact;
  try {
    return revisionForIdent(graph, branch, null);
  } catch (error) {
    if (!(error instanceof ResolutionError)) throw error;
    throw new ResolutionError(branch, 'unknown-branch', `No such branch: '${branch}' (${error.detail})`);
  }
}

/**
 * One walk of §3.4/§3.5. `start` null = below every base. Up: the single versioned child (on the
 * label's lineage); down: the single parent, `'base'` below a base. `null` = walked off the graph.
 */
export function walk(
  graph: RevisionGraph,
  target: string,
  start: Revision | null | 'base',
  steps: number,
  label: string | null = null,
): Revision | null | 'base' {
  let current = start;
  for (let step = 0; step < Math.abs(steps); step++) {
    let next: string[];
    if (steps > 0) {
      const up =
        current === null || current === 'base'
          ? graph.bases.map((base) => base.id)
          : graph.childrenOf(current.id).map((child) => child.id);
      next = label ? filterForLineage(graph, up, label) : up;
    } else if (current === 'base') {
      next = [];
    } else {
      const down = current === null ? graph.heads.map((head) => head.id) : [...current.downRevisions];
      next = down.length > 0 ? down : ['base'];
    }
    if (next.length === 0) return null;
    if (next.length > 1) throw new AmbiguousWalkError(target, next, 'walk');
    current = next[0] === 'base' ? 'base' : graph.get(next[0]!)!;
  }
  return current;
}

/** `-N` as an absolute identifier: N steps down from every real head (`show -1`, `history -r -2:`). */
function walkDownFromRealHeads(
  graph: RevisionGraph,
  text: string,
  steps: number,
  label: string | null,
): readonly Revision[] {
  let heads = graph.realHeads;
  if (label) heads = heads.filter((head) => graph.branchLabelsOf(head.id).includes(label));
  const found: Revision[] = [];
  for (const head of heads) {
    const reached = walk(graph, text, head, steps);
    if (reached === null) throw RelativeWalkError.didNotProduce(text, String(steps), Math.abs(steps));
    if (reached !== 'base') found.push(reached);
  }
  return uniqueRevisions(found);
}

function uniqueRevisions(revisions: readonly Revision[]): readonly Revision[] {
  return [...new Set(revisions)];
}
