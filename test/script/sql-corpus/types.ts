/**
 * A corpus of real-world SQL for one database: statements as a person writes them in a `.sql`
 * file, and the values the `corpus_check` table must hold after they ran, which shows the tricky
 * strings reached the server as written.
 */
export interface CorpusStatement {
  readonly sql: string;
  /** MySQL: written between `DELIMITER <this>` and `DELIMITER ;`, ended by this delimiter. */
  readonly delimiter?: string;
}

export interface Corpus {
  readonly statements: readonly (string | CorpusStatement)[];
  /** `label` → `body` rows of `corpus_check` after the statements ran. */
  readonly checks: Readonly<Record<string, string>>;
}

/** The statements as one SQL file: `;` after each, DELIMITER lines around the ones that need them. */
export function corpusFile(corpus: Corpus): string {
  return corpus.statements
    .map((statement) => {
      if (typeof statement === 'string') return `${statement};\n`;
      if (statement.delimiter === undefined) return `${statement.sql};\n`;
      return `DELIMITER ${statement.delimiter}\n${statement.sql}${statement.delimiter}\nDELIMITER ;\n`;
    })
    .join('\n');
}

/** The statements as the splitter must return them. */
export function corpusStatements(corpus: Corpus): string[] {
  return corpus.statements.map((statement) => (typeof statement === 'string' ? statement : statement.sql));
}
