/**
 * Every parser at Brimline's edges, as one list. A new parser (a source's response, a persisted
 * file, an IPC channel) joins the property tests by adding one entry here.
 *
 * An entry opens a `parse` function that feeds one generated input through the real code path (the
 * source's HTTP handling, the store's loader, the IPC schema) and says what came out. The only
 * acceptable outcomes are a typed value or a typed error; an exception that escapes `parse` is a
 * failure, and so is an outcome that breaks the entry's invariants (`problem`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ERROR_CODES, SPEND_LIMIT_WINDOW_ID, WINDOW_KINDS, type ErrorCode, type SourceId, type UsageWindow } from '../../shared/domain';
import { mergeSnapshots } from '../../shared/merge';
import type { InvokeChannel } from '../../shared/ipc';
import { INVOKE_CHANNELS } from '../../electron/core/app/ipc-schemas';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { applySettingsPatch, settingsSchema } from '../../shared/settings-schema';
import { AlertStore, evaluateAlerts } from '../../electron/core/alerts/alerts';
import { ForecastAlertStore } from '../../electron/core/alerts/forecast-alert-store';
import { FILES } from '../../electron/core/platform/paths';
import { DEFAULT_FORECAST_ALERT_OPTIONS, evaluateForecastAlerts } from '../../electron/core/alerts/forecast-alerts';
import { parseClaudeDesktopHistory } from '../../electron/core/history/claude-desktop-import';
import { checkHeader, decodeRecords, encodeSegment } from '../../electron/core/history/segment';
import { parseCredentials, type CredentialsResult } from '../../electron/core/platform/credentials/claude-code';
import { parseRequest } from '../../electron/core/app/ipc-schemas';
import { Scheduler } from '../../electron/core/usage/scheduler';
import { SettingsStore } from '../../electron/core/settings/settings-store';
import { SnapshotStore } from '../../electron/core/usage/snapshot-store';
import { createClaudeCacheSource } from '../../electron/core/sources/claude-cache/source';
import { createClaudeOAuthSource } from '../../electron/core/sources/claude-oauth/source';
import { createNodeClaudeWebFetch } from '../../electron/core/sources/claude-web/fetch-port';
import { createClaudeWebSource } from '../../electron/core/sources/claude-web/source';
import { EntryStore } from '../../electron/core/sources/local-logs/entry-store';
import { LineParser } from '../../electron/core/sources/local-logs/line-parser';
import { BUILT_IN_PRICES } from '../../electron/core/sources/local-logs/pricing';
import { loadUserPrices, USER_PRICES_FILE } from '../../electron/core/sources/local-logs/user-prices';
import { TranscriptReader } from '../../electron/core/sources/local-logs/transcript-reader';
import { readdirSync } from 'node:fs';
import type { PollResult, UsageSource } from '../../electron/core/sources/source';
import { statusLineText } from '../../electron/core/statusline/line';
import { parseTrail, type TrailEntry } from '../../electron/core/statusline/trail';
import { parseStatuslinePayload } from '../../electron/core/statusline/payload';
import { createStatuslineSource, observationWindows } from '../../electron/core/statusline/source';
import { FIXTURES, fixtureText } from '../support/fake-anthropic';
import { ManualClock } from '../support/manual-clock';

export interface ParserOutcome {
  ok: boolean;
  /** What kind of value or error; tallied in the report. */
  code: string;
  /** Set when the outcome is typed but wrong (a NaN percent, a lost file): counts as a failure. */
  problem?: string;
}

export interface OpenParser {
  parse(input: unknown): Promise<ParserOutcome>;
  close(): Promise<void>;
}

export interface ParserEntry {
  name: string;
  /** Which test file runs it; the groups only share the work between the cores. */
  group: 'edge' | 'app-files' | 'other-files';
  /** `bytes`: a file or a body (Uint8Array). `value`: an IPC payload after structured clone. */
  input: 'bytes' | 'value';
  /** Real captured data: texts for bytes entries, values for value entries. Each must parse ok. */
  seeds: readonly unknown[];
  open(): Promise<OpenParser>;
}

const NOW = Date.parse('2026-07-02T20:00:00Z');
const asBytes = (input: unknown): Uint8Array => {
  if (!(input instanceof Uint8Array)) throw new TypeError('bytes entry given a non-bytes input');
  return input;
};

