/**
 * Renames stated by the user, parsed from the `--rename` text form. A rename is the only way a
 * drop and an add become one ALTER: autogenerate never guesses one (it only hints).
 */
import { ConflictingRenamesError, InvalidRenameError } from './errors.js';
import type { Rename } from './types.js';

/** `old:new` renames a table; `table.old:table.new` renames a column of that table. */
export function parseRename(text: string): Rename {
  const value = text.trim();
  const sides = value.split(':');
  if (sides.length !== 2)
    throw new InvalidRenameError(text, 'expected exactly one ":" between the old and the new name');
  const [from, to] = sides.map((side) => side.trim()) as [string, string];
  if (from === '' || to === '') throw new InvalidRenameError(text, 'a name is missing on one side of ":"');
  const fromParts = from.split('.');
  const toParts = to.split('.');
  if (fromParts.length !== toParts.length) {
    throw new InvalidRenameError(text, 'both sides must be tables, or both table.column');
  }
  if (fromParts.length === 1) {
    if (from === to) throw new InvalidRenameError(text, 'the old and the new name are the same');
    return { kind: 'table', from, to };
  }
  if (
    fromParts.length !== 2 ||
    fromParts.some((part) => part === '') ||
    toParts.some((part) => part === '')
  ) {
    throw new InvalidRenameError(text, 'a column is written table.column, with one "."');
  }
  const [table, column] = fromParts as [string, string];
  const [toTable, toColumn] = toParts as [string, string];
  if (table !== toTable) {
    throw new InvalidRenameError(
      text,
      `a column rename stays in one table (${table} ≠ ${toTable}); rename the table separately`,
    );
  }
  if (column === toColumn) throw new InvalidRenameError(text, 'the old and the new name are the same');
  return { kind: 'column', table, from: column, to: toColumn };
}

/** The `--rename` text of a rename, as the user would write it. */
export function formatRename(rename: Rename): string {
  return rename.kind === 'table'
    ? `${rename.from}:${rename.to}`
    : `${rename.table}.${rename.from}:${rename.table}.${rename.to}`;
}

/** Lookups over the stated renames, refusing two renames that touch the same name. */
export class RenameBook {
  readonly #tablesByOld = new Map<string, string>();
  readonly #columns: Extract<Rename, { kind: 'column' }>[] = [];

  constructor(renames: readonly Rename[]) {
    const tablesByNew = new Map<string, string>();
    const columnKeys = new Map<string, Rename>();
    for (const rename of renames) {
      if (rename.kind === 'table') {
        const clash = this.#tablesByOld.has(rename.from)
          ? rename.from
          : tablesByNew.has(rename.to)
            ? rename.to
            : undefined;
        if (clash !== undefined) {
          const other = this.#tablesByOld.has(rename.from)
            ? { kind: 'table' as const, from: rename.from, to: this.#tablesByOld.get(rename.from)! }
            : { kind: 'table' as const, from: tablesByNew.get(rename.to)!, to: rename.to };
          throw new ConflictingRenamesError(formatRename(other), formatRename(rename));
        }
        this.#tablesByOld.set(rename.from, rename.to);
        tablesByNew.set(rename.to, rename.from);
        continue;
      }
      for (const key of [`${rename.table}\0from\0${rename.from}`, `${rename.table}\0to\0${rename.to}`]) {
        const other = columnKeys.get(key);
        if (other !== undefined) throw new ConflictingRenamesError(formatRename(other), formatRename(rename));
        columnKeys.set(key, rename);
      }
      this.#columns.push(rename);
    }
  }

  /** The new name of a database table renamed by the user, if any. */
  tableRenamedTo(databaseTable: string): string | undefined {
    return this.#tablesByOld.get(databaseTable);
  }

  /**
   * Column renames for one table, as `old → new`; the rename's table may be written with the
   * table's database name or its code name.
   */
  columnRenames(databaseTable: string, codeTable: string): Map<string, string> {
    const renames = new Map<string, string>();
    for (const rename of this.#columns) {
      if (rename.table === databaseTable || rename.table === codeTable) renames.set(rename.from, rename.to);
    }
    return renames;
  }
}
