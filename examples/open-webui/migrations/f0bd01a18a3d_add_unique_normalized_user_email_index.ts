/**
 * add unique normalized user email index: a unique partial expression index on lower(email).
 * Refuses, listing them, when two users share an e-mail case-insensitively.
 *
 * The guard looks the index up by name in the catalog on both databases. Upstream's guard is
 * blind to it on SQLite (SQLAlchemy never reflects expression indexes there), so there the
 * downgrade left the index behind and a re-upgrade failed with "index already exists".
 */
import { type Operations, sqlExpression } from 'ambix';
import { DuplicateUserEmailsError } from './lib/errors.js';
import { indexNames } from './lib/schema.js';

export const revision = 'f0bd01a18a3d';
export const downRevision = '959eaac8f909';
export const message = 'add unique normalized user email index';
export const createDate = '2026-07-27 04:41:12.708743';

const INDEX = 'uq_user_email_lower';

async function createIndex(op: Operations): Promise<void> {
  await op.createIndex(INDEX, 'user', [sqlExpression('lower(email)')], {
    unique: true,
    where: 'email IS NOT NULL',
  });
}

export async function upgrade(op: Operations): Promise<void> {
  if (op.offline) {
    await createIndex(op);
    return;
  }
  if ((await indexNames(op, 'user')).has(INDEX)) return;
  const { rows } = await op.execute(
    'SELECT lower(email) AS email, count(*) AS duplicate_count FROM "user" WHERE email IS NOT NULL ' +
      'GROUP BY lower(email) HAVING count(*) > 1 ORDER BY lower(email)',
  );
  if (rows.length > 0) {
    throw new DuplicateUserEmailsError(
      INDEX,
      rows.map((row) => `${String(row.email)} (x${String(row.duplicate_count)})`),
    );
  }
  await createIndex(op);
}

export async function downgrade(op: Operations): Promise<void> {
  if (op.offline || (await indexNames(op, 'user')).has(INDEX)) await op.dropIndex(INDEX, { table: 'user' });
}
