/** Production safety: classification of pending revisions, doctor checks, backups, the history record. */
export {
  BackupFailedError,
  BackupToolMissingError,
  NothingToBackUpError,
  RestoreSourceError,
} from './backup/errors.js';
export { backupFileName } from './backup/file-name.js';
export { type ClassifyOptions, classifyRevision, type RowProbe } from './classify.js';
export { type ClassifyPlanOptions, classifyPlan } from './classify-plan.js';
export { declaresContract } from './contract.js';
export { DoctorFoundProblemsError } from './doctor/errors.js';
export type { DoctorCheck, DoctorFinding } from './doctor/finding.js';
export { LintFailedError } from './errors.js';
export type { ClassifiedOperation, Finding, RevisionClassification, RiskKind } from './findings.js';
export { type ChangedRevision, RevisionFileChangedError } from './history/changed.js';
export { revisionChecksum } from './history/checksum.js';
export { recordPlanSteps } from './history/plan-step.js';
export {
  ensureHistoryTable,
  type HistoryConnection,
  historyRow,
  readHistory,
  recordStep,
  type StepFacts,
} from './history/record.js';
export { DEFAULT_HISTORY_TABLE, type HistoryDirection, type HistoryRow } from './history/table.js';
export { verifyAppliedRevisions } from './history/verify.js';
export { rowProbe } from './live-database.js';
export { firstRollingBlock, type RollingBlock, RollingDeployBlockedError } from './rolling.js';
