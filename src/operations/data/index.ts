/** Long data migrations: keyset batches, bulk updates, progress, resumable backfills. */
export { type BackfillHost, type BackfillOptions, type BackfillResult, backfill } from './backfill.js';
export { type BulkUpdateOptions, bulkUpdate } from './bulk-update.js';
export { CHECKPOINT_TABLE } from './checkpoint.js';
export { type BatchesOptions, type BatchSource, keysetPages, STORAGE_POSITION } from './pages.js';
export {
  createProgress,
  type ProgressCounter,
  type ProgressEvent,
  type ProgressListener,
} from './progress.js';
export type { DataRunner } from './runner.js';
