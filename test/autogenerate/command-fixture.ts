import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SchemaProject {
  readonly dir: string;
  readonly migrations: string;
  /**
   * Writes a new schema module (the part inside `defineSchema({...})`) and points the config at
   * it. A new file each time: a process loads a module file once, as Node does.
   */
  writeSchema(tables: string): void;
  /** The revision files, sorted by name. */
  revisionFiles(): string[];
  read(file: string): string;
  remove(): void;
}

/**
 * A project with an empty migrations folder, a config pointing at `schema.ts`, and the schema
 * module written from the tables given (TypeScript source using the `ambix` schema API).
 */
export function createSchemaProject(
  url: string,
  tables: string,
  config: Record<string, unknown> = {},
): SchemaProject {
  const dir = mkdtempSync(join(tmpdir(), 'ambix-autogen-'));
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  let version = 0;
  const writeSchema = (body: string): void => {
    version += 1;
    const schema = `schema-${version}.ts`;
    writeFileSync(
      join(dir, 'ambix.config.json'),
      JSON.stringify({ url, migrations: 'migrations', schema, ...config }, null, 2),
    );
    writeFileSync(
      join(dir, schema),
      `import { check, column, defineSchema, index, now, sql, table, unique } from 'ambix';\n\n` +
        `export default defineSchema({\n${body}\n});\n`,
    );
  };
  writeSchema(tables);
  return {
    dir,
    migrations,
    writeSchema,
    revisionFiles: () => readdirSync(migrations).sort(),
    read: (file) => readFileSync(join(migrations, file), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
