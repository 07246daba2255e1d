import type { DialectName } from '../dialect.js';
import type { WillFail } from './will-fail.js';

/**
 * What can go wrong when an operation runs in production. An operation with no finding is safe;
 * anything ambix cannot reason about is `unknown`, never safe.
 */
export type RiskKind = 'destructive' | 'breaking' | 'lock-heavy' | 'hazard' | 'unknown';

export const RISK_KINDS: readonly RiskKind[] = ['destructive', 'breaking', 'lock-heavy', 'hazard', 'unknown'];

export interface Finding {
  readonly kind: RiskKind;
  readonly reason: string;
  /**
   * Set on hazards that only bite when this table has rows (a NOT NULL column without default):
   * with a live database the hazard is kept only when the table really has rows.
   */
  readonly whenTableHasRows?: string;
}

/** One operation a revision would perform, as `op` received it, with what it risks. */
export interface ClassifiedOperation {
  /** `dropColumn(user.email)`, `batchAlterTable(chat).alterColumn(title)`, `execute: DELETE FROM …`. */
  readonly operation: string;
  readonly findings: readonly Finding[];
}

export interface RevisionClassification {
  readonly revision: string;
  readonly path: string;
  readonly message: string | null;
  readonly dialect: DialectName;
  readonly operations: readonly ClassifiedOperation[];
  /** Every kind found in the revision, in RISK_KINDS order; empty means safe. */
  readonly kinds: readonly RiskKind[];
  /** Why the revision's code stopped before its end while being simulated, if it did. */
  readonly incomplete: string | null;
  /**
   * Operations the live database will refuse, each with the fix to apply first (lint and --plan
   * with a database URL); empty without a database.
   */
  readonly willFail: readonly WillFail[];
}

export function kindsOf(operations: readonly ClassifiedOperation[], incomplete: string | null): RiskKind[] {
  const found = new Set(operations.flatMap((operation) => operation.findings.map((finding) => finding.kind)));
  if (incomplete !== null) found.add('unknown');
  return RISK_KINDS.filter((kind) => found.has(kind));
}
