/**
 * Brimline against the real Claude Code (the pinned release, see scripts/claude-code.mjs), driven
 * in a terminal as a user drives it, in a network namespace that has only loopback. The tests run
 * in order and share one world: one install, two client sessions, one uninstall.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_TOKEN, fixtureText } from '../../support/fake-anthropic';
import { ACCOUNT_UUID } from './support/claude-home';
import type { Limits } from './support/fake-messages';
import type { Pane } from './support/tmux';
import { ccusageDaily, MODEL, startWorld, type World } from './support/world';

const T0 = Math.floor(Date.now() / 1000);
/** Headers of the first answers, then of the answers after the limits move. */
const FIRST: Limits = {
  fiveHour: { utilization: 0.436, resetsAt: T0 + 3 * 3600 + 17 },
  sevenDay: { utilization: 0.187, resetsAt: T0 + 4 * 86400 + 3 },
};
const SECOND: Limits = {
  fiveHour: { utilization: 0.512, resetsAt: T0 + 3 * 3600 + 17 },
  sevenDay: { utilization: 0.193, resetsAt: T0 + 4 * 86400 + 3 },
};
const ACCOUNT = `account:${ACCOUNT_UUID}`;

/** Another tool's status line: keeps every payload the client pipes to it and prints one line. */
const OTHER_LINE = 'other-tool: on branch main';
/** The user's settings.json: own keys, a three-space indent, no final newline, another status line. */
function userSettings(otherCommand: string): string {
  return `{\n   "cleanupPeriodDays": 45,\n   "permissions": {\n      "allow": [\n         "Bash(echo:*)"\n      ]\n   },\n   "statusLine": {\n      "type": "command",\n      "command": ${JSON.stringify(otherCommand)},\n      "padding": 0\n   },\n   "includeCoAuthoredBy": false\n}`;
}

interface Snapshot {
  sourceId: string;
  accountId: string;
  state: string;
  fetchedAt: string | null;
  attemptedAt: string | null;
  windows: Array<{ id: string; usedPercent: number | null; resetsAt: string | null }>;
}
interface StatusJson {
  accounts: Array<{ id: string }>;
  sources: Snapshot[];
  windows: Array<{ id: string; accountId: string; sourceId: string; usedPercent: number | null; resetsAt: string | null }>;
}

let world: World;
let settingsFile: string;
let originalSettings: Buffer;
let payloadLog: string;
let session: Pane | null = null;

