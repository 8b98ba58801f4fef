/** One observation of one merged window of one account, as the history store keeps it. */
export interface HistorySample {
  /** When it was observed (epoch ms). */
  t: number;
  accountId: string;
  windowId: string;
  /** The window's kind (`session`, `weekly`, `weekly_model`, `budget`, `other`). */
  kind: string;
  sourceId: string;
  /** As reported; may exceed 100. */
  usedPercent: number;
  /** The reset time observed with it (epoch ms), null when unknown (imports carry none). */
  resetsAt: number | null;
  /** Backfilled from another app's history rather than observed by Brimline. */
  imported: boolean;
}

/** What the caller knows of a merged window when it records one; `observedAt` is ISO-8601. */
export interface ObservedWindow {
  id: string;
  kind: string;
  usedPercent: number;
  resetsAt: string | null;
  sourceId: string;
  observedAt: string;
}

/** Local-log totals of one calendar day. */
export interface DailyTotal {
  /** YYYY-MM-DD in the zone the local-logs report used. */
  date: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  /** USD, priced models only. */
  totalCost: number;
}
