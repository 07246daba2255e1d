/**
 * 4ace53fd72c8 on SQLite converts DATETIME text to epoch seconds itself; the numbers must be the
 * ones PostgreSQL's `extract(epoch from created_at)::bigint` gives for the same timestamps,
 * which this test asks PostgreSQL for.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { epochSecondsLikePostgres } from '../../examples/open-webui/migrations/lib/timestamps.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/databases.js';
import { type AnyKysely, connect } from './support/reflect.js';

const TIMESTAMPS: readonly string[] = [
  '2024-10-23 03:00:00',
  '2024-10-23 03:00:00.499999',
  '2024-10-23 03:00:00.5',
  '2024-10-23 03:00:00.500001',
  '2024-10-23 03:00:00.9999994',
  '2024-10-23 03:00:00.9999996',
  '2024-10-23T03:00:00.25',
  '2024-10-23 03:00',
  '2024-10-23',
  '2024-02-29 23:59:59.999999',
  '1969-12-31 23:59:59.5',
  '1969-12-31 23:59:59.4',
  '1900-01-01 00:00:00',
  '2024-10-23 03:00:00+02:00',
];

describeEachDialect(
  'Open WebUI folder timestamps',
  (dialect) => {
    let database: TestDatabase;
    let db: AnyKysely;
    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = connect(database);
    });
    afterAll(async () => {
      await db.destroy();
      await database.drop();
    });

    it.each(TIMESTAMPS)('%s becomes the epoch seconds PostgreSQL gives', async (text) => {
      const { rows } = await db.executeQuery<{ seconds: string }>(
        CompiledQuery.raw(
          'SELECT extract(epoch FROM CAST($1 AS timestamp without time zone))::bigint AS seconds',
          [text],
        ),
      );
      expect(epochSecondsLikePostgres(text)).toBe(Number(rows[0]?.seconds));
    });

    it('text PostgreSQL would not hold as a timestamp is not converted', () => {
      for (const text of ['2024-02-30 00:00:00', '2024-10-23 25:00:00', 'yesterday', '1729652400']) {
        expect(epochSecondsLikePostgres(text)).toBeNull();
      }
    });
  },
  ['postgresql'],
);
