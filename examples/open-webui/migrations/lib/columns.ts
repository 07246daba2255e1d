/** Column shorthands for the shapes Open WebUI declares over and over. */
import { type ColumnSpec, type ColumnType, t } from 'ambix';

/** `Column(Text, primary_key=True, unique=True)`: PRIMARY KEY (id) plus UNIQUE (id) in the DDL. */
export function uniqueTextKey(name = 'id'): ColumnSpec {
  return { name, type: t.text(), nullable: false, primaryKey: true, unique: true };
}

export function textKey(name = 'id'): ColumnSpec {
  return { name, type: t.text(), nullable: false, primaryKey: true };
}

export function column(name: string, type: ColumnType, options: Partial<ColumnSpec> = {}): ColumnSpec {
  return { name, type, ...options };
}

export function required(name: string, type: ColumnType, options: Partial<ColumnSpec> = {}): ColumnSpec {
  return { name, type, nullable: false, ...options };
}