function payloads(): Array<Record<string, unknown>> {
  let text = '';
  try {
    text = readFileSync(payloadLog, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function status(): Promise<StatusJson> {
  const r = await world.brimline('status', '--json');
  try {
    return JSON.parse(r.stdout) as StatusJson;
  } catch {
    throw new Error(`status --json printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

function statuslineSnapshot(s: StatusJson): Snapshot {
  const snap = s.sources.find((x) => x.sourceId === 'statusline');
  if (!snap) throw new Error(`no statusline source in ${JSON.stringify(s.sources.map((x) => x.sourceId))}`);
  return snap;
}

/**
 * What Brimline must hold after the answers whose headers were `h` (the last ones the fake sent):
 * the client's one-decimal percent of the utilization header, the reset header to the second.
 */
function fromHeaders(h: Record<string, string>): Array<{ id: string; usedPercent: number; resetsAt: string }> {
  const win = (id: string, prefix: string): { id: string; usedPercent: number; resetsAt: string } => ({
    id,
    usedPercent: Math.round(Number(h[`anthropic-ratelimit-unified-${prefix}-utilization`]) * 1000) / 10,
    resetsAt: new Date(Number(h[`anthropic-ratelimit-unified-${prefix}-reset`]) * 1000).toISOString(),
  });
  return [win('five_hour', '5h'), win('seven_day', '7d')];
}

function windowsOf(snap: Snapshot): Array<{ id: string; usedPercent: number | null; resetsAt: string | null }> {
  return snap.windows
    .filter((w) => w.id === 'five_hour' || w.id === 'seven_day')
    .map((w) => ({ id: w.id, usedPercent: w.usedPercent, resetsAt: w.resetsAt }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Sends a prompt and waits for the answer and for our status line to show the answer's 5-hour percent. */
async function ask(pane: Pane, prompt: string, answer: RegExp, fiveHour: number): Promise<string> {
  pane.type(prompt, true);
  await pane.waitFor(answer, 60_000);
  return pane.waitFor(new RegExp(`5h ${Math.round(fiveHour * 100)}%`), 30_000);
}

beforeAll(async () => {
  world = await startWorld(FIRST);
  payloadLog = path.join(world.root, 'other-tool-payloads.jsonl');
  const other = path.join(world.root, 'other-statusline.sh');
  writeFileSync(other, `#!/bin/sh\n{ cat; echo; } >> '${payloadLog}'\necho '${OTHER_LINE}'\n`, { mode: 0o755 });
  settingsFile = path.join(world.config, 'settings.json');
  originalSettings = Buffer.from(userSettings(other), 'utf8');
  writeFileSync(settingsFile, originalSettings);
  world.messages.script('hello', { kind: 'text', text: 'Hello from the loopback fake.' });
  world.messages.script('tool', {
    kind: 'tool',
    name: 'Bash',
    input: { command: 'echo brimline-e2e-tool-ran', description: 'Print a marker' },
    answer: 'The command printed the marker.',
  });
  world.messages.script('again', { kind: 'text', text: 'Second session says hi.' });
});

afterAll(async () => {
  session?.kill();
  await world?.close();
});

describe('Brimline with the real Claude Code', () => {
  test('statusline install keeps the user keys, the odd indent and chains the other tool', async () => {
    const r = await world.brimline('statusline', 'install');
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(settingsFile, 'utf8');
    const before = JSON.parse(originalSettings.toString('utf8')) as Record<string, unknown>;
    const after = JSON.parse(text) as Record<string, unknown>;
    expect(after['cleanupPeriodDays']).toBe(45);
    expect(after['permissions']).toEqual(before['permissions']);
    expect(after['includeCoAuthoredBy']).toBe(false);
    expect(text).toMatch(/^\{\n {3}"/);
    expect(text.endsWith('\n')).toBe(false);
    const command = (after['statusLine'] as { command: string }).command;
    expect(command).not.toBe((before['statusLine'] as { command: string }).command);
    expect((await world.brimline('statusline', 'show')).stdout).toMatch(/other-statusline\.sh/);
  });

  test('after a response the client runs our command: the other tool line, then ours with the header numbers', async () => {
    session = world.startClient('brimline-e2e-a');
    await session.waitFor(/❯/, 60_000);
    const screen = await ask(session, 'Say hello [[hello]]', /Hello from the loopback fake\./, FIRST.fiveHour.utilization);
    // Claude Code shows the chained output on one line: the other tool's, then ours.
    const line = screen.split('\n').find((l) => l.includes(OTHER_LINE)) ?? '';
    expect(line, screen).toMatch(new RegExp(`${OTHER_LINE} \\| 5h 44% ↺\\S+ · 7d 19%`));
    // The client passed the headers on as one-decimal percents and epoch seconds.
    const last = payloads().at(-1) as { rate_limits?: unknown };
    expect(last.rate_limits).toEqual({
      five_hour: { used_percentage: 43.6, resets_at: FIRST.fiveHour.resetsAt },
      seven_day: { used_percentage: 18.7, resets_at: FIRST.sevenDay.resetsAt },
    });
  });

  test('the numbers recorded and shown by status --json equal the headers, under the right account', async () => {
    const s = await status();
    const snap = statuslineSnapshot(s);
    expect(snap.state).toBe('ok');
    expect(snap.accountId).toBe(ACCOUNT);
    expect(windowsOf(snap)).toEqual(fromHeaders(world.messages.lastLimitHeaders));
    expect(windowsOf(snap).map((w) => w.usedPercent)).toEqual([43.6, 18.7]);
    expect(s.accounts.map((a) => a.id)).toContain(ACCOUNT);
  });

  test('a tool-use round trip: the client runs Bash and the next numbers reach status --json at once', async () => {
    world.messages.setLimits(SECOND);
    const pane = session as Pane;
    await ask(pane, 'Run the marker command [[tool]]', /The command printed the marker\./, SECOND.fiveHour.utilization);
    const toolResult = world.messages.requests.some((r) => JSON.stringify(r.body?.['messages'] ?? []).includes('brimline-e2e-tool-ran'));
    expect(toolResult, 'the tool_result with the echo output went back to the API').toBe(true);
    // One status call, a few seconds after the previous one: the status line is read afresh.
    const started = Date.now();
    const snap = statuslineSnapshot(await status());
    expect(windowsOf(snap)).toEqual(fromHeaders(world.messages.lastLimitHeaders));
    expect(windowsOf(snap).map((w) => w.usedPercent)).toEqual([51.2, 19.3]);
    console.log(`status --json took ${Date.now() - started} ms after the status line ran`);
  });

  test("a new session's first status line has no numbers, and Brimline keeps the last ones", async () => {
    (session as Pane).kill();
    const firstSessionId = payloads().at(-1)?.['session_id'];
    world.messages.delayQuotaCheck(8_000);
    session = world.startClient('brimline-e2e-b');
    const pane = session;
    // Wait for the new session's numberless payload, which our command has recorded as well.
    const until = Date.now() + 30_000;
    let bare: Record<string, unknown> | undefined;
    while (!bare && Date.now() < until) {
      bare = payloads().find((p) => p['session_id'] !== firstSessionId && p['rate_limits'] === undefined);
      if (!bare) await new Promise((r) => setTimeout(r, 200));
    }
    expect(bare, 'the new session piped a payload without rate_limits').toBeDefined();
    await pane.waitFor(/❯/, 30_000);
    const sent = world.messages.lastLimitHeaders;
    const kept = windowsOf(statuslineSnapshot(await status()));
    // The session goes on (the logs test counts its answer) before the verdict.
    world.messages.delayQuotaCheck(0);
    await ask(pane, 'Hello again [[again]]', /Second session says hi\./, SECOND.fiveHour.utilization);
    expect(kept).toEqual(fromHeaders(sent));
  });

  test('/usage writes cachedUsageUtilization, and the claude-cache source shows it with its real age', async () => {
    const pane = session as Pane;
    const before = Date.now();
    pane.type('/usage', false);
    await new Promise((r) => setTimeout(r, 500));
    pane.keys('Enter');
    await pane.waitFor(/Current session[\s\S]*% used/, 30_000);
    pane.keys('Escape');
    const readCache = (): { fetchedAtMs: number; accountUuid?: string; utilization: unknown } | undefined =>
      (
        JSON.parse(readFileSync(path.join(world.config, '.claude.json'), 'utf8')) as {
          cachedUsageUtilization?: { fetchedAtMs: number; accountUuid?: string; utilization: unknown };
        }
      ).cachedUsageUtilization;
    const until = Date.now() + 10_000;
    let cache = readCache();
    while (!cache && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      cache = readCache();
    }
    expect(cache, '.claude.json has cachedUsageUtilization').toBeDefined();
    const c = cache as { fetchedAtMs: number; accountUuid?: string; utilization: unknown };
    expect(c.fetchedAtMs).toBeGreaterThanOrEqual(before);
    expect(c.fetchedAtMs).toBeLessThanOrEqual(Date.now());
    expect(c.accountUuid).toBe(ACCOUNT_UUID);
    expect(c.utilization).toEqual(JSON.parse(fixtureText('oauth-usage/usage.200.limits-array-2026-07.json')));
    // Let it age, so "now" and "when the client fetched it" differ by whole seconds.
    await new Promise((r) => setTimeout(r, 2_500));
    const snap = (await status()).sources.find((x) => x.sourceId === 'claude-cache');
    expect(snap, 'a claude-cache source').toBeDefined();
    expect(snap?.state).toBe('ok');
    expect(snap?.accountId).toBe(ACCOUNT);
    expect(snap?.fetchedAt).toBe(new Date(c.fetchedAtMs).toISOString());
  });

  test('logs daily --json equals the usage the fake handed out, and equals ccusage', async () => {
    (session as Pane).kill();
    session = null;
    const conversation = world.messages.handedOut.filter((h) => h.marker !== null);
    const truth = conversation.reduce(
      (t, h) => ({
        inputTokens: t.inputTokens + h.usage.input_tokens,
        outputTokens: t.outputTokens + h.usage.output_tokens,
        cacheCreationTokens: t.cacheCreationTokens + h.usage.cache_creation_input_tokens,
        cacheReadTokens: t.cacheReadTokens + h.usage.cache_read_input_tokens,
      }),
      { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 },
    );
    expect(conversation.length).toBe(4); // hello, tool call, after the tool, again
    const r = await world.brimline('logs', 'daily', '--json');
    expect(r.status, r.stderr).toBe(0);
    type Day = {
      date: string;
      inputTokens: number;
      outputTokens: number;
      cacheCreationTokens: number;
      cacheReadTokens: number;
      totalCost: number;
      modelBreakdowns: Array<{ modelName: string; cost: number }>;
    };
    const ours = JSON.parse(r.stdout) as { daily: Day[] };
    const today = new Date().toISOString().slice(0, 10);
    expect(ours.daily.map((d) => d.date)).toEqual([today]);
    const day = ours.daily[0] as Day;
    expect({
      inputTokens: day.inputTokens,
      outputTokens: day.outputTokens,
      cacheCreationTokens: day.cacheCreationTokens,
      cacheReadTokens: day.cacheReadTokens,
    }).toEqual(truth);
    expect(day.modelBreakdowns.map((m) => m.modelName)).toEqual([MODEL]);

    const theirs = ccusageDaily(world) as { daily: Day[] };
    expect(theirs.daily.length).toBe(1);
    const ref = theirs.daily[0] as Day;
    expect({
      inputTokens: ref.inputTokens,
      outputTokens: ref.outputTokens,
      cacheCreationTokens: ref.cacheCreationTokens,
      cacheReadTokens: ref.cacheReadTokens,
    }).toEqual(truth);
    expect(day.totalCost).toBeGreaterThan(0);
    expect(Math.abs(day.totalCost - ref.totalCost) / ref.totalCost).toBeLessThan(1e-6);
  });

  test('statusline uninstall puts settings.json back byte for byte', async () => {
    const r = await world.brimline('statusline', 'uninstall');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(settingsFile).equals(originalSettings)).toBe(true);
  });

  test('the client reached nothing but the fakes: every other CONNECT was refused', () => {
    expect(world.proxy.accepted.length).toBeGreaterThan(0);
    expect(new Set(world.proxy.accepted)).toEqual(new Set(['api.anthropic.com:443']));
    const oauth = world.api.requests.filter((q) => q.path === '/api/oauth/profile' || q.path === '/api/oauth/usage');
    expect(oauth.length).toBeGreaterThan(0);
    expect(oauth.filter((q) => q.headers.authorization !== `Bearer ${DEFAULT_TOKEN}`)).toEqual([]);
    // Record what else it tried, for README.md.
    console.log(`refused: ${[...new Set(world.proxy.refused)].join(', ') || 'nothing'}`);
    console.log(`api.anthropic.com paths: ${[...new Set(world.api.requests.map((q) => q.path))].join(', ')}`);
    console.log(`transcripts: ${readdirSync(path.join(world.config, 'projects')).join(', ')}`);
  });
});
