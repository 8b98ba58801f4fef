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
  'desktop-notes',
  'no-tray-host',
  'notices',
  'web-and-api',
  'two-accounts',
  'same-login',
  'team-org',
  'desktop-code',
  'wayland',
] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function isFixtureName(v: string | null): v is FixtureName {
  return v !== null && (FIXTURE_NAMES as readonly string[]).includes(v);
}

/** The account the plan fixtures belong to, as the OAuth profile would name it. */
export const FIXTURE_ACCOUNT = 'account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7';

/** The home folder of the fixtures' Claude Code folders (the fake bridge resolves `~/` with it). */
export const FIXTURE_HOME = '/home/ada';

/** The `two-accounts` fixture: a work login in ~/.claude-work, a personal one in ~/.claude. */
export const WORK_ACCOUNT = 'account:5f0c2b8e-7d4a-4e61-9a3b-2c8d9e0f1a2b';
export const PERSONAL_ACCOUNT = 'account:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

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
    // As the app polls it: once per Claude Code folder, here the default one.
    key: `claude-oauth@${FIXTURE_HOME}/.claude`,
    folder: `${FIXTURE_HOME}/.claude`,
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

/** The claude.ai organisations of the `web-and-api` fixture's session key. */
export const FIXTURE_ORGS = [
  { uuid: '631972a6-f5c1-452a-838f-e7713f861d09', name: 'Ada’s Individual Org' },
  { uuid: 'b0b0b0b0-1111-2222-3333-444455556666', name: 'Acme Team' },
];

/** A subscriber without Claude Code (claude.ai session key) who also tracks API spend against a budget. */
function webAndApiSnapshots(now: number): SourceSnapshot[] {
  const nextMonth = new Date(now);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1, 1);
  nextMonth.setUTCHours(0, 0, 0, 0);
  const monthStart = new Date(now);
  monthStart.setUTCDate(1);
  monthStart.setUTCHours(0, 0, 0, 0);
  const todayStart = new Date(now);
  todayStart.setUTCHours(0, 0, 0, 0);
  return [
    {
      sourceId: 'claude-web',
      accountId: `org:${FIXTURE_ORGS[0]!.uuid}`,
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 3 * MIN),
      attemptedAt: iso(now - 3 * MIN),
      nextAttemptAt: iso(now + 2 * MIN),
      plan: { name: 'Max 5x', email: null },
      windows: [
        { id: 'five_hour', kind: 'session', label: 'Current session', usedPercent: 27, resetsAt: iso(now + 3 * HOUR + 41 * MIN) },
        { id: 'seven_day', kind: 'weekly', label: 'Current week (all models)', usedPercent: 58, resetsAt: iso(now + 4 * DAY + 2 * HOUR) },
      ],
      extraUsage: { enabled: true, used: 4.2, limit: 50, currency: 'USD', percent: 8.4 },
    },
    {
      sourceId: 'admin-api',
      accountId: 'org:7564efdd-1fa9-4b50-b261-1d69b6bb72f7',
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 4 * MIN),
      attemptedAt: iso(now - 4 * MIN),
      nextAttemptAt: iso(now + MIN),
      plan: null,
      windows: [
        { id: 'budget:api-monthly', kind: 'budget', label: 'API budget (month)', usedPercent: 76.4, resetsAt: iso(nextMonth.getTime()) },
      ],
      extraUsage: null,
      apiSpend: {
        currency: 'USD',
        monthToDateUsd: 382.0412,
        monthToDateExact: '382.0412',
        monthStart: iso(monthStart.getTime()),
        todayByModel: [
          {
            model: 'claude-opus-5',
            inputTokens: 182_000,
            outputTokens: 64_200,
            cacheCreationTokens: 120_000,
            cacheReadTokens: 2_400_000,
            totalTokens: 2_766_200,
          },
          {
            model: 'claude-haiku-4-5',
            inputTokens: 910_000,
            outputTokens: 88_000,
            cacheCreationTokens: 0,
            cacheReadTokens: 0,
            totalTokens: 998_000,
          },
        ],
        todayStart: iso(todayStart.getTime()),
        budgetUsd: 500,
      },
    },
  ];
}

/**
 * Two subscriptions kept apart in two Claude Code folders: work (Max 20x, polled and fed by its
 * status line, which saw the session more recently) and personal (Pro, near 80 % of its week),
 * the local logs on this computer, and an old folder whose login is gone.
 */
