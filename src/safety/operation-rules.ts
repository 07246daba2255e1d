import type { DialectName } from '../dialect.js';
import type { ColumnSpec } from '../operations/types.js';
import type { Finding } from './findings.js';
import type { OperationCall } from './operation-call.js';
import { isBatchLeftover } from './sql-rules.js';
import { compareTypes, postgresChangeIsCatalogOnly } from './type-change.js';

/**
 * The risks of one schema operation on one dialect. The rules follow what each database does:
 * PostgreSQL takes ACCESS EXCLUSIVE for most ALTERs and scans or rewrites for validation and type
 * changes; MySQL/MariaDB run ALTERs INSTANT or INPLACE when they can and copy the table otherwise;
 * SQLite rebuilds the table for anything beyond adding, renaming and dropping plain columns.
 */
export function classifyOperation(dialect: DialectName, call: OperationCall): Finding[] {
  const findings: Finding[] = [];
  const add = (kind: Finding['kind'], reason: string, extra: Partial<Finding> = {}) =>
    findings.push({ kind, reason, ...extra });
  const rebuild = (what: string) =>
    add(
      'lock-heavy',
      `SQLite rebuilds table ${call.table ?? ''} to ${what}: the whole table is copied while the database is locked`,
    );

  switch (call.kind) {
    case 'createTable':
    case 'bulkInsert':
      break;
    case 'dropTable':
      if (isBatchLeftover(call.table)) break;
      add('destructive', `drops table ${call.table} and every row in it`);
      add('breaking', `code still running the old version reads or writes ${call.table}`);
      break;
    case 'renameTable':
      add('breaking', `code still running the old version uses the name ${call.table}`);
      break;
    case 'addColumn':
      addColumnRules(dialect, call.table, call.column, call.batch === true, add);
      break;
    case 'dropColumn':
      add('destructive', `drops column ${call.table}.${call.column} and its data`);
      add('breaking', `code still running the old version reads or writes ${call.table}.${call.column}`);
      if (dialect === 'sqlite' && call.batch) rebuild(`drop ${call.column}`);
      if (dialect === 'mysql')
        add(
          'lock-heavy',
          'MySQL/MariaDB rebuild the table to drop a column (ALGORITHM=INPLACE at best, INSTANT only on MySQL 8.0.29+)',
        );
      break;
    case 'alterColumn': {
      const { changes } = call;
      const column = `${call.table}.${call.column}`;
      if (changes.newName !== undefined && changes.newName !== call.column) {
        add(
          'breaking',
          `renames ${column} to ${changes.newName}: code still running the old version uses the old name`,
        );
      }
      if (changes.type !== undefined) {
        const change = compareTypes(changes.existingType, changes.type);
        if (change === 'narrowing')
          add(
            'destructive',
            `narrows the type of ${column}: values that do not fit are lost or make it fail`,
          );
        if (change === 'unknown')
          add(
            'destructive',
            `changes the type of ${column} and ambix cannot tell whether it narrows (give existingType)`,
          );
        if (dialect === 'postgresql' && !postgresChangeIsCatalogOnly(changes.existingType, changes.type)) {
          add(
            'lock-heavy',
            `PostgreSQL rewrites ${call.table} under an ACCESS EXCLUSIVE lock to change a column type`,
          );
        }
        if (dialect === 'mysql')
          add('lock-heavy', `MySQL/MariaDB copy ${call.table} (ALGORITHM=COPY) to change a column type`);
        if (dialect === 'sqlite') rebuild(`change the type of ${call.column}`);
      }
      if (changes.nullable === false && changes.existingNullable !== false) {
        add('breaking', `makes ${column} NOT NULL: code still running the old version may write NULL`);
        add('hazard', `fails if ${column} holds NULL values; fill them first`, {
          whenTableHasRows: call.table,
        });
        if (dialect === 'postgresql')
          add(
            'lock-heavy',
            `PostgreSQL scans all of ${call.table} under an ACCESS EXCLUSIVE lock for SET NOT NULL (add a NOT VALID check constraint and validate it first)`,
          );
        if (dialect === 'mysql')
          add('lock-heavy', `MySQL/MariaDB rebuild ${call.table} to make a column NOT NULL`);
        if (dialect === 'sqlite') rebuild(`make ${call.column} NOT NULL`);
      } else if (changes.nullable === true && dialect === 'sqlite' && changes.existingNullable !== true) {
        rebuild(`make ${call.column} nullable`);
      }
      break;
    }
    case 'createIndex':
      if (dialect === 'postgresql' && !call.concurrently) {
        add(
          'lock-heavy',
          `CREATE INDEX ${call.name} blocks writes to ${call.table} while it builds; use { concurrently: true }`,
        );
      }
      if (call.unique)
        add('hazard', `fails if ${call.table} already holds duplicate values for ${call.name}`, {
          whenTableHasRows: call.table,
        });
      break;
    case 'dropIndex':
      if (dialect === 'postgresql' && !call.concurrently) {
        add(
          'lock-heavy',
          `DROP INDEX ${call.name} takes an ACCESS EXCLUSIVE lock on its table; use { concurrently: true }`,
        );
      }
      break;
    case 'createPrimaryKey':
    case 'createUniqueConstraint':
      if (dialect === 'postgresql')
        add(
          'lock-heavy',
          `PostgreSQL builds the index of ${call.name} while ${call.table} is locked against writes`,
        );
      if (dialect === 'mysql' && call.kind === 'createPrimaryKey')
        add('lock-heavy', `MySQL/MariaDB rebuild ${call.table} to add a primary key`);
      if (dialect === 'sqlite') rebuild(`add ${call.name}`);
      add('hazard', `fails if ${call.table} already holds duplicate values for ${call.name}`, {
        whenTableHasRows: call.table,
      });
      break;
    case 'createForeignKey':
      if (dialect === 'postgresql')
        add(
          'lock-heavy',
          `PostgreSQL validates ${call.name} by scanning ${call.table} while both tables are locked against writes (add it NOT VALID, then VALIDATE CONSTRAINT)`,
        );
      if (dialect === 'mysql')
        add(
          'lock-heavy',
          `MySQL/MariaDB copy ${call.table} (ALGORITHM=COPY) to add a foreign key while foreign_key_checks is on`,
        );
      if (dialect === 'sqlite') rebuild(`add ${call.name}`);
      add('hazard', `fails if rows of ${call.table} reference missing rows of ${call.referencedTable}`, {
        whenTableHasRows: call.table,
      });
      break;
    case 'createCheckConstraint':
      if (dialect === 'postgresql')
        add(
          'lock-heavy',
          `PostgreSQL scans ${call.table} under an ACCESS EXCLUSIVE lock to validate ${call.name} (add it NOT VALID, then VALIDATE CONSTRAINT)`,
        );
      if (dialect === 'mysql')
        add('lock-heavy', `MySQL/MariaDB copy ${call.table} (ALGORITHM=COPY) to add a check constraint`);
      if (dialect === 'sqlite') rebuild(`add ${call.name}`);
      add('hazard', `fails if rows of ${call.table} violate ${call.name}`, { whenTableHasRows: call.table });
      break;
    case 'dropConstraint':
      if (dialect === 'sqlite') rebuild(`drop ${call.name}`);
      if (dialect === 'mysql' && call.type === 'primary')
        add('lock-heavy', `MySQL/MariaDB rebuild ${call.table} to drop its primary key`);
      break;
  }
  return findings;
}

