/**
 * Acceptance: the example's schema module describes Open WebUI at head, so `ambix check` on a
 * fresh `upgrade head` database finds nothing, and finds a change as soon as the two part.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Schema, schemaModel } from '../../src/autogenerate/schema/index.js';
import { checkSchema } from '../../src/commands/autogenerate.js';
import { loadModule } from '../../src/loader/index.js';
import { cli } from '../commands/run-cli.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { EXAMPLE_DIR, upgradeTo } from './support/project.js';
import { referenceHead } from './support/reflect.js';

describeEachDialect(
  'Open WebUI schema module',
  (dialect) => {
    let database: TestDatabase;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
    });
    afterEach(async () => {
      await database.drop();
    });

    it('ambix check is clean on a fresh upgrade head', async () => {
      await upgradeTo(database.url, 'head');
      const run = await cli(['check', '--url', database.url, '--json'], { cwd: EXAMPLE_DIR });
      expect(JSON.parse(run.stdout)).toMatchObject({ matches: true, changes: [], warnings: [], hints: [] });
      expect(run.code).toBe(0);
    });

    it('check sees every table: one left out of the schema is reported', async () => {
      await upgradeTo(database.url, 'head');
      const full = (await loadModule(join(EXAMPLE_DIR, 'schema.ts'))).default as Schema;
      const model = schemaModel(full);
      expect(model.tables.map((table) => table.name)).toEqual(referenceHead(dialect).table_names);
      const referenced = new Set(
        model.tables.flatMap((table) => table.foreignKeys.map((key) => key.referencedTable)),
      );
      const left = model.tables.find((table) => !referenced.has(table.name))?.name ?? '';
      const dir = mkdtempSync(join(tmpdir(), 'ambix-owui-schema-'));
      const partial = join(dir, 'partial-schema.ts');
      writeFileSync(
        partial,
        `import { defineSchema } from 'ambix';\nimport full from ${JSON.stringify(join(EXAMPLE_DIR, 'schema.ts'))};\n` +
          `const { ${JSON.stringify(left)}: _left, ...rest } = full.tables;\nexport default defineSchema(rest);\n`,
      );
      try {
        const result = await checkSchema({ cwd: EXAMPLE_DIR, url: database.url, schema: partial });
        expect(result.warnings).toEqual([expect.objectContaining({ kind: 'tableNotDropped', table: left })]);
        expect(result.matches).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('check reports the revision a database one step behind still needs', async () => {
      await upgradeTo(database.url, 'head');
      const { downgrade } = await import('../../src/index.js');
      await downgrade({ cwd: EXAMPLE_DIR, url: database.url, target: '-1' });
      const run = await cli(['check', '--url', database.url], { cwd: EXAMPLE_DIR });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Target database is not up to date/);
    });
  },
  ['sqlite', 'postgresql'],
);