/** A scratch directory on tmpfs when there is one: the file loaders run 100,000 times. */
export async function scratchDir(prefix: string): Promise<string> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return mkdtemp(path.join(base, `brimline-${prefix}-`));
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function windowProblem(windows: readonly UsageWindow[]): string | undefined {
  const ids = new Set<string>();
  for (const w of windows) {
    if (typeof w.id !== 'string' || w.id.length === 0) return 'a window has no id';
    if (ids.has(w.id)) return `window id ${w.id} appears twice`;
    ids.add(w.id);
    if (!(WINDOW_KINDS as readonly string[]).includes(w.kind)) return `window kind ${String(w.kind)}`;
    if (typeof w.label !== 'string' || w.label.length === 0) return 'a window has no label';
    if (typeof w.usedPercent !== 'number' || !Number.isFinite(w.usedPercent)) return `usedPercent ${String(w.usedPercent)}`;
    if (w.resetsAt !== null && (typeof w.resetsAt !== 'string' || !ISO.test(w.resetsAt) || !Number.isFinite(Date.parse(w.resetsAt))))
      return `resetsAt ${String(w.resetsAt)}`;
  }
  return undefined;
}

function pollOutcome(r: PollResult): ParserOutcome {
  if (r.ok) {
    const problem =
      windowProblem(r.data.windows) ??
      (r.data.extraUsage &&
      [r.data.extraUsage.used, r.data.extraUsage.limit, r.data.extraUsage.percent].some((n) => n !== null && !Number.isFinite(n))
        ? 'extra usage holds a non-finite number'
        : undefined) ??
      (r.data.extraUsage && !/^[A-Z]{3}$/.test(r.data.extraUsage.currency) ? `currency ${r.data.extraUsage.currency}` : undefined) ??
      (r.data.plan && (typeof r.data.plan.name !== 'string' || r.data.plan.name.length === 0) ? 'plan without a name' : undefined) ??
      teamProblem(r.data);
    return { ok: true, code: r.data.windows.length === 0 ? 'no windows' : 'windows', problem };
  }
  if (r.kind === 'rate_limited')
    return {
      ok: false,
      code: 'rate_limited',
      problem: r.retryAfterMs !== null && !(r.retryAfterMs >= 0) ? 'a negative Retry-After' : undefined,
    };
  const e = r.error;
  const problem = !(ERROR_CODES as readonly ErrorCode[]).includes(e.code)
    ? `error code ${String(e.code)}`
    : typeof e.message !== 'string' || e.message.length === 0 || e.message.length > 400
      ? 'error message missing or too long'
      : undefined;
  return { ok: false, code: `${r.kind}/${e.code}`, problem };
}

