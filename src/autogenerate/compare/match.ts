/**
 * Pairing the constraints and indexes of one table across the two sides. Databases name unnamed
 * constraints their own way (PostgreSQL `t_col_key`, SQLite not at all), so a name only decides
 * a pair when both sides have it; everything else pairs by what it does.
 */

export interface Matched<T> {
  /** Pairs that are the same object: `[database, code]`. */
  readonly same: (readonly [T, T])[];
  /** Only in the database (or changed): to drop. */
  readonly databaseOnly: T[];
  /** Only in code (or changed): to add. */
  readonly codeOnly: T[];
}

/**
 * Same name on both sides: one object, unchanged if its content is equal, else dropped and added.
 * Then what is left pairs by content, whatever the names (an unnamed or differently named
 * constraint that does the same thing is not churned). `databaseContent` reads a database item
 * as it will be once the revision's renames ran (see `table.ts`); by default, as `content`.
 */
export function matchByNameThenContent<T extends { readonly name: string | null }>(
  database: readonly T[],
  code: readonly T[],
  content: (item: T) => string,
  databaseContent: (item: T) => string = content,
): Matched<T> {
  const result: Matched<T> = { same: [], databaseOnly: [], codeOnly: [] };
  const unpairedDatabase = new Set(database);
  const unpairedCode: T[] = [];
  for (const item of code) {
    const namesake =
      item.name === null
        ? undefined
        : [...unpairedDatabase].find((candidate) => candidate.name === item.name);
    if (namesake === undefined) {
      unpairedCode.push(item);
      continue;
    }
    unpairedDatabase.delete(namesake);
    if (databaseContent(namesake) === content(item)) result.same.push([namesake, item]);
    else {
      result.databaseOnly.push(namesake);
      result.codeOnly.push(item);
    }
  }
  for (const item of unpairedCode) {
    const key = content(item);
    const twin = [...unpairedDatabase].find((candidate) => databaseContent(candidate) === key);
    if (twin === undefined) result.codeOnly.push(item);
    else {
      unpairedDatabase.delete(twin);
      result.same.push([twin, item]);
    }
  }
  result.databaseOnly.push(...unpairedDatabase);
  return result;
}
