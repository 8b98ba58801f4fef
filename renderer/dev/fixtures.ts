/**
 * Named app states for the fake bridge (`?state=…`): every state the popover must show. Times are
 * relative to `now` so countdowns look the same whenever the page is opened.
 */
import { LOCAL_ACCOUNT_ID, type SourceSnapshot, type UsageWindow } from '../../shared/domain';
import type { AppState } from '../../shared/ipc';
import { mergeSnapshots } from '../../shared/merge';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { fixtureOutlook } from './history-fixtures';

export const FIXTURE_NAMES = [
  'ok',
  'stale',
  'rate-limited',
  'login-expired',
  'no-keychain',
  'no-sources',
  'first-scan',
  'past-reset',
  'local-logs',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function isFixtureName(v: string | null): v is FixtureName {
  return v !== null && (FIXTURE_NAMES as readonly string[]).includes(v);
}

/** The account the plan fixtures belong to, as the OAuth profile would name it. */
export const FIXTURE_ACCOUNT = 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function planWindows(now: number): UsageWindow[] {
  return [
    { id: 'five_hour', kind: 'session', label: 'Current session', usedPercent: 62, resetsAt: iso(now + 2 * HOUR + 13 * MIN) },
    { id: 'seven_day', kind: 'weekly', label: 'Current week (all models)', usedPercent: 34, resetsAt: iso(now + 3 * DAY + 5 * HOUR) },
    { id: 'weekly_model:opus', kind: 'weekly_model', label: 'Opus', usedPercent: 81, resetsAt: iso(now + 3 * DAY + 5 * HOUR) },
    { id: 'weekly_model:sonnet', kind: 'weekly_model', label: 'Sonnet', usedPercent: 93, resetsAt: iso(now + 3 * DAY + 5 * HOUR) },
  ];
}

function planSnapshot(now: number, overrides: Partial<SourceSnapshot> = {}): SourceSnapshot {
  return {
    sourceId: 'claude-oauth',
    accountId: FIXTURE_ACCOUNT,
    state: 'ok',
    error: null,
    fetchedAt: iso(now - 2 * MIN),
    attemptedAt: iso(now - 2 * MIN),
    nextAttemptAt: iso(now + 3 * MIN),
    plan: { name: 'Max 5x', email: 'ada@example.com' },
    windows: planWindows(now),
    extraUsage: { enabled: true, used: 7.63, limit: 20, currency: 'EUR', percent: 38.15 },
    ...overrides,
  };
}

function localSnapshot(now: number, overrides: Partial<SourceSnapshot> = {}): SourceSnapshot {
  const blockStart = now - 2 * HOUR - 20 * MIN;
  return {
    sourceId: 'local-logs',
    accountId: LOCAL_ACCOUNT_ID,
    state: 'ok',
    error: null,
    fetchedAt: iso(now - 1 * MIN),
    attemptedAt: iso(now - 1 * MIN),
    nextAttemptAt: null,
    plan: null,
    windows: [],
    extraUsage: null,
    local: {
      today: {
        inputTokens: 18_204,
        outputTokens: 402_118,
        cacheCreationTokens: 1_204_551,
        cacheReadTokens: 21_873_002,
        totalTokens: 23_497_875,
        totalCost: 14.82,
      },
      week: {
        inputTokens: 120_988,
        outputTokens: 2_611_730,
        cacheCreationTokens: 8_450_112,
        cacheReadTokens: 151_002_443,
        totalTokens: 162_185_273,
        totalCost: 96.4,
      },
      activeBlock: {
        inputTokens: 9_120,
        outputTokens: 188_402,
        cacheCreationTokens: 602_114,
        cacheReadTokens: 9_880_231,
        totalTokens: 10_679_867,
        totalCost: 6.91,
        startTime: iso(blockStart),
        endTime: iso(blockStart + 5 * HOUR),
        burnRate: { tokensPerHour: 4_577_086, costPerHour: 2.96 },
        projection: { totalTokens: 22_885_430, totalCost: 14.8 },
      },
      unpricedModels: [],
    },
    ...overrides,
  };
}

function baseState(snapshots: SourceSnapshot[]): AppState {
  return {
    snapshots,
    view: mergeSnapshots(snapshots),
    problems: [],
    settings: structuredClone(DEFAULT_SETTINGS),
    secrets: { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null },
    claudeCode: { found: true, detail: '~/.claude/.credentials.json' },
    launchAtLogin: false,
    refreshAllowedAt: null,
    appVersion: '0.1.0-dev',
    platform: 'linux',
    alerts: {},
    outlook: {},
  };
}

/** Each fixture with the pace and forecast its windows' history gives (Sonnet has too little of it). */
export function fixtureState(name: FixtureName, now: number): AppState {
  const state = baseFixture(name, now);
  return { ...state, outlook: fixtureOutlook(state.view, now, ['weekly_model:sonnet']) };
}

function baseFixture(name: FixtureName, now: number): AppState {
  switch (name) {
    case 'ok':
      // Matches the windows above: Session passed 50, Opus 75 and Sonnet 90 in this cycle.
      return {
        ...baseState([planSnapshot(now)]),
        alerts: {
          [`${FIXTURE_ACCOUNT}/session`]: 50,
          [`${FIXTURE_ACCOUNT}/weekly_model:opus`]: 75,
          [`${FIXTURE_ACCOUNT}/weekly_model:sonnet`]: 90,
        },
      };
    case 'stale':
      return baseState([
        planSnapshot(now, {
          state: 'stale',
          fetchedAt: iso(now - 47 * MIN),
          attemptedAt: iso(now - 1 * MIN),
          nextAttemptAt: iso(now + 4 * MIN),
          error: { code: 'unavailable', message: 'api.anthropic.com answered 503; retrying.', action: { kind: 'retry' } },
        }),
      ]);
    case 'rate-limited': {
      const at = iso(now + 12 * MIN);
      const state = baseState([
        planSnapshot(now, {
          state: 'stale',
          fetchedAt: iso(now - 18 * MIN),
          attemptedAt: iso(now - 30_000),
          nextAttemptAt: at,
          error: { code: 'rate_limited', message: 'Rate limited (429). Next attempt at the time shown.', action: { kind: 'retry_at', at } },
        }),
      ]);
      state.refreshAllowedAt = at;
      return state;
    }
    case 'login-expired':
      return baseState([
        planSnapshot(now, {
          state: 'error',
          fetchedAt: null,
          windows: [],
          extraUsage: null,
          plan: null,
          error: {
            code: 'login_expired',
            message: 'The Claude Code login has expired. Run `claude` to sign in again.',
            action: { kind: 'run_command', command: 'claude' },
          },
        }),
      ]);
    case 'no-keychain': {
      const state = baseState([
        planSnapshot(now),
        {
          sourceId: 'claude-web',
          accountId: LOCAL_ACCOUNT_ID,
          state: 'error',
          error: {
            code: 'keychain_unavailable',
            message: 'No keychain: the session key is kept in memory only.',
            action: { kind: 'open_settings' },
          },
          fetchedAt: null,
          attemptedAt: iso(now - MIN),
          nextAttemptAt: null,
          plan: null,
          windows: [],
          extraUsage: null,
        },
      ]);
      state.secrets = {
        saved: { claudeSessionKey: false, adminApiKey: false },
        backend: 'memory',
        keychainProblem: 'libsecret is not installed',
      };
      return state;
    }
    case 'no-sources': {
      const state = baseState([
        {
          sourceId: 'claude-oauth',
          accountId: LOCAL_ACCOUNT_ID,
          state: 'unconfigured',
          error: { code: 'no_credentials', message: 'No Claude Code login found.', action: { kind: 'run_command', command: 'claude' } },
          fetchedAt: null,
          attemptedAt: iso(now - MIN),
          nextAttemptAt: null,
          plan: null,
          windows: [],
          extraUsage: null,
        },
      ]);
      state.claudeCode = { found: false, detail: 'no ~/.claude/.credentials.json and no CLAUDE_CONFIG_DIR' };
      return state;
    }
    case 'first-scan':
      return baseState([
        planSnapshot(now),
        localSnapshot(now, {
          fetchedAt: null,
          local: null,
          scan: { filesDone: 412, filesTotal: 1280, bytesDone: 215_000_000, bytesTotal: 690_000_000 },
        }),
      ]);
    case 'past-reset': {
      const windows = planWindows(now);
      windows[0] = { ...windows[0]!, usedPercent: 97, resetsAt: iso(now - 5 * MIN) };
      return baseState([planSnapshot(now, { windows, fetchedAt: iso(now - 9 * MIN) })]);
    }
    case 'local-logs': {
      const local = localSnapshot(now);
      if (local.local) local.local.unpricedModels = ['claude-experimental-9'];
      return baseState([
        planSnapshot(now, { extraUsage: { enabled: false, used: null, limit: null, currency: 'USD', percent: null } }),
        local,
      ]);
    }
  }
}
