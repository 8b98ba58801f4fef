/**
 * Every file Brimline persists, written and loaded through its real store. A new persisted file
 * joins the SIGKILL test and the start-up quarantine test by adding one entry here.
 *
 * `open` returns a writer that saves "version n" (encoded in the file's own fields, so the loader
 * can tell which version it found); `load` reads the file back with the store's own loader.
 */
import * as path from 'node:path';
import { mergeSnapshots } from '../../shared/merge';
import { AccountDirectory } from '../../electron/core/usage/account-directory';
import { AlertStore } from '../../electron/core/alerts/alerts';
import { ForecastAlertStore } from '../../electron/core/alerts/forecast-alert-store';
import { DEFAULT_FORECAST_ALERT_OPTIONS } from '../../electron/core/alerts/forecast-alerts';
import { DailyTotalsStore } from '../../electron/core/history/daily-totals';
import { HistoryStore } from '../../electron/core/history/history-store';
import { FILES } from '../../electron/core/platform/paths';
import { SettingsStore } from '../../electron/core/settings/settings-store';
import { SnapshotStore } from '../../electron/core/usage/snapshot-store';
import { ScanStateStore } from '../../electron/core/sources/local-logs/scan-state';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { SourceSnapshot } from '../../shared/domain';

export type LoadOutcome =
  | { kind: 'loaded'; version: number }
  /** Nothing saved yet: the store starts from its defaults. */
  | { kind: 'missing' }
  /** The store set the file aside (`problem` is its message to the user). */
  | { kind: 'quarantined'; problem: string };

export interface PersistedFileEntry {
  name: string;
  /** The file name inside BRIMLINE_DATA_DIR, for the quarantine checks. */
  fileName: string;
  /** Versions are compared after this mapping (a field with a small range wraps around). */
  encode(n: number): number;
  open(dir: string): Promise<{ write(n: number): Promise<void> }>;
  load(dir: string): Promise<LoadOutcome>;
}

const BASE = Date.parse('2026-07-02T20:00:00Z');
const HOUR = 3600_000;

function snapshotAt(n: number): SourceSnapshot {
  return {
    sourceId: 'claude-oauth',
    accountId: 'local',
    state: 'ok',
    error: null,
    fetchedAt: new Date(BASE).toISOString(),
    attemptedAt: new Date(BASE).toISOString(),
    nextAttemptAt: null,
    plan: { name: 'Max 5x', email: null },
    windows: [
      { id: 'five_hour', kind: 'session', label: 'Session (5 h)', usedPercent: 60, resetsAt: new Date(BASE + n * HOUR).toISOString() },
    ],
    extraUsage: null,
  };
}

