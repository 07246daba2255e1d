// What the library entry (index.ts) exports: the documented API (README "From your application", "The operations API",
// "The schema in code") and nothing else: the commands with their options and results, the `op`
// API and its types, the schema API, the config helpers, and every error a caller may catch.
// Internals (the revision graph, planners, loader, reflection, safety rules) stay internal. The CLI
// itself (`runCli`, and commander with it) is the separate entry 'ambix/cli', so an app's
// `migrate()` never loads it.

export type * from './autogenerate/model.js';
export {
  type AnyColumn,
  type CheckDeclaration,
  ColumnBuilder,
  type ColumnDeclaration,
  type ColumnsOf,
  check,
  column,
  DEFAULT_NAMING,
  type DialectColumnOverride,
  defineSchema,
  type ForeignKeyDeclaration,
  type ForeignKeyNameContext,
  type ForeignKeyOptions as SchemaForeignKeyOptions,
  foreignKey,
  type IndexDeclaration,
  type IndexElementDeclaration,
  type IndexOptions,
  type InferDatabase,
  type InferTable,
  InvalidSchemaError,
  index,
  isSchema,
  type NameContext,
  type NamingConvention,
  type NamingRule,
  type ReferenceOptions,
  type Schema,
  type SchemaModelOptions,
  type SchemaOptions,
  type SchemaProblem,
  schemaModel,
  sql,
  type TableDefinition,
  type TableOptions,
  type TablesOf,
  table,
  type UniqueDeclaration,
  unique,
  type ValueTypes,
} from './autogenerate/schema/index.js';
export {
  AutogenerateFormatError,
  type AutogenerateOptions,
  type AutogenerateResult,
  autogenerateRevision,
  type ChangeReport,
  type CheckResult,
  type CompareCommandOptions,
  type ComparisonReport,
  checkSchema,
  InvalidSchemaModuleError,
  MissingSchemaModuleError,
  TargetDatabaseNotUpToDateError,
} from './commands/autogenerate.js';
export { type BackupOptions, type BackupResult, backup } from './commands/backup.js';
export { type BaselineOptions, type BaselineResult, baseline } from './commands/baseline.js';
export { type DoctorOptions, type DoctorResult, doctor } from './commands/doctor.js';
export { drawGraph, GRAPH_FORMATS, type GraphFormat } from './commands/graph.js';
export {
  BaselineRefusedError,
  type BranchesResult,
  type BranchPoint,
  branches,
  type CurrentOptions,
  type CurrentResult,
  type CurrentRowsReader,
  current,
  DirectoryNotEmptyError,
  type DowngradeOptions,
  type DowngradeSqlOptions,
  DuplicateParentsError,
  downgrade,
  downgradeSql,
  type EnsureVersionResult,
  ensureVersion,
  ensureVersionSql,
  type GraphNode,
  type GraphResult,
  graph,
  type HeadsOptions,
  type HeadsResult,
  type HistoryEntry,
  type HistoryOptions,
  type HistoryResult,
  heads,
  history,
  type InitOptions,
  type InitResult,
  InvalidBranchLabelError,
  init,
  loadProject,
  type MergeOptions,
  type MigrateOptions,
  type MigrationResult,
  MissingDatabaseUrlError,
  MultipleHeadsForRevisionError,
  merge,
  migrate,
  NameTakenError,
  NotAHeadError,
  NotAtHeadsError,
  NotSingleRevisionError,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  type Project,
  ProjectNotFoundError,
  type ProjectOptions,
  type RevisionInfo,
  type RevisionOptions,
  type RevisionResult,
  readCurrentRows,
  revision,
  type ShowOptions,
  type ShowResult,
  type SqlScript,
  type StampOptions,
  type StampSqlOptions,
  show,
  stamp,
  stampSql,
  type UpgradeOptions,
  type UpgradeSqlOptions,
  upgrade,
  upgradeSql,
  VersionPathNotConfiguredError,
  VersionPathRequiredError,
} from './commands/index.js';
export { type LintOptions, type LintResult, lint } from './commands/lint.js';
export { type LogOptions, type LogResult, log } from './commands/log.js';
export { type RestoreOptions, type RestoreResult, restore } from './commands/restore.js';
export { type UpgradePlanOptions, upgradePlan } from './commands/upgrade.js';
export type { UpgradeSafetyOptions } from './commands/upgrade-checks.js';
export { ConfigFileNotFoundError, defineConfig, InvalidConfigError } from './config/index.js';
export type {
  AmbixConfig,
  AutogenerateConfig,
  ResolvedAutogenerateConfig,
  ResolvedConfig,
  RevisionFileFormat,
  TransactionMode,
} from './config/types.js';
export * from './dialect.js';
export * from './errors.js';
export { ModuleNotFoundError, ModuleSyntaxError } from './loader/errors.js';
export type * from './operations/context.js';
export * from './operations/index.js';
export { DriverNotInstalledError } from './runtime/driver-errors.js';
export * from './runtime/errors.js';
export type { RunEvent, RunEventListener, StepInfo } from './runtime/events.js';
export { describeStep } from './runtime/events.js';
export {
  BackupFailedError,
  BackupToolMissingError,
  NothingToBackUpError,
  RestoreSourceError,
} from './safety/backup/errors.js';
export { DoctorFoundProblemsError } from './safety/doctor/errors.js';
export type { DoctorCheck, DoctorFinding } from './safety/doctor/finding.js';
export { LintFailedError } from './safety/errors.js';
export type { ClassifiedOperation, Finding, RevisionClassification, RiskKind } from './safety/findings.js';
export { type ChangedRevision, RevisionFileChangedError } from './safety/history/changed.js';
export type { HistoryDirection, HistoryRow } from './safety/history/table.js';
export { type RollingBlock, RollingDeployBlockedError } from './safety/rolling.js';
export * from './script/file-errors.js';
export { FileTemplateError } from './script/file-name.js';
export * from './script/graph-errors.js';
export type * from './script/plan.js';
export type * from './script/revision.js';
