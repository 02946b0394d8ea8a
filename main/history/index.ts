// The fleet history: every room's state over time in one SQLite file, with the event log, reports and
// charts' data over it. What the rest of main uses; everything else in this folder is its inside.
export { History, type HistoryOptions } from './history.ts';
export { HistoryStore, type StoreOptions } from './store.ts';
export { presetRange, type AvailabilityOverTime } from './reports.ts';
export { reportAttentionCsv, reportRoomsCsv, reportSitesCsv, logLine, LOG_HEADER } from './csv.ts';
export { demoHistory, demoTiming, DEMO_MEETINGS, DEMO_START_WORDS, DEMO_END_WORDS, type DemoRoom, type DemoTiming, type DemoHistoryOptions } from './demo-history.ts';
export { maskTokens, type Scrub } from './scrub.ts';
export { HISTORY_FILE } from './database.ts';
export type { HistoryInfo } from './protocol.ts';
export { DEFAULT_RETENTION_DAYS, DEFAULT_MAX_BYTES } from './prune.ts';
export * from './types.ts';
