import { describe, expect, test } from 'vitest';
import type { DialectName } from '../../src/dialect.js';
import type { Operations } from '../../src/operations/operations.js';
import { t } from '../../src/operations/types.js';
import { classifyRevision } from '../../src/safety/classify.js';
import type { RevisionClassification, RiskKind } from '../../src/safety/findings.js';
import type { Revision } from '../../src/script/revision.js';
import { ALL_DIALECTS } from '../support/databases.js';

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

function classify(
  dialect: DialectName,
  upgrade: (op: Operations) => Promise<void>,
): Promise<RevisionClassification> {
  return classifyRevision(
    REVISION,
    { kind: 'module', upgrade: (op) => upgrade(op as Operations), downgrade: async () => {} },
    { dialect },
  );
}

function kindsOfOnly(result: RevisionClassification): RiskKind[] {
  expect(result.operations).toHaveLength(1);
  return [...new Set(result.operations[0]!.findings.map((finding) => finding.kind))].sort();
}

describe.each(ALL_DIALECTS)('classification rules on %s', (dialect) => {
  test('dropping a table is destructive and breaking', async () => {
    const result = await classify(dialect, (op) => op.dropTable('account'));
    expect(kindsOfOnly(result)).toEqual(['breaking', 'destructive']);
    expect(result.operations[0]!.operation).toBe('dropTable(account)');
  });

  test('dropping a column is destructive and breaking', async () => {
    const result = await classify(dialect, (op) => op.dropColumn('account', 'email'));
    expect(kindsOfOnly(result)).toEqual(expect.arrayContaining(['breaking', 'destructive']));
  });

  test('renaming a table breaks code still using the old name', async () => {
    const result = await classify(dialect, (op) => op.renameTable('account', 'member'));
    expect(kindsOfOnly(result)).toEqual(['breaking']);
  });

  test('renaming a column breaks code still using the old name', async () => {
    const result = await classify(dialect, (op) => op.alterColumn('account', 'mail', { newName: 'email' }));
    expect(kindsOfOnly(result)).toEqual(['breaking']);
  });

  test('adding a NOT NULL column without a default is breaking and a hazard for populated tables', async () => {
    const result = await classify(dialect, (op) =>
      op.addColumn('account', { name: 'joined_at', type: t.bigint(), nullable: false }),
    );
    expect(kindsOfOnly(result)).toEqual(['breaking', 'hazard']);
    expect(
      result.operations[0]!.findings.find((finding) => finding.kind === 'hazard')?.whenTableHasRows,
    ).toBe('account');
  });

  test('adding a NOT NULL column with a default is safe', async () => {
    const result = await classify(dialect, (op) =>
      op.addColumn('account', { name: 'active', type: t.boolean(), nullable: false, default: true }),
    );
    expect(result.kinds).toEqual([]);
  });

  test('adding a nullable column is safe', async () => {
    const result = await classify(dialect, (op) => op.addColumn('account', { name: 'bio', type: t.text() }));
    expect(result.kinds).toEqual([]);
  });

  test('shortening a VARCHAR narrows the type: destructive', async () => {
    const result = await classify(dialect, (op) =>
      op.batchAlterTable('account', (batch) =>
        batch.alterColumn('name', { type: t.string(50), existingType: t.string(100) }),
      ),
    );
    expect(result.kinds).toContain('destructive');
  });

  test('lengthening a VARCHAR keeps every value: not destructive', async () => {
    const result = await classify(dialect, (op) =>
      op.batchAlterTable('account', (batch) =>
        batch.alterColumn('name', { type: t.string(200), existingType: t.string(100) }),
      ),
    );
    expect(result.kinds).not.toContain('destructive');
  });

  test('a type change without existingType may narrow: destructive', async () => {
    const result = await classify(dialect, (op) =>
      op.batchAlterTable('account', (batch) => batch.alterColumn('age', { type: t.integer() })),
    );
    expect(result.operations[0]!.findings.some((finding) => /cannot tell/.test(finding.reason))).toBe(true);
  });

  test('making a column NOT NULL is breaking and lock-heavy', async () => {
    const result = await classify(dialect, (op) =>
      op.batchAlterTable('account', (batch) => batch.alterColumn('email', { nullable: false })),
    );
    expect(result.kinds).toEqual(expect.arrayContaining(['breaking', 'lock-heavy', 'hazard']));
  });

  test('DELETE given to execute is destructive', async () => {
    const result = await classify(dialect, async (op) => {
      await op.execute("DELETE FROM account WHERE name = 'x'");
    });
    expect(kindsOfOnly(result)).toEqual(['destructive']);
  });

  test('SQL ambix cannot parse is unknown, never safe', async () => {
    const result = await classify(dialect, async (op) => {
      await op.execute('GRANT SELECT ON account TO reporting');
    });
    expect(result.kinds).toEqual(['unknown']);
  });

  test('writes through op.db are classified like raw SQL', async () => {
    const result = await classify(dialect, async (op) => {
      await op.db.deleteFrom('account').where('id', '=', 1).execute();
    });
    expect(result.operations.map((operation) => operation.findings.map((finding) => finding.kind))).toEqual([
      ['destructive'],
    ]);
  });

  test('reads given to execute are not operations', async () => {
    const result = await classify(dialect, async (op) => {
      await op.execute('SELECT count(*) FROM account');
    });
    expect(result.operations).toEqual([]);
  });

  test('several statements in one execute are classified one by one', async () => {
    const result = await classify(dialect, async (op) => {
      await op.execute("INSERT INTO log VALUES ('a;b'); DROP TABLE archive");
    });
    expect(result.operations.map((operation) => operation.findings.length > 0)).toEqual([false, true]);
  });

  test('dropping a leftover batch temp table loses nothing', async () => {
    const result = await classify(dialect, async (op) => {
      await op.execute('DROP TABLE IF EXISTS _alembic_tmp_tag');
    });
    expect(result.kinds).toEqual([]);
  });

  test('a revision whose code fails while simulated is unknown and says why', async () => {
    const result = await classify(dialect, async (op) => {
      await op.addColumn('account', { name: 'bio', type: t.text() });
      throw new Error('needs a real row');
    });
    expect(result.kinds).toEqual(['unknown']);
    expect(result.incomplete).toMatch(/needs a real row/);
    expect(result.operations).toHaveLength(1);
  });

  test('a revision that reads the schema without a database is unknown', async () => {
    const result = await classify(dialect, async (op) => {
      if (!(await op.inspect.hasTable('account'))) return;
      await op.dropTable('account');
    });
    expect(result.kinds).toEqual(['unknown']);
    expect(result.incomplete).toMatch(/--url/);
  });

  test('a table created by the same revision is not locked or populated yet', async () => {
    const result = await classify(dialect, async (op) => {
      await op.createTable('tag', { columns: [{ name: 'id', type: t.integer(), primaryKey: true }] });
      await op.createIndex('ix_tag', 'tag', ['id'], { unique: true });
      await op.addColumn('tag', { name: 'name', type: t.text(), nullable: false });
    });
    expect(result.kinds).toEqual(['breaking']);
  });

  test('a SQL revision is classified statement by statement', async () => {
    const result = await classifyRevision(
      { ...REVISION, format: 'sql' },
      { kind: 'sql', upgrade: ['CREATE TABLE t (id INTEGER)', 'ALTER TABLE u DROP COLUMN c'], downgrade: [] },
      { dialect },
    );
    expect(result.operations.map((operation) => operation.findings.map((finding) => finding.kind))).toEqual([
      [],
      ['destructive', 'breaking'],
    ]);
  });
});