function twoAccountsSnapshots(now: number): SourceSnapshot[] {
  const work = `${FIXTURE_HOME}/.claude-work`;
  const personal = `${FIXTURE_HOME}/.claude`;
  const old = `${FIXTURE_HOME}/.claude-old`;
  const week = iso(now + 2 * DAY + 7 * HOUR);
  return [
    {
      sourceId: 'claude-oauth',
      key: `claude-oauth@${work}`,
      folder: work,
      accountId: WORK_ACCOUNT,
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 6 * MIN),
      attemptedAt: iso(now - 6 * MIN),
      nextAttemptAt: iso(now + 24 * MIN),
      plan: { name: 'Max 20x', email: 'ada@work.example' },
      windows: [
        { id: 'five_hour', kind: 'session', label: 'Current session', usedPercent: 38, resetsAt: iso(now + 3 * HOUR + 10 * MIN) },
        { id: 'seven_day', kind: 'weekly', label: 'Current week (all models)', usedPercent: 21, resetsAt: week },
        { id: 'weekly_model:opus', kind: 'weekly_model', label: 'Opus', usedPercent: 44, resetsAt: week },
      ],
      extraUsage: { enabled: false, used: null, limit: null, currency: 'USD', percent: null },
    },
    {
      sourceId: 'claude-oauth',
      key: `claude-oauth@${personal}`,
      folder: personal,
      accountId: PERSONAL_ACCOUNT,
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 3 * MIN),
      attemptedAt: iso(now - 3 * MIN),
      nextAttemptAt: iso(now + 2 * MIN),
      plan: { name: 'Pro', email: 'ada@example.com' },
      windows: [
        { id: 'five_hour', kind: 'session', label: 'Current session', usedPercent: 12, resetsAt: iso(now + 4 * HOUR + 2 * MIN) },
        { id: 'seven_day', kind: 'weekly', label: 'Current week (all models)', usedPercent: 79, resetsAt: iso(now + 1 * DAY + 9 * HOUR) },
      ],
      extraUsage: null,
    },
    {
      sourceId: 'claude-oauth',
      key: `claude-oauth@${old}`,
      folder: old,
      accountId: LOCAL_ACCOUNT_ID,
      state: 'error',
      error: {
        code: 'no_credentials',
        message: `Brimline could not read Claude Code's login: no ${old}/.credentials.json. Run \`claude\` to log in again.`,
        action: { kind: 'run_command', command: 'CLAUDE_CONFIG_DIR=~/.claude-old claude' },
      },
      fetchedAt: null,
      attemptedAt: iso(now - 3 * MIN),
      nextAttemptAt: null,
      plan: null,
      windows: [],
      extraUsage: null,
    },
    {
      sourceId: 'statusline',
      key: `statusline@${work}`,
      folder: work,
      accountId: WORK_ACCOUNT,
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 2 * MIN),
      attemptedAt: iso(now - 2 * MIN),
      nextAttemptAt: null,
      plan: null,
      windows: [{ id: 'five_hour', kind: 'session', label: 'Current session', usedPercent: 47, resetsAt: iso(now + 3 * HOUR + 10 * MIN) }],
      extraUsage: null,
    },
    // A further claude.ai session key whose session has ended: it reaches no account until pasted again.
    {
      sourceId: 'claude-web',
      key: `claude-web#${EXTRA_KEY_SLOT}`,
      keyName: `claudeSessionKey.${EXTRA_KEY_SLOT}`,
      accountId: LOCAL_ACCOUNT_ID,
      state: 'error',
      error: {
        code: 'login_expired',
        message: 'The claude.ai session key has expired. Copy the sessionKey cookie of claude.ai again and paste it in Settings.',
        action: { kind: 'open_settings' },
      },
      fetchedAt: null,
      attemptedAt: iso(now - 4 * MIN),
      nextAttemptAt: null,
      plan: null,
      windows: [],
      extraUsage: null,
    },
    localSnapshot(now),
  ];
}

const EXTRA_KEY_SLOT = '9b3c7b66';

/** The `team-org` fixture: a seat in a spend-billed Enterprise organisation. */
export const TEAM_ACCOUNT = 'account:9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';

/**
 * A member of a spend-billed organisation: no session or weekly window, the organisation's credits
 * ($1,234 of $2,000), the member's own spend from claude.ai, and one usage-limit reset open.
 */
