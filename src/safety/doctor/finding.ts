import type { VersionRowsCheck } from '../../script/version-diagnosis.js';

/** The checks `ambix doctor` runs; each finding names the one that produced it. */
export type DoctorCheck =
  | 'config'
  | 'migrations-folder'
  | 'revision-files'
  | 'connection'
  | 'foreign-key-target'
  | 'missing-primary-key'
  | 'batch-leftover'
  | 'multiple-heads-files'
  | VersionRowsCheck
  | 'changed-revision'
  | 'schema-version'
  | 'verify';

export interface DoctorFinding {
  readonly check: DoctorCheck;
  /** `error`: something is broken or will break a migration; `warning`: worth a look. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** What to do, as a command or SQL when there is one. */
  readonly fix: string;
}
