import { AmbixError } from '../../errors.js';

/** One thing wrong with a schema, located as precisely as it can be. */
export interface SchemaProblem {
  readonly table: string;
  /** The column concerned, when there is one. */
  readonly column?: string;
  readonly message: string;
}

/** A schema that cannot describe a database: every problem found, each naming its table and column. */
export class InvalidSchemaError extends AmbixError {
  readonly problems: readonly SchemaProblem[];

  constructor(problems: readonly SchemaProblem[]) {
    const lines = problems.map((problem) => `  - ${describeLocation(problem)}: ${problem.message}`);
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super('INVALID_SCHEMA', `The schema has ${count}; fix it in the schema file:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

function describeLocation(problem: SchemaProblem): string {
  const table = `table "${problem.table}"`;
  return problem.column === undefined ? table : `${table}, column "${problem.column}"`;
}