function teamOrgSnapshots(now: number): SourceSnapshot[] {
  const grant = {
    label: 'Claude Opus 5.5 launch: one usage-limit reset for Pro and Max',
    resetsTotal: 1,
    resetsLeft: 1,
    startsAt: iso(now - 8 * DAY),
    endsAt: iso(now + 18 * DAY),
    clears: ['five_hour', 'seven_day', 'seven_day_overage_included'],
    usableNow: true,
  };
  const credits: UsageWindow = {
    id: 'org_credits',
    kind: 'other',
    label: 'Organisation usage credits',
    usedPercent: 61.7,
    resetsAt: null,
    scope: 'organisation',
    money: { used: 1234, limit: 2000, currency: 'USD' },
  };
  return [
    planSnapshot(now, {
      accountId: TEAM_ACCOUNT,
      plan: { name: 'Enterprise', email: 'ada@enterprise.example' },
      windows: [credits],
      extraUsage: null,
      resets: [grant],
    }),
    {
      sourceId: 'claude-web',
      accountId: TEAM_ACCOUNT,
      state: 'ok',
      error: null,
      fetchedAt: iso(now - 4 * MIN),
      attemptedAt: iso(now - 4 * MIN),
      nextAttemptAt: iso(now + MIN),
      plan: { name: 'Enterprise', email: null },
      windows: [credits],
      extraUsage: null,
      resets: [grant],
      memberSpend: { state: 'ok', amount: 87.35, currency: 'USD', periodStart: null, periodEnd: null },
    },
  ];
}