function addColumnRules(
  dialect: DialectName,
  table: string,
  column: ColumnSpec,
  batch: boolean,
  add: (kind: Finding['kind'], reason: string, extra?: Partial<Finding>) => void,
): void {
  const notNull = column.nullable === false || column.primaryKey === true;
  if (notNull && column.default === undefined) {
    add(
      'breaking',
      `adds ${table}.${column.name} NOT NULL without a default: inserts by code still running the old version fail`,
    );
    add(
      'hazard',
      `adds ${table}.${column.name} NOT NULL without a default: fails when ${table} has rows (MySQL/MariaDB fill them with an implicit zero value instead)`,
      {
        whenTableHasRows: table,
      },
    );
  }
  if (dialect === 'postgresql' && column.default !== undefined && isVolatileDefault(column)) {
    add(
      'lock-heavy',
      `PostgreSQL rewrites ${table} under an ACCESS EXCLUSIVE lock to fill ${column.name} with a volatile default`,
    );
  }
  if (dialect === 'postgresql' && column.references !== undefined) {
    add(
      'lock-heavy',
      `PostgreSQL locks ${table} and ${column.references.table} against writes while it validates the new foreign key`,
    );
  }
  const keyed = column.unique === true || column.primaryKey === true || column.index === true;
  if (dialect === 'postgresql' && keyed)
    add(
      'lock-heavy',
      `PostgreSQL builds the index of ${column.name} while ${table} is locked against writes`,
    );
  if (dialect === 'mysql' && (column.primaryKey === true || column.references !== undefined)) {
    add('lock-heavy', `MySQL/MariaDB rebuild ${table} to add a key or foreign key column`);
  }
  if (
    dialect === 'sqlite' &&
    (column.primaryKey === true ||
      column.unique === true ||
      (batch && notNull && column.default === undefined))
  ) {
    add(
      'lock-heavy',
      `SQLite rebuilds table ${table} to add ${column.name} with a key or NOT NULL without default: the whole table is copied while the database is locked`,
    );
  }
}

/** Defaults PostgreSQL must evaluate per row (anything beyond literals, now() and CURRENT_*). */
function isVolatileDefault(column: ColumnSpec): boolean {
  const value = column.default;
  if (typeof value !== 'object' || value === null || value.kind !== 'sql') return false;
  return !/^\s*(now\(\)|current_(timestamp|date|time)|'[^']*'(::\w+)?|-?\d+(\.\d+)?|true|false|null)\s*$/i.test(
    value.sql,
  );
}