export const PERSISTED_FILES: PersistedFileEntry[] = [
  {
    name: 'settings',
    fileName: FILES.settings,
    // Never 5, the default, so a saved version is told apart from no file.
    encode: (n) => (n % 1000) + 10,
    async open(dir) {
      const store = new SettingsStore(dir);
      await store.load();
      return { write: async (n) => void (await store.update({ pollIntervalMinutes: (n % 1000) + 10 })) };
    },
    async load(dir) {
      const store = new SettingsStore(dir);
      const s = await store.load();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      // The defaults come back when nothing was saved; a saved file differs from them in this test.
      return JSON.stringify(s) === JSON.stringify(DEFAULT_SETTINGS)
        ? { kind: 'missing' }
        : { kind: 'loaded', version: s.pollIntervalMinutes };
    },
  },
  {
    name: 'last snapshots',
    fileName: FILES.snapshots,
    encode: (n) => n,
    async open(dir) {
      const store = new SnapshotStore(dir);
      return { write: (n) => store.save([{ snapshot: snapshotAt(n), gateUntil: BASE + n, rateLimitStreak: 0, lastAttemptAt: BASE }]) };
    },
    async load(dir) {
      const store = new SnapshotStore(dir);
      const loaded = await store.load();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      const gate = loaded[0]?.gateUntil;
      return gate === undefined || gate === null ? { kind: 'missing' } : { kind: 'loaded', version: gate - BASE };
    },
  },
  {
    name: 'account links',
    fileName: FILES.accounts,
    encode: (n) => n,
    async open(dir) {
      const accounts = new AccountDirectory(dir);
      await accounts.load();
      // Each version is another login in the same folder: the folder follows it and the file is saved again.
      return {
        write: async (n) => {
          accounts.resolve({ accountUuid: `a${n}`, configDir: '/kill/folder' });
          await accounts.flush();
        },
      };
    },
    async load(dir) {
      const accounts = new AccountDirectory(dir);
      await accounts.load();
      if (accounts.loadProblem) return { kind: 'quarantined', problem: accounts.loadProblem };
      const linked = accounts.lookup({ configDir: '/kill/folder' });
      return linked.startsWith('account:a') ? { kind: 'loaded', version: Number(linked.slice('account:a'.length)) } : { kind: 'missing' };
    },
  },
  {
    name: 'alert state',
    fileName: FILES.alerts,
    encode: (n) => n,
    async open(dir) {
      const store = new AlertStore(dir);
      await store.load();
      // Each version is a new cycle of the window that has crossed 50 %: the state changes and is saved.
      return {
        write: async (n) =>
          void (await store.process(mergeSnapshots([snapshotAt(n)]).windows, { thresholds: [50], onReset: false, now: BASE })),
      };
    },
    async load(dir) {
      const store = new AlertStore(dir);
      const state = await store.load();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      const rec = state.windows['local/session'];
      return rec?.resetsAt ? { kind: 'loaded', version: Math.round((Date.parse(rec.resetsAt) - BASE) / HOUR) } : { kind: 'missing' };
    },
  },
  {
    name: 'forecast alert state',
    fileName: FILES.forecastAlerts,
    encode: (n) => n,
    async open(dir) {
      const store = new ForecastAlertStore(dir);
      await store.load();
      // Each version is a new cycle of the window: a new record is saved for it.
      return {
        write: async (n) =>
          void (await store.process(
            mergeSnapshots([snapshotAt(n)]).windows.map((w) => ({ accountId: w.accountId, window: w, forecast: null, fresh: true })),
            { ...DEFAULT_FORECAST_ALERT_OPTIONS, now: BASE },
          )),
      };
    },
    async load(dir) {
      const store = new ForecastAlertStore(dir);
      const state = await store.load();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      const rec = state.windows['local/session'];
      return rec?.resetsAt ? { kind: 'loaded', version: Math.round((Date.parse(rec.resetsAt) - BASE) / HOUR) } : { kind: 'missing' };
    },
  },
  {
    name: 'local-logs scan state',
    fileName: FILES.scanState,
    encode: (n) => n,
    async open(dir) {
      const store = new ScanStateStore(dir);
      const loaded = await store.load();
      let manifest = loaded.manifest;
      let deltaRows = loaded.deltaRows;
      const entries = loaded.store;
      return {
        async write(n) {
          // One new usage row and one transcript's offset per version, as a scan pass saves them.
          entries.add({
            hi: n,
            lo: n * 7 + 1,
            ts: BASE + n,
            model: 'claude-sonnet-4-5',
            sessionId: 's',
            project: 'p',
            inputTokens: n,
            outputTokens: 1,
            cacheCreationTokens: 0,
            cacheReadTokens: 0,
            cacheWrite5m: 0,
            cacheWrite1h: 0,
            costUSD: NaN,
          });
          manifest = { ...manifest, files: { 'p/s.jsonl': { dev: 1, ino: 2, size: n, mtimeMs: BASE, offset: n } } };
          const saved = await store.save(manifest, entries, deltaRows);
          manifest = saved.manifest;
          deltaRows = saved.deltaRows;
        },
      };
    },
    async load(dir) {
      const loaded = await new ScanStateStore(dir).load();
      if (loaded.problem) return { kind: 'quarantined', problem: loaded.problem };
      const f = loaded.manifest.files['p/s.jsonl'];
      if (!f) return { kind: 'missing' };
      // The entries are written before the state that names them: the row of version n must be there.
      const rows = loaded.store.hi.subarray(0, loaded.store.count);
      if (!rows.includes(f.offset)) return { kind: 'quarantined', problem: `offset ${f.offset} was saved but its usage row is missing` };
      return { kind: 'loaded', version: f.offset };
    },
  },
  {
    name: 'history samples',
    // The segment of BASE's day; versions stay within it (n ms after BASE).
    fileName: path.join(FILES.historyDir, 'samples-2026-07-02.jsonl'),
    encode: (n) => n,
    async open(dir) {
      const store = new HistoryStore(dir, { now: () => BASE });
      await store.open();
      return {
        write: async (n) =>
          void (await store.record([
            {
              t: BASE + n,
              accountId: 'acct',
              windowId: 'five_hour',
              kind: 'session',
              sourceId: 'statusline',
              // Distinct each time: an unchanged value within 5 minutes is (rightly) not recorded again.
              usedPercent: n / 1000,
              resetsAt: BASE + 5 * HOUR,
              imported: false,
            },
          ])),
      };
    },
    async load(dir) {
      const store = new HistoryStore(dir, { now: () => BASE });
      await store.open();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      const samples = await store.read({ sinceMs: 0 });
      const last = samples[samples.length - 1];
      return last ? { kind: 'loaded', version: last.t - BASE } : { kind: 'missing' };
    },
  },
  {
    name: 'history daily totals',
    fileName: path.join(FILES.historyDir, FILES.historyDaily),
    encode: (n) => n,
    async open(dir) {
      const store = new DailyTotalsStore(dir, { now: () => BASE });
      await store.load();
      return {
        write: (n) =>
          store.upsert([
            {
              date: '2026-07-02',
              inputTokens: n,
              outputTokens: 0,
              cacheCreationTokens: 0,
              cacheReadTokens: 0,
              totalTokens: n,
              totalCost: n / 100,
            },
          ]),
      };
    },
    async load(dir) {
      const store = new DailyTotalsStore(dir, { now: () => BASE });
      const rows = await store.load();
      if (store.loadProblem) return { kind: 'quarantined', problem: store.loadProblem };
      const row = rows.find((r) => r.date === '2026-07-02');
      return row ? { kind: 'loaded', version: row.totalTokens } : { kind: 'missing' };
    },
  },
];
