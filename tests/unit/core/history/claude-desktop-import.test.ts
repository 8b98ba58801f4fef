import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  claudeDesktopHistoryPath,
  importClaudeDesktopHistory,
  parseClaudeDesktopHistory,
} from '../../../../electron/core/history/claude-desktop-import';
import { HistoryStore } from '../../../../electron/core/history/history-store';
import { computeForecast } from '../../../../shared/outlook/forecast';

const FIXTURES = path.join(__dirname, '../../../fixtures/claude-desktop');
const NOW = Date.parse('2026-07-02T12:00:00Z');
const ORG1 = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';

async function setup(fixture: string): Promise<{ store: HistoryStore; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hr-desktop-'));
  const file = path.join(dir, 'Claude', 'plan-usage-history.json');
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(path.join(FIXTURES, fixture), file);
  const store = new HistoryStore(path.join(dir, 'data'), { now: () => NOW });
  await store.open();
  return { store, file };
}

describe('Claude Desktop backfill', () => {
  it('finds the file where Claude Desktop keeps it on each OS', () => {
    expect(claudeDesktopHistoryPath({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Claude/plan-usage-history.json');
    expect(claudeDesktopHistoryPath({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', 'Claude', 'plan-usage-history.json'),
    );
    expect(claudeDesktopHistoryPath({}, 'linux', '/home/a')).toBe('/home/a/.config/Claude/plan-usage-history.json');
    expect(claudeDesktopHistoryPath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/Claude/plan-usage-history.json');
  });

  it('imports every window of every organisation, marked imported, without reset times; skips odd samples one by one', async () => {
    const { store, file } = await setup('plan-usage-history.json');
    const before = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const res = await importClaudeDesktopHistory(store, file, { now: () => NOW });
    // org 1: 96 samples × (fh, sd) + 12 extra-usage values; org 2: 4 × 2.
    expect(res).toEqual({ kind: 'imported', file, added: 96 * 2 + 12 + 8, alreadyPresent: 0, skipped: 4 });
    const all = await store.read({ sinceMs: 0 });
    expect(all.every((s) => s.imported && s.resetsAt === null && s.sourceId === 'claude-desktop')).toBe(true);
    const fh = all.filter((s) => s.accountId === ORG1 && s.windowId === 'session');
    expect(fh).toHaveLength(96);
    expect(fh[0]).toMatchObject({ t: Date.parse('2026-07-01T00:00:00Z'), kind: 'session', usedPercent: 0 });
    expect(new Set(all.map((s) => s.windowId))).toEqual(new Set(['session', 'weekly', 'extra_usage']));
    // Read-only: the file is untouched.
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('never duplicates on re-import, even after compaction thinned the imported samples', async () => {
    const { store, file } = await setup('plan-usage-history.json');
    await importClaudeDesktopHistory(store, file, { now: () => NOW });
    const again = await importClaudeDesktopHistory(store, file, { now: () => NOW });
    expect(again).toMatchObject({ kind: 'imported', added: 0, alreadyPresent: 212 });
    expect(await store.read({ sinceMs: 0 })).toHaveLength(212);
    // 40 days later the imported day is thinned to one sample an hour; importing the same file adds nothing back.
    const LATER = NOW + 40 * 86_400_000;
    const later = new HistoryStore(store.dir.replace(/[\\/]history$/, ''), { now: () => LATER });
    await later.open();
    expect((await later.compact()).droppedSamples).toBeGreaterThan(0);
    const thinned = (await later.read({ sinceMs: 0 })).length;
    const third = await importClaudeDesktopHistory(later, file, { now: () => LATER, retentionDays: 90 });
    expect(third).toMatchObject({ added: 0 });
    expect(await later.read({ sinceMs: 0 })).toHaveLength(thinned);
    // A newer file (Desktop appended a sample) adds exactly that one.
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { samples: unknown[] };
    doc.samples.push({ t: NOW - 60_000, org: ORG1, u: { fh: 42 } });
    writeFileSync(file, JSON.stringify(doc));
    expect(await importClaudeDesktopHistory(store, file, { now: () => NOW })).toMatchObject({ added: 1 });
  });

  it('a truncated file imports nothing and says so', async () => {
    const { store, file } = await setup('plan-usage-history.truncated.json');
    const res = await importClaudeDesktopHistory(store, file, { now: () => NOW });
    expect(res.kind).toBe('failed');
    if (res.kind !== 'failed') return;
    expect(res.reason).toBe('truncated');
    expect(res.message).toMatch(/ends in the middle.*nothing was imported\. Brimline tries again the next time it starts\./);
    expect(await store.read({ sinceMs: 0 })).toEqual([]);
  });

  it('an unknown version imports nothing and says what to do', async () => {
    const { store, file } = await setup('plan-usage-history.v3.json');
    const res = await importClaudeDesktopHistory(store, file, { now: () => NOW });
    expect(res).toMatchObject({ kind: 'failed', reason: 'unknown_version' });
    if (res.kind === 'failed')
      expect(res.message).toMatch(/format version 3, which this version of Brimline does not know; nothing was imported\. Update Brimline/);
    expect(await store.read({ sinceMs: 0 })).toEqual([]);
  });

  it('other bad inputs: missing file, not JSON, wrong shapes', async () => {
    const { store } = await setup('plan-usage-history.json');
    expect(await importClaudeDesktopHistory(store, '/nonexistent/plan-usage-history.json', { now: () => NOW })).toMatchObject({
      kind: 'missing',
    });
    expect(parseClaudeDesktopHistory('<html>')).toMatchObject({ ok: false, reason: 'not_json' });
    expect(parseClaudeDesktopHistory('[1,2]')).toMatchObject({ ok: false, reason: 'bad_shape' });
    expect(parseClaudeDesktopHistory('{"samples":[]}')).toMatchObject({ ok: false, reason: 'unknown_version' });
    expect(parseClaudeDesktopHistory('{"version":2,"samples":{}}')).toMatchObject({ ok: false, reason: 'bad_shape' });
    expect(parseClaudeDesktopHistory('{"version":2,"samples":[null,1,"x",{"t":1,"org":"o","u":{"fh":"5"}}]}')).toEqual({
      ok: true,
      samples: [],
      skipped: 4,
    });
  });

  it('imported samples feed the forecast of the current cycle', async () => {
    const { store, file } = await setup('plan-usage-history.json');
    await importClaudeDesktopHistory(store, file, { now: () => NOW });
    // The fixture's session cycle 2026-07-01T20:00–2026-07-02T01:00 climbs 0 → 76 %.
    const reset = Date.parse('2026-07-02T01:00:00Z');
    const samples = (await store.read({ sinceMs: 0, accountId: ORG1, windowId: 'session' })).map((s) => ({
      t: s.t,
      usedPercent: s.usedPercent,
      resetsAt: s.resetsAt,
    }));
    const f = computeForecast({ kind: 'session', resetsAt: reset, samples, now: Date.parse('2026-07-02T00:00:00Z') })!;
    expect(f.samplesUsed).toBe(16);
    expect(f.projectedPercentAtReset).toBeGreaterThan(76);
  });
});

describe('Claude Desktop samples join the live account', () => {
  it('imports only organisations a profile has linked to an account, and the rest once linked', async () => {
    const { AccountDirectory } = await import('../../../../electron/core/usage/account-directory');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hr-link-'));
    const accounts = new AccountDirectory(dataDir);
    await accounts.load();
    const file = path.join(dataDir, 'plan-usage-history.json');
    const t = Date.parse('2026-07-14T08:00:00Z');
    writeFileSync(file, JSON.stringify({ version: 2, samples: [{ t, org: 'ORG-A', u: { fh: 40, sd: 12 } }] }));
    const store = new HistoryStore(dataDir, { now: () => t + 60_000 });
    await store.open();
    const opts = { now: () => t + 60_000, accountIdForOrg: (org: string) => accounts.accountForOrg(org) };
    expect(await importClaudeDesktopHistory(store, file, opts)).toMatchObject({ kind: 'imported', added: 0, skipped: 1 });
    // The plan poll's profile names the account and its organisation: the link is learnt and kept.
    expect(accounts.resolve({ accountUuid: 'ACC-1', orgUuid: 'ORG-A' })).toBe('account:acc-1');
    expect(await importClaudeDesktopHistory(store, file, opts)).toMatchObject({ kind: 'imported', added: 2 });
    const live = await store.read({ sinceMs: 0, accountId: 'account:acc-1', windowId: 'session' });
    expect(live.map((s) => [s.usedPercent, s.imported])).toEqual([[40, true]]);
    // The next start knows the link before any poll.
    await new Promise((r) => setTimeout(r, 50));
    const again = new AccountDirectory(dataDir);
    await again.load();
    expect(again.accountForOrg('ORG-A')).toBe('account:acc-1');
    expect(again.resolve({ orgUuid: 'org-a' })).toBe('account:acc-1');
  });
});