/** One fetch that answers every URL from a table of bodies, as the loopback server would. */
function tableFetch(bodies: (pathname: string) => Uint8Array | string): typeof fetch {
  return async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = bodies(url.pathname);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

const credentials = async (): Promise<CredentialsResult> => ({
  ok: true,
  credentials: {
    accessToken: 'sk-ant-oat01-fuzz',
    expiresAt: null,
    scopes: ['user:profile'],
    subscriptionType: 'max',
    rateLimitTier: 'default_claude_max_5x',
    origin: 'test',
  },
});

const usageSeeds = [
  'oauth-usage/usage.200.legacy-2026-05.extra-enabled.json',
  'oauth-usage/usage.200.limits-array-2026-07.json',
  'claude-ai/org-usage.200.2026-07.json',
  // Team and Enterprise, usage-limit resets (issue 21).
  'oauth-usage/usage.200.spend-billed-org.constructed-2026-12.json',
  'oauth-usage/usage.200.spend-billed-no-cap.constructed-2026-12.json',
  'oauth-usage/usage.200.cedar-ember-grant.published-2026-09.json',
  'oauth-usage/usage.200.cedar-ember-surface.published-2026-09.json',
  'claude-ai/org-usage.200.spend-billed-with-grant.constructed-2026-12.json',
].map(fixtureText);

/** Organisation money, reset grants and the member's spend: finite numbers, real dates, nothing spent twice. */
function teamProblem(data: Extract<PollResult, { ok: true }>['data']): string | undefined {
  for (const w of data.windows) {
    if (w.money === undefined || w.money === null) continue;
    // Money belongs to an organisation's credits and to Claude Code's spend limit, and nowhere else.
    if (w.scope !== 'organisation') {
      if (w.id !== SPEND_LIMIT_WINDOW_ID) return 'money on a window that is neither the organisation’s credits nor a spend limit';
      continue;
    }
    if (![w.money.used ?? 0, w.money.limit ?? 0].every(Number.isFinite)) return 'organisation credits hold a non-finite number';
    if (data.extraUsage !== null) return 'organisation credits shown twice (window and extra usage)';
  }
  for (const g of data.resets ?? []) {
    if (!(Number.isInteger(g.resetsLeft) && g.resetsLeft > 0 && g.resetsTotal >= g.resetsLeft))
      return `reset counts ${g.resetsLeft}/${g.resetsTotal}`;
    for (const at of [g.startsAt, g.endsAt]) if (at !== null && !ISO.test(at)) return `reset date ${at}`;
    if (!g.clears.every((c) => typeof c === 'string' && c.length > 0)) return 'a reset clears an unnamed limit';
  }
  const m = data.memberSpend;
  if (m && m.state === 'ok' && !(Number.isFinite(m.amount) && m.amount >= 0 && /^[A-Z]{3}$/.test(m.currency)))
    return `member spend ${m.amount} ${m.currency}`;
  return undefined;
}

/** Files are written, loaded by the real store, and checked: a quarantined file must be kept byte for byte. */
async function fileEntry(
  name: string,
  fileName: string,
  load: (dir: string) => Promise<{ problem: string | null; check: () => string | undefined }>,
): Promise<OpenParser> {
  const dir = await scratchDir(name);
  const file = path.join(dir, fileName);
  // The harness's own file work is synchronous (ten times cheaper); the store under test runs as in the app.
  return {
    async parse(input) {
      const bytes = asBytes(input);
      writeFileSync(file, bytes);
      const { problem: loadProblem, check } = await load(dir);
      let problem = check();
      if (loadProblem === null) return { ok: true, code: 'loaded', problem };
      const moved = /moved to (.+?\.corrupt-[0-9TZ-]+)/.exec(loadProblem)?.[1];
      if (existsSync(file)) problem ??= 'a quarantined file is still in place';
      if (moved === undefined || !existsSync(moved)) problem ??= `the message does not name the quarantined copy: ${loadProblem}`;
      else {
        if (!readFileSync(moved).equals(bytes)) problem ??= 'the quarantined copy differs from the file';
        rmSync(moved);
      }
      return { ok: false, code: 'quarantined', problem };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

// A restored file may name any source; the scheduler must restore it whatever the id says.
const idleSource = (id: string): UsageSource => ({
  id: id as SourceId,
  poll: async () => ({ ok: true, data: { windows: [], plan: null, extraUsage: null } }),
});

const sampleSnapshot = {
  sourceId: 'claude-oauth',
  accountId: 'local',
  state: 'ok' as const,
  error: null,
  fetchedAt: new Date(NOW).toISOString(),
  attemptedAt: new Date(NOW).toISOString(),
  nextAttemptAt: null,
  plan: { name: 'Max 5x', email: null },
  windows: [{ id: 'five_hour', kind: 'session' as const, label: 'Session (5 h)', usedPercent: 80, resetsAt: '2026-07-02T22:00:00.000Z' }],
  extraUsage: null,
};

function ipcEntry(channel: InvokeChannel, seeds: readonly unknown[]): ParserEntry {
  return {
    name: `ipc ${channel}`,
    group: 'edge',
    input: 'value',
    seeds,
    async open() {
      return {
        async parse(input) {
          // What reaches main has crossed structured clone; values that cannot are refused by Electron before us.
          let payload: unknown;
          try {
            payload = structuredClone(input);
          } catch {
            return { ok: false, code: 'not cloneable' };
          }
          const r = parseRequest(channel, payload);
          if (!r.ok) {
            // A refusal repeats the secret when swapping the value for another of the same length (same
            // validity) changes the message; a value that happens to spell a field's name ("name") does not.
            const secret =
              (channel === 'brimline:save-secret' || channel === 'brimline:add-key') && typeof payload === 'object' && payload !== null
                ? (payload as { value?: unknown }).value
                : undefined;
            let leak = false;
            if (typeof secret === 'string' && secret.length > 0) {
              const other = parseRequest(channel, {
                ...(payload as object),
                value: (secret.startsWith('§') ? '¤' : '§').repeat(secret.length),
              });
              leak = !other.ok && other.error !== r.error;
            }
            return {
              ok: false,
              code: 'refused',
              problem: leak
                ? 'the refusal message repeats the secret'
                : typeof r.error === 'string' && r.error.length > 0
                  ? undefined
                  : 'empty refusal',
            };
          }
          // The handler behind this channel must accept whatever the schema let through.
          if (channel === 'brimline:update-settings')
            applySettingsPatch(DEFAULT_SETTINGS, r.value as Parameters<typeof applySettingsPatch>[1]);
          return { ok: true, code: 'accepted' };
        },
        close: async () => undefined,
      };
    },
  };
}

const IPC_SEEDS: Record<InvokeChannel, readonly unknown[]> = {
  // Channels without a payload have no seed: `undefined` is among the generated values.
  'brimline:get-state': [],
  'brimline:refresh': [],
  'brimline:update-settings': [
    { pollIntervalMinutes: 10 },
    { thresholds: [50, 80, 95], notifications: { onReset: true } },
    { tray: { window: 'claude-oauth/five_hour', display: 'remaining' } },
    { monthlyApiBudget: 100, sources: { 'local-logs': { enabled: false } } },
    { language: 'fr', theme: 'dark', launchAtLogin: true },
  ],
  'brimline:save-secret': [
    { name: 'claudeSessionKey', value: 'sk-ant-sid01-abcdefgh' },
    { name: 'adminApiKey', value: 'sk-ant-admin01-abcdefgh' },
  ],
  'brimline:remove-secret': [{ name: 'claudeSessionKey' }, { name: 'adminApiKey' }],
  'brimline:open-external': [{ url: 'https://claude.ai/settings/usage' }, { url: 'javascript:alert(1)' }],
  'brimline:open-settings': [{ section: 'accounts' }, { section: 'about' }],
  'brimline:open-data-folder': [],
  'brimline:test-notification': [],
  'brimline:set-statusline': [{ enabled: true }, { enabled: false }],
  'brimline:quit': [],
  'brimline:get-history': [{ days: 7 }, { days: 30 }],
  'brimline:export-history': [{ days: 7 }, { days: 30 }],
  'brimline:add-key': [{ kind: 'claudeSessionKey', value: 'loopback-fuzz-seed-session-value' }],
  'brimline:remove-account': [{ accountId: 'account:5b7c2f0e-1a2b-4c3d-9e8f-001122334455', deleteHistory: false }],
};

const transcriptTexts = readdirSync(path.join(FIXTURES, 'claude-code-logs'))
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => fixtureText(`claude-code-logs/${f}`));
const transcriptLines = transcriptTexts.flatMap((t) => t.split('\n')).filter((l) => l.trim().length > 0);

const statuslineSeeds = [
  fixtureText('statusline/stdin.rate-limits.v2.1.80.json'),
  // Claude Code 2.1.328 (issue 20): spend_limit with dollars, newer fields, and a session start without numbers.
  fixtureText('statusline/stdin.full.v2.1.328.json'),
  fixtureText('statusline/stdin.session-start.v2.1.328.json'),
  JSON.stringify({
    session_id: '0b6f3c1e-4a1d-4c8e-9f55-1b2f3a4c5d6e',
    cwd: '/home/u/p',
    model: { id: 'claude-opus-4-5', display_name: 'Opus' },
    version: '2.1.80',
    rate_limits: { five_hour: { used_percentage: 104.2, resets_at: 1782000000 } },
  }),
];

export const PARSERS: ParserEntry[] = [
  {
    name: 'oauth usage response',
    group: 'edge',
    input: 'bytes',
    seeds: usageSeeds,
    async open() {
      let body: Uint8Array = new Uint8Array();
      const source = createClaudeOAuthSource({
        baseUrl: 'https://api.anthropic.com',
        credentials,
        fetch: tableFetch((p) => (p === '/api/oauth/usage' ? body : fixtureText('oauth-usage/profile.200.json'))),
      });
      return {
        async parse(input) {
          body = asBytes(input);
          return pollOutcome(await source.poll({ signal: new AbortController().signal, now: () => NOW }));
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'claude.ai member spend response',
    group: 'edge',
    input: 'bytes',
    seeds: [
      fixtureText('claude-ai/usage-spend.200.constructed-2026-12.json'),
      fixtureText('claude-ai/usage-spend.403.analytics-off.derived.json'),
    ],
    async open() {
      let body: Uint8Array = new Uint8Array();
      const org = '0f9d1e7a-3c2b-4e5f-8a9b-c1d2e3f4a5b6';
      const source = createClaudeWebSource({
        baseUrl: 'https://claude.ai',
        fetch: createNodeClaudeWebFetch({
          fetch: tableFetch((p) =>
            p === '/api/organizations'
              ? fixtureText('claude-ai/organizations.200.team.constructed.json')
              : p.endsWith('/usage/spend')
                ? body
                : fixtureText('claude-ai/org-usage.200.spend-billed-with-grant.constructed-2026-12.json'),
          ),
        }),
        getSecret: async () => 'sk-ant-sid01-fuzz-session-key',
      });
      return {
        async parse(input) {
          body = asBytes(input);
          const r = await source.poll({ signal: new AbortController().signal, now: () => NOW });
          const out = pollOutcome(r);
          // The spend is a bonus: whatever its body, the organisation's usage still comes through.
          if (!r.ok) return { ...out, problem: out.problem ?? `a bad spend body failed the poll (${org})` };
          return { ...out, code: r.data.memberSpend ? `spend ${r.data.memberSpend.state}` : 'no spend' };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'oauth profile response',
    group: 'edge',
    input: 'bytes',
    seeds: [fixtureText('oauth-usage/profile.200.json')],
    async open() {
      let body: Uint8Array = new Uint8Array();
      let now = NOW;
      const source = createClaudeOAuthSource({
        baseUrl: 'https://api.anthropic.com',
        credentials,
        fetch: tableFetch((p) => (p === '/api/oauth/profile' ? body : fixtureText('oauth-usage/usage.200.limits-array-2026-07.json'))),
      });
      return {
        async parse(input) {
          body = asBytes(input);
          // The profile is cached for hours: step past that so every input is read.
          now += 4 * 3600_000;
          const r = pollOutcome(await source.poll({ signal: new AbortController().signal, now: () => now }));
          return { ...r, code: r.ok ? 'plan' : r.code, problem: r.problem ?? (r.ok ? undefined : 'a bad profile failed the usage poll') };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'claude code credentials file',
    group: 'edge',
    input: 'bytes',
    seeds: [fixtureText('claude-code-credentials/credentials.example.json')],
    async open() {
      return {
        async parse(input) {
          // readFile(…, 'utf8') decodes the same way: invalid sequences become U+FFFD.
          const r = parseCredentials(Buffer.from(asBytes(input)).toString('utf8'), '~/.claude/.credentials.json');
          if (!r.ok)
            return {
              ok: false,
              code: r.problem.code,
              problem: typeof r.problem.detail === 'string' && r.problem.detail.length > 0 ? undefined : 'no detail',
            };
          const c = r.credentials;
          const problem =
            typeof c.accessToken !== 'string' || c.accessToken.length === 0
              ? 'empty token'
              : c.expiresAt !== null && !Number.isFinite(c.expiresAt)
                ? `expiresAt ${c.expiresAt}`
                : !Array.isArray(c.scopes) || c.scopes.some((s) => typeof s !== 'string')
                  ? 'scopes'
                  : undefined;
          return { ok: true, code: c.expiresAt === null ? 'no expiry' : 'with expiry', problem };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'settings file',
    group: 'app-files',
    input: 'bytes',
    seeds: [
      JSON.stringify(DEFAULT_SETTINGS),
      JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalMinutes: 15, thresholds: [80, 95], monthlyApiBudget: 250, language: 'fr' }),
      '{"version":1}',
    ],
    open: () =>
      fileEntry('settings', 'settings.json', async (dir) => {
        const store = new SettingsStore(dir);
        const s = await store.load();
        return {
          problem: store.loadProblem,
          check: () => (settingsSchema.safeParse(s).success ? undefined : 'the settings in use are not valid settings'),
        };
      }),
  },
  {
    name: 'snapshots file',
    group: 'app-files',
    input: 'bytes',
    seeds: [
      JSON.stringify({
        version: 1,
        sources: [{ snapshot: sampleSnapshot, gateUntil: NOW + 600_000, rateLimitStreak: 2, lastAttemptAt: NOW }],
      }),
      JSON.stringify({
        version: 1,
        sources: [
          {
            snapshot: {
              ...sampleSnapshot,
              state: 'stale',
              error: { code: 'rate_limited', message: 'wait', action: { kind: 'retry_at', at: new Date(NOW).toISOString() } },
            },
            gateUntil: null,
            rateLimitStreak: 0,
            lastAttemptAt: null,
          },
        ],
      }),
    ],
    open: () =>
      fileEntry('snapshots', 'snapshots.json', async (dir) => {
        const store = new SnapshotStore(dir);
        const loaded = await store.load();
        // What start-up does with the file: restore the scheduler and evaluate alerts on it.
        const clock = new ManualClock(NOW);
        const scheduler = new Scheduler(
          loaded.map((s) => idleSource(s.snapshot.sourceId)),
          { clock, intervalMs: () => 300_000, initial: loaded },
        );
        const snaps = scheduler.snapshots();
        scheduler.refreshAllowedAt();
        evaluateAlerts({ version: 2, windows: {} }, mergeSnapshots(snaps).windows, { thresholds: [50, 75, 90], onReset: true, now: NOW });
        return {
          problem: store.loadProblem,
          check: () =>
            snaps.some((s) => s.windows.some((w) => !Number.isFinite(w.usedPercent)))
              ? 'a restored window has a non-finite percent'
              : undefined,
        };
      }),
  },
  {
    name: 'alert state file',
    group: 'other-files',
    input: 'bytes',
    seeds: [
      JSON.stringify({
        version: 1,
        windows: { 'claude-oauth/five_hour': { resetsAt: '2026-07-02T22:00:00.000Z', highest: 75, resetAnnounced: false } },
      }),
    ],
    open: () =>
      fileEntry('alerts', 'alert-state.json', async (dir) => {
        const store = new AlertStore(dir);
        const state = await store.load();
        evaluateAlerts(state, mergeSnapshots([sampleSnapshot]).windows, { thresholds: [50, 75, 90], onReset: true, now: NOW });
        return { problem: store.loadProblem, check: () => undefined };
      }),
  },
  {
    name: 'forecast alert state file',
    group: 'other-files',
    input: 'bytes',
    seeds: [
      JSON.stringify({
        version: 1,
        windows: {
          'local/session': {
            resetsAt: '2026-07-02T22:00:00.000Z',
            runsOutFired: true,
            confirmations: 2,
            lastObservedAtMs: NOW,
            unusedAtResetFired: false,
          },
        },
      }),
    ],
    open: () =>
      fileEntry('forecastAlerts', FILES.forecastAlerts, async (dir) => {
        const store = new ForecastAlertStore(dir);
        const state = await store.load();
        // What the app does with it next: evaluate the merged windows against it.
        evaluateForecastAlerts(
          state,
          mergeSnapshots([sampleSnapshot]).windows.map((w) => ({ accountId: w.accountId, window: w, forecast: null, fresh: true })),
          { ...DEFAULT_FORECAST_ALERT_OPTIONS, now: NOW },
        );
        return { problem: store.loadProblem, check: () => undefined };
      }),
  },
  ...INVOKE_CHANNELS.map((c) => ipcEntry(c, IPC_SEEDS[c])),
  {
    name: 'claude code JSONL line',
    group: 'edge',
    seeds: transcriptLines,
    input: 'bytes',
    async open() {
      const parser = new LineParser();
      return {
        async parse(input) {
          const buf = Buffer.from(asBytes(input));
          if (!parser.parse(buf, 0, buf.length)) return { ok: false, code: 'not one JSON object' };
          // Every field the reports read must decode without throwing.
          for (const span of [parser.messageId, parser.requestId, parser.timestamp, parser.sessionId, parser.model]) parser.text(span);
          const nums = [
            parser.costUSD,
            parser.inputTokens,
            parser.outputTokens,
            parser.cacheCreationTokens,
            parser.cacheReadTokens,
            parser.ephemeral5m,
            parser.ephemeral1h,
          ];
          // Out-of-range counts (a 400-digit literal reads as Infinity) are the reader's to reject, and it does.
          const problem = nums.some((n) => typeof n !== 'number') ? `a token count is ${nums.join(',')}` : undefined;
          return { ok: true, code: parser.hasUsage ? 'usage' : 'no usage', problem };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'user prices.json',
    group: 'other-files',
    input: 'bytes',
    seeds: [
      '{"models": []}',
      JSON.stringify({
        models: [
          { id: 'claude-opus-5-5', input: 3, output: 15 },
          {
            ids: ['claude-fable-5-2', 'claude-mythos-5-2'],
            family: 'Fable 5.2',
            input: 8,
            output: 40,
            cacheRead: 0.2,
            fast: { input: 16, output: 80 },
          },
        ],
      }),
    ],
    async open() {
      const dir = await scratchDir('prices');
      const file = path.join(dir, USER_PRICES_FILE);
      return {
        async parse(input) {
          const bytes = asBytes(input);
          writeFileSync(file, bytes);
          const p = loadUserPrices(dir);
          const bad = p.table
            .rows()
            .find((r) =>
              [r.input, r.output, r.cacheRead, r.cacheWrite5m, r.cacheWrite1h, r.usOnlyMultiplier].some(
                (n) => !Number.isFinite(n) || n < 0,
              ),
            );
          let problem = bad ? `row ${bad.family} has a rate that is not a price` : undefined;
          if (p.problem === null) return { ok: true, code: 'loaded', problem };
          // Refused: nothing lost (the file stays as the user wrote it), the bundled prices in use.
          if (!readFileSync(file).equals(bytes)) problem ??= 'the refused file was changed';
          if (p.table !== BUILT_IN_PRICES) problem ??= 'a refused file still changed the prices';
          if (!p.problem.includes(file)) problem ??= `the message does not name the file: ${p.problem}`;
          return { ok: false, code: 'refused', problem };
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'claude code transcript file (cut anywhere)',
    group: 'other-files',
    seeds: [transcriptTexts.join('\n')],
    input: 'bytes',
    async open() {
      const dir = await scratchDir('transcript');
      const file = path.join(dir, 'session.jsonl');
      return {
        async parse(input) {
          const bytes = asBytes(input);
          writeFileSync(file, bytes);
          const store = new EntryStore();
          const reader = new TranscriptReader(store);
          const r = await reader.read(file, 0, { sessionId: 's', project: 'p' }, () => undefined);
          let problem: string | undefined;
          if (r.offset < 0 || r.offset > bytes.length) problem = `offset ${r.offset} outside the file`;
          else if (r.offset > 0 && bytes[r.offset - 1] !== 0x0a) problem = `offset ${r.offset} is not after a newline`;
          for (let i = 0; i < store.count && !problem; i++)
            if (!Number.isFinite(store.ts[i]!)) problem = `row ${i} has timestamp ${store.ts[i]}`;
          return { ok: true, code: store.count > 0 ? 'rows' : 'no rows', problem };
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'history day segment (cut anywhere)',
    group: 'other-files',
    input: 'bytes',
    seeds: [
      encodeSegment('2026-07-02', [
        {
          t: NOW - 60_000,
          accountId: 'acct',
          windowId: 'five_hour',
          kind: 'session',
          sourceId: 'statusline',
          usedPercent: 41.5,
          resetsAt: NOW + 3_600_000,
          imported: false,
        },
        {
          t: NOW,
          accountId: 'acct',
          windowId: 'seven_day',
          kind: 'weekly',
          sourceId: 'claude-desktop',
          usedPercent: 130,
          resetsAt: null,
          imported: true,
        },
      ]),
    ],
    async open() {
      return {
        async parse(input) {
          const buf = Buffer.from(asBytes(input));
          const header = checkHeader(buf, '2026-07-02');
          if (!header.ok) return { ok: false, code: 'set aside' };
          const d = decodeRecords(buf, header.headerEnd);
          const bad = d.samples.find(
            (x) =>
              !Number.isFinite(x.t) ||
              !Number.isFinite(x.usedPercent) ||
              (x.resetsAt !== null && !Number.isFinite(x.resetsAt)) ||
              x.windowId === '',
          );
          return {
            ok: true,
            code: d.samples.length > 0 ? 'samples' : 'no samples',
            problem: bad ? `sample ${JSON.stringify(bad)}` : undefined,
          };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'status line trail (cut anywhere)',
    group: 'other-files',
    input: 'bytes',
    seeds: [`${NOW - 60_000} 41.5 ${NOW + 3_600_000} 12 -\n${NOW} - - 13 ${NOW + 86_400_000}\n${NOW + 1} 250 -`],
    async open() {
      return {
        async parse(input) {
          const entries = parseTrail(Buffer.from(asBytes(input)).toString('utf8'));
          const finite = (w: TrailEntry['fiveHour']): boolean =>
            w === null || (Number.isFinite(w.usedPercent) && w.usedPercent >= 0 && (w.resetsAt === null || Number.isInteger(w.resetsAt)));
          const bad = entries.find((e) => !Number.isInteger(e.t) || !finite(e.fiveHour) || !finite(e.sevenDay));
          const unsorted = entries.some((e, i) => i > 0 && e.t < entries[i - 1]!.t);
          return {
            ok: true,
            code: entries.length > 0 ? 'entries' : 'no entries',
            problem: bad ? `entry ${JSON.stringify(bad)}` : unsorted ? 'entries out of time order' : undefined,
          };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'claude desktop plan-usage-history.json',
    group: 'other-files',
    input: 'bytes',
    seeds: [fixtureText('claude-desktop/plan-usage-history.json')],
    async open() {
      return {
        async parse(input) {
          const r = parseClaudeDesktopHistory(Buffer.from(asBytes(input)).toString('utf8'));
          if (!r.ok) return { ok: false, code: r.reason };
          const bad = r.samples.find(
            (x) => !Number.isFinite(x.t) || [x.fh, x.sd, x.xu].some((u) => u !== null && !(Number.isFinite(u) && u >= 0)),
          );
          return {
            ok: true,
            code: r.samples.length > 0 ? 'samples' : 'no samples',
            problem: bad ? `sample ${JSON.stringify(bad)}` : undefined,
          };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'claude code status line payload (stdin)',
    group: 'edge',
    input: 'bytes',
    seeds: statuslineSeeds,
    async open() {
      return {
        async parse(input) {
          const r = parseStatuslinePayload(Buffer.from(asBytes(input)).toString('utf8'), {
            env: { CLAUDE_CONFIG_DIR: '/c' },
            now: () => NOW,
          });
          if (!r.ok) return { ok: false, code: 'rejected', problem: r.error.length > 0 && r.error.length < 200 ? undefined : 'no reason' };
          const windows = observationWindows(r.value);
          const line = statusLineText(r.value, NOW);
          const problem =
            windowProblem(windows) ??
            (windows.some((w) => w.usedPercent < 0 || w.usedPercent > 1000) ? 'a percent outside 0..1000 was kept' : undefined) ??
            (/NaN|undefined|Infinity/.test(line) ? `line ${line}` : undefined);
          return { ok: true, code: windows.length === 0 ? 'no windows' : 'windows', problem };
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'status line observation file',
    group: 'other-files',
    input: 'bytes',
    seeds: [
      JSON.stringify({
        version: 1,
        observedAt: '2026-07-02T19:58:00.000Z',
        claudeCodeVersion: '2.1.80',
        sessionId: 's',
        configDir: '/c',
        apiKeyBilling: false,
        fiveHour: { usedPercent: 42.3, resetsAt: '2026-07-02T22:00:00.000Z' },
      }),
      // A window kept from an earlier payload (with its own time) and a spend limit with its dollars.
      JSON.stringify({
        version: 1,
        observedAt: '2026-07-02T19:59:00.000Z',
        claudeCodeVersion: '2.1.328',
        sessionId: 's2',
        configDir: '/c',
        apiKeyBilling: false,
        fiveHour: { usedPercent: 43.6, resetsAt: '2026-07-02T22:00:29.000Z', observedAt: '2026-07-02T19:58:00.000Z' },
        spendLimit: { usedPercent: 24.6, resetsAt: '2026-08-01T00:00:00.000Z', usedUsd: 12.3, limitUsd: 50, period: 'monthly' },
      }),
    ],
    async open() {
      const dir = await scratchDir('statusline');
      const sub = path.join(dir, 'statusline');
      const file = path.join(sub, '0123456789abcdef.json');
      const source = createStatuslineSource({ dataDir: dir });
      return {
        async parse(input) {
          const bytes = asBytes(input);
          mkdirSync(sub, { recursive: true });
          writeFileSync(file, bytes);
          const r = await source.poll({ signal: new AbortController().signal, now: () => NOW });
          const out = pollOutcome(r);
          const moved = readdirSync(sub).filter((n) => n.includes('.corrupt-'));
          if (!r.ok) {
            if (existsSync(file)) out.problem ??= 'a quarantined file is still in place';
            if (moved.length !== 1 || !readFileSync(path.join(sub, moved[0]!)).equals(bytes))
              out.problem ??= 'the quarantined copy differs';
          }
          for (const m of moved) rmSync(path.join(sub, m));
          rmSync(file, { force: true });
          return out;
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "claude code global config (.claude.json's cachedUsageUtilization)",
    group: 'other-files',
    input: 'bytes',
    seeds: [fixtureText('claude-code-config/claude.json.v2.1.328.no-account.json')],
    async open() {
      const dir = await scratchDir('claude-cache');
      const file = path.join(dir, '.claude.json');
      return {
        async parse(input) {
          writeFileSync(file, asBytes(input));
          // A new source each time: its memo of the last parse is keyed on mtime and size, which fuzzed files can share.
          const source = createClaudeCacheSource({ files: () => [file], configDirOf: () => dir });
          return pollOutcome(await source.poll({ signal: new AbortController().signal, now: () => NOW }));
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];
