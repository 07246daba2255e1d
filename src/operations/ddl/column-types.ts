import type { DialectName } from '../../dialect.js';
import type { ColumnType } from '../types.js';

/** How each neutral type is spelled in each dialect's DDL. */
export function renderColumnType(dialect: DialectName, type: ColumnType): string {
  switch (type.kind) {
    case 'raw':
      return type.sql;
    case 'text':
      return 'TEXT';
    case 'string':
      // MySQL cannot declare a VARCHAR without a length; 255 is the conventional choice.
      if (type.length !== undefined) return `VARCHAR(${type.length})`;
      return dialect === 'mysql' ? 'VARCHAR(255)' : 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'boolean':
      return dialect === 'mysql' ? 'BOOL' : 'BOOLEAN';
    case 'float':
      return dialect === 'postgresql' ? 'REAL' : 'FLOAT';
    case 'double':
      return dialect === 'postgresql' ? 'DOUBLE PRECISION' : 'DOUBLE';
    case 'numeric': {
      const name = dialect === 'mysql' ? 'DECIMAL' : 'NUMERIC';
      if (type.precision === undefined) return name;
      return type.scale === undefined
        ? `${name}(${type.precision})`
        : `${name}(${type.precision}, ${type.scale})`;
    }
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      if (dialect === 'postgresql') {
        return type.withTimeZone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP WITHOUT TIME ZONE';
      }
      // Neither SQLite nor MySQL's DATETIME keeps a zone; MySQL's TIMESTAMP has other surprises.
      return 'DATETIME';
    case 'json':
      return 'JSON';
    case 'jsonb':
      return dialect === 'postgresql' ? 'JSONB' : 'JSON';
    case 'uuid':
      return dialect === 'postgresql' ? 'UUID' : 'CHAR(36)';
    case 'binary':
      if (dialect === 'postgresql') return 'BYTEA';
      if (dialect === 'mysql' && type.length !== undefined) return `VARBINARY(${type.length})`;
      return 'BLOB';
  }
}

const SERIAL_TYPES: Partial<Record<ColumnType['kind'], string>> = {
  integer: 'SERIAL',
  bigint: 'BIGSERIAL',
  smallint: 'SMALLSERIAL',
};

/** PostgreSQL's auto-incrementing spelling of an integer type, if it has one. */
export function postgresSerialType(type: ColumnType): string | undefined {
  return SERIAL_TYPES[type.kind];
}

export function isIntegerType(type: ColumnType): boolean {
  return type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'smallint';
}
