/**
 * Every `op` call's arguments are checked before it renders or runs SQL: an unknown key, a wrong
 * value or a missing required one is an InvalidOptionError naming the operation, the key, the
 * revision file and line, with a did-you-mean, online and offline alike.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { upgrade, upgradeSql } from '../../src/commands/upgrade.js';
import { createOperations, type Operations, t } from '../../src/operations/index.js';
import { InvalidOptionError } from '../../src/operations/validate/index.js';
import { MigrationFailedError } from '../../src/runtime/errors.js';
import { tableExists } from '../runtime/support.js';
import {
  type OnlineTestContext,
  offlineContext,
  openOnlineContext,
  TEST_REVISION_PATH,
} from './support/context.js';

/** Calls an operation with arguments its types would refuse, as a `.js` revision can. */
type Loose = (...args: unknown[]) => Promise<void>;
function loosely(op: Operations, name: keyof Operations): Loose {
  return (op[name] as Loose).bind(op);
}

async function refusal(call: Promise<unknown>): Promise<InvalidOptionError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidOptionError);
  return error as InvalidOptionError;
}

describe('op arguments, online (SQLite)', () => {
  let online: OnlineTestContext;
  let op: Operations;

  beforeEach(async () => {
    online = await openOnlineContext('sqlite');
    op = createOperations(online.context);
  });
  afterEach(async () => online.close());

  it('refuses a misspelt column option (nullabe), suggesting nullable, and runs nothing', async () => {
    const error = await refusal(
      loosely(op, 'createTable')('account', {
        columns: [
          { name: 'id', type: t.integer(), primaryKey: true },
          { name: 'name', type: t.text(), nullabe: false },
        ],
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_OPTION',
      operation: 'createTable(account)',
      key: 'columns[1].nullabe',
      suggestion: 'nullable',
      revisionPath: TEST_REVISION_PATH,
    });
    expect(error.message).toContain(
      "unknown option 'columns[1].nullabe'; did you mean 'nullable'? Nothing was run for this call.",
    );
    expect(online.statements).toEqual([]);
  });

  it('refuses primary_key, suggesting primaryKey', async () => {
    const error = await refusal(
      loosely(op, 'createTable')('account', {
        columns: [{ name: 'id', type: t.integer(), primary_key: true }],
      }),
    );
    expect(error).toMatchObject({ key: 'columns[0].primary_key', suggestion: 'primaryKey' });
    expect(online.statements).toEqual([]);
  });

  it('refuses a misspelt index option (uniqe), suggesting unique', async () => {
    await op.createTable('account', { columns: [{ name: 'name', type: t.text() }] });
    const ran = online.statements.length;
    const error = await refusal(loosely(op, 'createIndex')('ix_name', 'account', ['name'], { uniqe: true }));
    expect(error).toMatchObject({
      operation: 'createIndex(ix_name on account)',
      key: 'uniqe',
      suggestion: 'unique',
    });
    expect(online.statements.length).toBe(ran);
  });

  it("refuses alterColumn's { name }, pointing to newName", async () => {
    const error = await refusal(loosely(op, 'alterColumn')('account', 'name', { name: 'full_name' }));
    expect(error).toMatchObject({
      operation: 'alterColumn(account.name)',
      key: 'name',
      suggestion: 'newName',
    });
  });

  it('refuses a value of the wrong type, saying what it must be', async () => {
    const error = await refusal(
      loosely(op, 'createTable')('account', { columns: [{ name: 'id', type: t.integer(), nullable: 'no' }] }),
    );
    expect(error.key).toBe('columns[0].nullable');
    expect(error.message).toContain('\'columns[0].nullable\' must be true or false, not "no"');
  });

  it('refuses a column type that is not a t.* type', async () => {
    const error = await refusal(loosely(op, 'addColumn')('account', { name: 'email', type: 'varchar' }));
    expect(error.message).toContain("'type' must be a column type such as t.string(50)");
  });

  it('refuses a missing required key', async () => {
    const error = await refusal(loosely(op, 'addColumn')('account', { name: 'email' }));
    expect(error.message).toContain("'type' is required");
  });

  it('refuses an unknown value among fixed choices', async () => {
    const error = await refusal(
      loosely(op, 'createForeignKey')('fk', 'post', 'account', ['account_id'], ['id'], {
        onDelete: 'cascade',
      }),
    );
    expect(error.message).toContain('\'onDelete\' must be one of "CASCADE", "SET NULL"');
  });

  it('refuses a misspelt option inside batchAlterTable at the call that has it', async () => {
    await op.createTable('account', { columns: [{ name: 'name', type: t.text() }] });
    const ran = online.statements.length;
    const error = await refusal(
      op.batchAlterTable('account', (batch) => {
        (batch.alterColumn as (...args: unknown[]) => void)('name', { nullabel: false });
      }),
    );
    expect(error).toMatchObject({
      operation: 'batchAlterTable(account).alterColumn(name)',
      key: 'nullabel',
      suggestion: 'nullable',
    });
    expect(online.statements.length).toBe(ran);
  });

  it("refuses batchAlterTable's own misspelt option", async () => {
    const error = await refusal(loosely(op, 'batchAlterTable')('account', () => {}, { recreat: 'always' }));
    expect(error).toMatchObject({ key: 'recreat', suggestion: 'recreate' });
  });

  it('accepts every documented option', async () => {
    await op.createTable('account', {
      columns: [
        { name: 'id', type: t.integer(), primaryKey: true, autoincrement: 'auto', comment: 'key' },
        { name: 'email', type: t.string(100), nullable: false, unique: true, index: true, default: 'x' },
        { name: 'created', type: t.datetime(), default: { kind: 'now' } },
      ],
      checkConstraints: [{ name: 'ck_email', expression: "email <> ''" }],
      indexes: [{ name: 'ix_created', columns: ['created'], unique: false, where: 'created IS NOT NULL' }],
      comment: undefined,
      ifNotExists: true,
    });
    await op.alterColumn('account', 'email', { newName: 'mail' });
    await op.createIndex('ix_mail', 'account', ['mail'], { unique: true, ifNotExists: true });
    await op.dropIndex('ix_mail', { ifExists: true });
    const tables = await online.db.introspection.getTables();
    expect(tables.find((table) => table.name === 'account')?.columns.map((column) => column.name)).toEqual([
      'id',
      'mail',
      'created',
    ]);
  });
});

describe('op arguments, offline (--sql)', () => {
  it('refuses the same misspelling and records no statement', async () => {
    const offline = offlineContext('postgresql');
    const op = createOperations(offline.context);
    const error = await refusal(loosely(op, 'createIndex')('ix', 'account', ['name'], { uniqe: true }));
    expect(error.suggestion).toBe('unique');
    expect(offline.statements).toEqual([]);
  });
});

describe('the revision file and line in the message', () => {
  let dir: string;
  const source = [
    "import type { Operations } from 'ambix';",
    "export const revision = 'typo0001';",
    'export const downRevision = null;',
    '',
    'export async function upgrade(op: Operations): Promise<void> {',
    "  await op.createTable('account', {",
    '    columns: [',
    "      { name: 'id', type: { kind: 'integer' }, primaryKey: true },",
    "      { name: 'name', type: { kind: 'text' }, nullabe: false },",
    '    ],',
    '  } as never);',
    '}',
    'export async function downgrade(): Promise<void> {}',
    '',
  ].join('\n');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ambix-options-'));
    mkdirSync(join(dir, 'migrations'));
    writeFileSync(join(dir, 'migrations', 'typo0001.ts'), source);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const options = () => ({ cwd: dir, migrations: [join(dir, 'migrations')] });

  it('names the file and the line the key is written on, and creates nothing (upgrade)', async () => {
    const url = `sqlite:///${join(dir, 'app.db')}`;
    const error = await upgrade({ ...options(), url, target: 'head' }).catch((e: unknown) => e);
    // The runtime reports it as the revision's failure, with the refusal as its cause.
    expect(error).toBeInstanceOf(MigrationFailedError);
    const cause = (error as MigrationFailedError).cause;
    expect(cause).toBeInstanceOf(InvalidOptionError);
    expect((cause as InvalidOptionError).line).toBe(9);
    expect((error as Error).message).toContain(
      `${join(dir, 'migrations', 'typo0001.ts')}:9: createTable(account) in revision typo0001: ` +
        "unknown option 'columns[1].nullabe'; did you mean 'nullable'?",
    );
    expect(await tableExists(url, 'account')).toBe(false);
  });

  it('fails the same way offline (upgrade --sql)', async () => {
    const error = await upgradeSql({ ...options(), dialect: 'mysql', range: 'head' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).line).toBe(9);
  });
});
