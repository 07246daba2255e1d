/** `lint` splits SQL text with the same splitter that runs it, so it sees the statements that run. */
import { expect, test } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import type { Operations } from '../../src/operations/operations.js';
import { classifyRevision } from '../../src/safety/classify.js';
import type { Revision } from '../../src/script/revision.js';

const REVISION: Revision = {
  id: 'abc123',
  downRevisions: [],
  branchLabels: [],
  dependsOn: [],
  message: 'under test',
  createDate: null,
  path: '/nowhere/abc123.ts',
  format: 'typescript',
};

async function operationsOf(dialect: DialectName, sql: string): Promise<string[]> {
  const result = await classifyRevision(
    REVISION,
    {
      kind: 'module',
      upgrade: (op) => (op as Operations).execute(sql).then(() => {}),
      downgrade: async () => {},
    },
    { dialect },
  );
  return result.operations.map((operation) => operation.operation);
}

test('a SQLite trigger given to op.execute is one operation, not a stray END', async () => {
  const operations = await operationsOf(
    'sqlite',
    'CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END; DROP TABLE c',
  );
  expect(operations).toHaveLength(2);
  expect(operations[0]).toMatch(/^execute: CREATE TRIGGER t AFTER UPDATE ON a BEGIN/);
  expect(operations[1]).toBe('execute: DROP TABLE c');
});

test('a MySQL # comment with a quote in it does not swallow the statements after it', async () => {
  const operations = await operationsOf(
    'mysql',
    "# it's the account table\nDROP TABLE account;\nDROP TABLE post",
  );
  expect(operations).toEqual(['execute: DROP TABLE account', 'execute: DROP TABLE post']);
});

test('a PostgreSQL E string with an escaped quote and a ; stays one statement', async () => {
  const operations = await operationsOf(
    'postgresql',
    "UPDATE t SET a = E'it\\'s; x' WHERE id = 1; DROP TABLE u",
  );
  expect(operations).toEqual([
    "execute: UPDATE t SET a = E'it\\'s; x' WHERE id = 1",
    'execute: DROP TABLE u',
  ]);
});
