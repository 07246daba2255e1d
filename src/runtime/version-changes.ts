import type { VersionRowChange } from '../script/plan.js';

/**
 * The shortest list of version-row changes with the same effect as `changes` applied in order,
 * for steps whose rows are written together (see `TransactionControl`): a chain of upgrades
 * a→b, b→c, c→d becomes one UPDATE a→d. Only rows the database held before `changes` are ever
 * looked up, so the row-count checks of the folded list (§4.3) check exactly those rows; rows
 * made and changed within `changes` exist only in between and need no statement of their own.
 */
export function foldVersionChanges(changes: readonly VersionRowChange[]): VersionRowChange[] {
  const folded: VersionRowChange[] = [];
  /** The index in `folded` of the change that produced a row, by the row's value. */
  const producedBy = new Map<string, number>();
  const removed = new Set<number>();

  for (const change of changes) {
    switch (change.kind) {
      case 'insert':
        producedBy.set(change.revision, folded.length);
        folded.push(change);
        break;
      case 'update': {
        const producer = producedBy.get(change.from);
        producedBy.delete(change.from);
        if (producer === undefined) {
          producedBy.set(change.to, folded.length);
          folded.push(change);
        } else {
          const original = originalRow(folded[producer]!);
          folded[producer] =
            original === null
              ? { kind: 'insert', revision: change.to }
              : { kind: 'update', from: original, to: change.to };
          producedBy.set(change.to, producer);
        }
        break;
      }
      case 'delete': {
        const producer = producedBy.get(change.revision);
        producedBy.delete(change.revision);
        if (producer === undefined) {
          folded.push(change);
        } else {
          const original = originalRow(folded[producer]!);
          if (original === null) removed.add(producer);
          else folded[producer] = { kind: 'delete', revision: original };
        }
        break;
      }
      case 'delete-all':
        // Every row goes, whatever it holds: nothing after it folds into what came before.
        producedBy.clear();
        folded.push(change);
        break;
    }
  }
  return folded.filter((_, index) => !removed.has(index));
}

/** The row a producing change started from: an update's `from`, or null for an insert. */
function originalRow(producer: VersionRowChange): string | null {
  if (producer.kind === 'update') return producer.from;
  if (producer.kind === 'insert') return null;
  throw new Error(`a ${producer.kind} change produces no row`);
}