function baseState(snapshots: SourceSnapshot[]): AppState {
  return {
    snapshots,
    claudeFolders: [{ dir: '/home/ada/.claude', origin: 'default' }],
    view: mergeSnapshots(snapshots),
    problems: [],
    settings: structuredClone(DEFAULT_SETTINGS),
    secrets: { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null },
    claudeCode: { found: true, detail: '~/.claude/.credentials.json' },
    claudeWebOrganizations: [],
    statusline: { kind: 'none', file: '~/.claude/settings.json', chained: null, description: null, message: null },
    launchAtLogin: false,
    loginItemNeedsApproval: false,
    notifications: { supported: true, blocked: false, reason: null },
    trayHost: { host: 'present', note: null },
    shortcut: { status: 'off', accelerator: null, wayland: false, toggleCommand: 'brimline --toggle' },
    refreshAllowedAt: null,
    appVersion: '0.1.0-dev',
    dataFolder: '/home/ada/.config/brimline',
    logFile: '/home/ada/.config/brimline/brimline.log',
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

// long-function: one short case per fixture, read as a catalogue; a case is added with each fixture.
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
      // The claude.ai source is on, so Settings shows its key field under the keychain notice.
      state.settings.sources['claude-web'] = { enabled: true };
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
    case 'desktop-notes': {
      // macOS refused the last notification and waits for the login item's approval.
      const state = baseState([planSnapshot(now)]);
      state.platform = 'darwin';
      state.settings.launchAtLogin = true;
      state.loginItemNeedsApproval = true;
      state.notifications = { supported: true, blocked: true, reason: 'Notifications are not allowed for this application' };
      return state;
    }
    case 'wayland': {
      // A Wayland session: apps cannot grab keys, so Settings shows how to bind the desktop's own shortcut.
      const state = baseState([planSnapshot(now)]);
      state.shortcut = { status: 'off', accelerator: null, wayland: true, toggleCommand: 'brimline --toggle' };
      return state;
    }
    case 'no-tray-host': {
      // Vanilla GNOME: no StatusNotifierWatcher on the bus, so the popover opened itself.
      const state = baseState([planSnapshot(now)]);
      state.trayHost = { host: 'absent', note: 'gnome-appindicator' };
      return state;
    }
    case 'notices': {
      // The status line saw an API key in Claude Code's environment, and the settings file was set aside.
      const line: SourceSnapshot = {
        ...planSnapshot(now, {
          sourceId: 'statusline',
          key: `statusline@${FIXTURE_HOME}/.claude`,
          fetchedAt: iso(now - MIN),
          plan: null,
          extraUsage: null,
        }),
        windows: planWindows(now).slice(0, 2),
        warnings: [
          {
            code: 'claude_code_api_key_billing',
            message:
              'Claude Code is using an API key, so this session is billed to API credits, not your plan. To use your plan again, unset ANTHROPIC_API_KEY, restart Claude Code and run /login.',
          },
        ],
      };
      const state = baseState([planSnapshot(now), line]);
      state.problems = [
        'Your settings file could not be read (it is not valid JSON); it was moved to settings.json.corrupt-2026-07-14T09-58-00-000Z and the defaults are in use.',
      ];
      return state;
    }
    case 'local-logs': {
      const local = localSnapshot(now);
      if (local.local) {
        local.local.unpricedModels = ['claude-experimental-9'];
        local.local.pricesProblem = `${FIXTURE_HOME}/.config/Brimline/prices.json was not used: line 4, entry 2 (claude-x): "output": expected a number`;
      }
      return baseState([
        planSnapshot(now, { extraUsage: { enabled: false, used: null, limit: null, currency: 'USD', percent: null } }),
        local,
      ]);
    }
    case 'two-accounts': {
      const state = baseState(twoAccountsSnapshots(now));
      state.claudeFolders = [
        { dir: `${FIXTURE_HOME}/.claude`, origin: 'default' },
        { dir: `${FIXTURE_HOME}/.claude-work`, origin: 'settings' },
        { dir: `${FIXTURE_HOME}/.claude-old`, origin: 'statusline' },
      ];
      state.settings.accounts = {
        folders: ['~/.claude-work'],
        ignoredFolders: [`${FIXTURE_HOME}/.claude-2024`],
        labels: { [WORK_ACCOUNT]: 'Work' },
        order: [WORK_ACCOUNT, PERSONAL_ACCOUNT],
        collapsed: [],
        keys: [{ kind: 'claudeSessionKey', slot: EXTRA_KEY_SLOT }],
      };
      state.settings.sources['claude-web'] = { enabled: true };
      state.secrets.saved[`claudeSessionKey.${EXTRA_KEY_SLOT}`] = true;
      state.alerts = { [`${PERSONAL_ACCOUNT}/weekly`]: 75 };
      state.statusline = { kind: 'installed', file: '~/.claude/settings.json', chained: null, description: null, message: null };
      return state;
    }
    case 'same-login': {
      // ~/.claude-copy holds the login of ~/.claude: one poll serves both.
      const copy = `${FIXTURE_HOME}/.claude-copy`;
      const main = planSnapshot(now, { key: `claude-oauth@${FIXTURE_HOME}/.claude`, folder: `${FIXTURE_HOME}/.claude` });
      const state = baseState([
        main,
        {
          ...main,
          key: `claude-oauth@${copy}`,
          folder: copy,
          sameLoginAs: `${FIXTURE_HOME}/.claude`,
          plan: null,
          windows: [],
          extraUsage: null,
        },
      ]);
      state.claudeFolders = [
        { dir: `${FIXTURE_HOME}/.claude`, origin: 'default' },
        { dir: copy, origin: 'settings' },
      ];
      state.settings.accounts.folders = ['~/.claude-copy'];
      return state;
    }
    case 'desktop-code':
      // Claude Desktop's Claude Code: the folder's credentials file expired, its status line is live.
      return baseState([
        planSnapshot(now, {
          state: 'stale',
          fetchedAt: iso(now - 3 * DAY),
          error: {
            code: 'desktop_login',
            message: 'Claude Code signs in through Claude Desktop here: Brimline uses its status line and cached usage.',
            action: null,
          },
          nextAttemptAt: iso(now + 4 * MIN),
        }),
        planSnapshot(now, {
          sourceId: 'statusline',
          fetchedAt: iso(now - MIN),
          plan: null,
          extraUsage: null,
          windows: planWindows(now).slice(0, 2),
        }),
      ]);
    case 'team-org': {
      const state = baseState(teamOrgSnapshots(now));
      state.settings.sources['claude-web'] = { enabled: true };
      state.secrets = { saved: { claudeSessionKey: true, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
      state.alerts = { [`${TEAM_ACCOUNT}/org_credits`]: 50 };
      return state;
    }
    case 'web-and-api': {
      const state = baseState(webAndApiSnapshots(now));
      state.settings.sources['claude-oauth'] = { enabled: false };
      state.settings.sources['local-logs'] = { enabled: false };
      state.settings.sources['claude-web'] = { enabled: true };
      state.settings.sources['admin-api'] = { enabled: true };
      state.settings.monthlyApiBudget = 500;
      state.settings.claudeWebOrganization = FIXTURE_ORGS[0]!.uuid;
      state.secrets = { saved: { claudeSessionKey: true, adminApiKey: true }, backend: 'keychain', keychainProblem: null };
      state.claudeCode = { found: false, detail: 'no ~/.claude/.credentials.json and no CLAUDE_CONFIG_DIR' };
      state.claudeWebOrganizations = FIXTURE_ORGS.map((o) => ({ ...o }));
      return state;
    }
  }
}
