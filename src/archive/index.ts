// The archive feature as other parts see it: the store-independent core, live ingest of posts,
// bulk import, export, reindex, and the readers the web pages use.
export * from './core.ts';
export { archivePost, type ArchivePostResult } from './store/ingest.ts';
export { defaultImportThreads, importArchive, type ImportCounts, type ImportOptions, type ImportSummary } from './store/import.ts';
export { startPreparePool } from './store/prepare/prepare-pool.ts';
export { exportArchive, type ExportOptions } from './store/export.ts';
export { rethreadList } from './store/rethread.ts';
export { reindexArchive, type ReindexSummary } from './store/reindex.ts';
export { analyse, listTagOf, sha256Hex } from './store/entry.ts';
export { ArchivePayload } from './store/payload.ts';
