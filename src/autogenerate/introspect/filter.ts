/**
 * Which tables introspection reports. Patterns are table names where `*` stands for any run of
 * characters (and `?` for one), matched against the whole name, case-sensitively. Each
 * database's own internals (SQLite's `sqlite_sequence`, `sqlite_stat1`) are left out by its
 * dialect's queries, before any filter.
 */
export interface TableFilterOptions {
  /** When given and not empty, only tables matching one of these are reported. */
  readonly include?: readonly string[];
  /** Tables matching one of these are not reported. */
  readonly exclude?: readonly string[];
  /**
   * ambix's own tables (the version table, the history table): never reported, whatever
   * `include` says. Exact names.
   */
  readonly internalTables?: readonly string[];
}

export type TableFilter = (table: string) => boolean;

export function tableFilter(options: TableFilterOptions): TableFilter {
  const include = (options.include ?? []).map(globPattern);
  const exclude = (options.exclude ?? []).map(globPattern);
  const internal = new Set(options.internalTables ?? []);
  return (table) =>
    !internal.has(table) &&
    (include.length === 0 || include.some((pattern) => pattern.test(table))) &&
    !exclude.some((pattern) => pattern.test(table));
}

export function globPattern(glob: string): RegExp {
  const source = [...glob]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}