describe('PostgreSQL lock rules', () => {
  test('CREATE INDEX without CONCURRENTLY is lock-heavy', async () => {
    const result = await classify('postgresql', (op) => op.createIndex('ix_a', 'account', ['email']));
    expect(kindsOfOnly(result)).toEqual(['lock-heavy']);
  });

  test('CREATE INDEX CONCURRENTLY is safe', async () => {
    const result = await classify('postgresql', (op) =>
      op.createIndex('ix_a', 'account', ['email'], { concurrently: true }),
    );
    expect(result.kinds).toEqual([]);
  });

  test('DROP INDEX without CONCURRENTLY is lock-heavy', async () => {
    const result = await classify('postgresql', (op) => op.dropIndex('ix_a'));
    expect(kindsOfOnly(result)).toEqual(['lock-heavy']);
  });

  test('a foreign key is validated under lock', async () => {
    const result = await classify('postgresql', (op) =>
      op.createForeignKey('fk_a', 'account', 'team', ['team_id'], ['id']),
    );
    expect(result.kinds).toEqual(expect.arrayContaining(['lock-heavy', 'hazard']));
  });

  test('a foreign key added NOT VALID in raw SQL takes no long lock', async () => {
    const result = await classify('postgresql', async (op) => {
      await op.execute(
        'ALTER TABLE account ADD CONSTRAINT fk_a FOREIGN KEY (team_id) REFERENCES team (id) NOT VALID',
      );
    });
    expect(result.kinds).toEqual([]);
  });

  test('a foreign key added in raw SQL without NOT VALID is lock-heavy', async () => {
    const result = await classify('postgresql', async (op) => {
      await op.execute('ALTER TABLE account ADD CONSTRAINT fk_a FOREIGN KEY (team_id) REFERENCES team (id)');
    });
    expect(result.kinds).toEqual(['lock-heavy']);
  });

  test('SET NOT NULL in raw SQL is breaking and lock-heavy', async () => {
    const result = await classify('postgresql', async (op) => {
      await op.execute('ALTER TABLE account ALTER COLUMN email SET NOT NULL');
    });
    expect(result.kinds).toEqual(['breaking', 'lock-heavy']);
  });

  test('a type change rewrites the table', async () => {
    const result = await classify('postgresql', (op) =>
      op.alterColumn('account', 'age', { type: t.bigint(), existingType: t.integer() }),
    );
    expect(kindsOfOnly(result)).toEqual(['lock-heavy']);
  });

  test('raising a VARCHAR limit changes only the catalog', async () => {
    const result = await classify('postgresql', (op) =>
      op.alterColumn('account', 'name', { type: t.string(200), existingType: t.string(100) }),
    );
    expect(result.kinds).toEqual([]);
  });

  test('a volatile default rewrites the table', async () => {
    const result = await classify('postgresql', (op) =>
      op.addColumn('account', {
        name: 'token',
        type: t.uuid(),
        default: { kind: 'sql', sql: 'gen_random_uuid()' },
      }),
    );
    expect(kindsOfOnly(result)).toEqual(['lock-heavy']);
  });
});

