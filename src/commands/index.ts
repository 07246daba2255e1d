// The library API: one function per command, each returning structured data and never printing.
export { type BranchesResult, type BranchPoint, branches } from './branches.js';
export {
  type CurrentOptions,
  type CurrentResult,
  current,
  NotAtHeadsError,
  readCurrentRows,
} from './current.js';
export { type DowngradeOptions, type DowngradeSqlOptions, downgrade, downgradeSql } from './downgrade.js';
export { type EnsureVersionResult, ensureVersion, ensureVersionSql } from './ensure-version.js';
export * from './errors.js';
export { type GraphNode, type GraphResult, graph } from './graph.js';
export { type HeadsOptions, type HeadsResult, heads } from './heads.js';
export {
  type CurrentRowsReader,
  type HistoryEntry,
  type HistoryOptions,
  type HistoryResult,
  history,
} from './history.js';
export { type InitOptions, type InitResult, init } from './init.js';
export { type MergeOptions, merge } from './merge.js';
export { type MigrateOptions, migrate } from './migrate.js';
export { type NewRevisionSpec, planNewRevision } from './new-revision.js';
export {
  type MigrationResult,
  MissingDatabaseUrlError,
  type OfflineCommandOptions,
  type OnlineCommandOptions,
  type SqlScript,
} from './online.js';
export { loadProject, type Project, type ProjectOptions } from './project.js';
export { type RevisionOptions, type RevisionResult, revision } from './revision.js';
export type { RevisionInfo } from './revision-info.js';
export { type ShowOptions, type ShowResult, show } from './show.js';
export { type StampOptions, type StampSqlOptions, stamp, stampSql } from './stamp.js';
export { type UpgradeOptions, type UpgradeSqlOptions, upgrade, upgradeSql } from './upgrade.js';