describe('MySQL/MariaDB lock rules', () => {
  test('a secondary index is built in place: not lock-heavy', async () => {
    const result = await classify('mysql', (op) => op.createIndex('ix_a', 'account', ['email']));
    expect(result.kinds).toEqual([]);
  });

  test('a type change copies the table', async () => {
    const result = await classify('mysql', (op) =>
      op.alterColumn('account', 'name', { type: t.string(200), existingType: t.string(100) }),
    );
    expect(kindsOfOnly(result)).toEqual(['lock-heavy']);
  });

  test('a foreign key copies the table', async () => {
    const result = await classify('mysql', (op) =>
      op.createForeignKey('fk_a', 'account', 'team', ['team_id'], ['id']),
    );
    expect(result.kinds).toContain('lock-heavy');
  });

  test('MODIFY COLUMN in raw SQL is lock-heavy and may narrow', async () => {
    const result = await classify('mysql', async (op) => {
      await op.execute('ALTER TABLE account MODIFY COLUMN name VARCHAR(20) NOT NULL');
    });
    expect(result.kinds).toEqual(['destructive', 'lock-heavy']);
  });
});

describe('SQLite lock rules', () => {
  test('a batch that drops a column rebuilds the table', async () => {
    const result = await classify('sqlite', (op) =>
      op.batchAlterTable('account', (batch) => batch.dropColumn('email')),
    );
    expect(
      result.operations[0]!.findings.some((finding) => /rebuilds table account/.test(finding.reason)),
    ).toBe(true);
  });

  test('a batch that adds a foreign key rebuilds the table', async () => {
    const result = await classify('sqlite', (op) =>
      op.batchAlterTable('account', (batch) =>
        batch.createForeignKey('fk_team', 'team', ['team_id'], ['id']),
      ),
    );
    expect(result.kinds).toContain('lock-heavy');
  });

  test('adding a plain index is not lock-heavy', async () => {
    const result = await classify('sqlite', (op) => op.createIndex('ix_a', 'account', ['email']));
    expect(result.kinds).toEqual([]);
  });
});

describe.each(ALL_DIALECTS)('raw ALTER TABLE clauses on %s', (dialect) => {
  const kindsFor = async (sql: string) =>
    (
      await classify(dialect, async (op) => {
        await op.execute(sql);
      })
    ).kinds;

  test('ADD COLUMN … NOT NULL without DEFAULT is breaking and a hazard', async () => {
    expect(await kindsFor('ALTER TABLE account ADD COLUMN age INTEGER NOT NULL')).toEqual([
      'breaking',
      'hazard',
    ]);
  });

  test('ADD COLUMN … NOT NULL DEFAULT 0 is safe', async () => {
    expect(await kindsFor('ALTER TABLE account ADD COLUMN age INTEGER NOT NULL DEFAULT 0')).toEqual([]);
  });

  test('DROP CONSTRAINT is not mistaken for dropping a column', async () => {
    expect(await kindsFor('ALTER TABLE account DROP CONSTRAINT fk_team')).toEqual([]);
  });

  test('an ADD CONSTRAINT kind ambix does not know is unknown, not an added column', async () => {
    expect(
      await kindsFor('ALTER TABLE account ADD CONSTRAINT no_overlap EXCLUDE USING gist (period WITH &&)'),
    ).toEqual(['unknown']);
  });

  test('RENAME COLUMN is breaking', async () => {
    expect(await kindsFor('ALTER TABLE account RENAME COLUMN mail TO email')).toEqual(['breaking']);
  });

  test('TRUNCATE is destructive', async () => {
    expect(await kindsFor('TRUNCATE TABLE account')).toEqual(['destructive']);
  });
});
