/**
 * End to end: the app's core and shell (Electron mocked) run against the loopback server with a
 * marked Claude Code login and every saved secret set to a marked value. Polls succeed and fail
 * (401 and HTML bodies that echo the token, 429), the renderer saves and removes secrets and sends
 * bad payloads, the CLI runs; then every place a secret could land is searched. Each must hold 0.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../unit/shell/electron-mock'));

import * as electronMock from '../unit/shell/electron-mock';
import { AlertStore } from '../../electron/core/alerts/alerts';
import { createBrimlineCore } from '../../electron/core/usage/app-core';
import { main as cliMain } from '../../electron/cli';
import { runStatusCommand } from '../../electron/core/cli/status-command';
import type { CliIo } from '../../electron/core/cli/io';
import { fileLogger } from '../../electron/core/platform/log';
import { ALLOWED_API_HOSTS } from '../../electron/core/platform/net/http';
import { FILES } from '../../electron/core/platform/paths';
import { MINUTE } from '../../electron/core/usage/scheduler';
import { SecretStore, type KeytarLike } from '../../electron/core/platform/secret-store';
import { startShell } from '../../electron/adapters/shell';
import type { SourceSnapshot } from '../../shared/domain';
import { SECRET_NAMES } from '../../shared/ipc';
import { startFakeAnthropic } from '../support/fake-anthropic';
import { ManualClock } from '../support/manual-clock';
import { recordingFetch } from '../support/recording-fetch';
import { recordFigure } from './report';
import { markedSecrets, occurrences } from './secrets';

const secrets = markedSecrets();
const access = secrets.find((s) => s.origin.kind === 'claude-code-credentials' && s.origin.field === 'accessToken')!;
const refresh = secrets.find((s) => s.origin.kind === 'claude-code-credentials' && s.origin.field === 'refreshToken')!;
let home = '';
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

/** An in-memory keychain that keeps everything it was ever given, to check removal. */
function fakeKeychain(): KeytarLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getPassword: async (s, a) => items.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void items.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => items.delete(`${s}/${a}`),
  };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/** Waits until the log file stops growing: the file logger appends on its own promise chain. */
async function logSettled(file: string): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const size = (await stat(file).catch(() => null))?.size ?? 0;
    if (size === last) return;
    last = size;
    await new Promise((r) => setTimeout(r, 40));
  }
}

describe('no secret leaks', () => {
  it('finds every marked secret 0 times in the data dir, logs, snapshots, IPC to the renderer and CLI output', async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'brimline-secrets-'));
    const ccDir = path.join(home, 'claude');
    const dataDir = path.join(home, 'data');
    await mkdir(ccDir, { recursive: true });
    await writeFile(
      path.join(ccDir, '.credentials.json'),
      JSON.stringify({
        claudeAiOauth: {
          accessToken: access.value,
          refreshToken: refresh.value,
          expiresAt: Date.parse('2030-01-01T00:00:00Z'),
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
          rateLimitTier: 'default_claude_max_5x',
        },
      }),
    );

    const clock = new ManualClock('2026-07-02T20:00:00Z');
    const server = await startFakeAnthropic({ token: access.value, now: () => clock.now() });
    // Error bodies that echo the token, as some proxies and error pages do.
    server.route('/api/oauth/usage', (n) => {
      if (n === 2)
        return {
          kind: 'json',
          status: 401,
          body: {
            type: 'error',
            error: { type: 'authentication_error', message: `Invalid bearer token ${access.value} (refresh ${refresh.value})` },
          },
        };
      if (n === 3) return { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json', headers: { 'retry-after': '0' } };
      if (n === 4)
        return {
          kind: 'text',
          status: 200,
          contentType: 'text/html',
          body: `<html><body>Session ${access.value} challenged</body></html>`,
        };
      if (n === 5) return { kind: 'text', status: 400, body: `{"error":"bad token ${access.value}"}`, contentType: 'application/json' };
      return { kind: 'fixture', file: 'oauth-usage/usage.200.limits-array-2026-07.json' };
    });
    const env = { BRIMLINE_DATA_DIR: dataDir, CLAUDE_CONFIG_DIR: ccDir, BRIMLINE_ANTHROPIC_API_URL: server.url, HOME: home };
    const rec = recordingFetch();
    const logFile = path.join(dataDir, FILES.log);
    const logger = fileLogger(logFile, () => clock.now());

    const core = createBrimlineCore({ env, dataDir, fetch: rec.fetch, clock, random: () => 0.5, logger, watchFiles: false });
    clock.settle = () => core.idle();
    const snapshotsSeen: SourceSnapshot[][] = [];
    core.usage.subscribe((_view, s) => snapshotsSeen.push(structuredClone([...s])));
    // Every snapshot error also goes to the log, as a verbose build would.
    core.usage.subscribe((_view, s) => s.forEach((x) => x.error && logger.warn(`${x.sourceId}: ${x.error.message}`)));

    const keychain = fakeKeychain();
    const store = new SecretStore({ loadKeytar: async () => keychain, logger, platform: 'linux' });
    await store.init();
    const alerts = new AlertStore(dataDir, logger);
    await alerts.load();
    await core.start();
    const shell = await startShell({
      core,
      secrets: store,
      alerts,
      loginItem: { get: async () => false, set: async () => undefined },
      logger,
      platform: 'linux',
      preload: path.join(home, 'preload.cjs'),
      assetsDir: path.resolve(__dirname, '../../assets'),
      origin: { devServerUrl: null },
      appVersion: '0.0.0-test',
      systemLocales: ['en-US'],
      devTools: false,
      quit: () => undefined,
      now: () => clock.now(),
      setInterval: () => 0,
      clearInterval: () => undefined,
    });
    shell.windows.preload();
    shell.windows.openSettings();
    const [popover] = electronMock.BrowserWindow.instances;
    expect(popover).toBeDefined();
    const invokeResults: unknown[] = [];
    const invoke = async (channel: string, payload?: unknown): Promise<unknown> => {
      const handler = electronMock.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      const wc = popover!.webContents;
      try {
        const r = await handler({ sender: { id: wc.id }, senderFrame: { url: wc.mainFrame.url, parent: null } }, payload);
        invokeResults.push(r);
        return r;
      } catch (err) {
        invokeResults.push(String(err));
        return err;
      }
    };

    // The user saves every secret; the renderer also sends malformed saves that carry them.
    for (const s of secrets) {
      if (s.origin.kind !== 'secret-store') continue;
      await invoke('brimline:save-secret', { name: s.origin.name, value: s.value });
      await invoke('brimline:save-secret', { name: 'notASecretName', value: s.value });
      await invoke('brimline:save-secret', { name: s.origin.name, value: s.value, extra: s.value });
    }
    // A careless log line with the token and a raw credentials dump: redaction must catch both.
    logger.error(`request failed with Authorization: Bearer ${access.value}`);
    logger.warn(`credentials were ${await readFile(path.join(ccDir, '.credentials.json'), 'utf8')}`);
    for (const s of secrets) logger.info(`value seen: ${s.value}`);

    await clock.advance(0);
    for (let i = 0; i < 8; i++) await clock.advance(5 * MINUTE);
    await invoke('brimline:refresh');
    await invoke('brimline:get-state');
    await invoke('brimline:update-settings', { pollIntervalMinutes: 2 });
    await clock.advance(10 * MINUTE);
    const statusCodes = server.requests.filter((r) => r.path === '/api/oauth/usage').length;
    expect(statusCodes).toBeGreaterThanOrEqual(5);

    // The user removes every saved secret: it must be gone from the keychain and from memory.
    for (const s of secrets) if (s.origin.kind === 'secret-store') await invoke('brimline:remove-secret', { name: s.origin.name });
    const status = await store.status();
    for (const name of SECRET_NAMES) {
      expect(status.saved[name]).toBe(false);
      expect(await store.get(name)).toBeNull();
    }
    const keychainHits = secrets.reduce((n, s) => n + [...keychain.items.values()].filter((v) => v.includes(s.needle)).length, 0);
    expect(keychainHits, 'removed secrets left in the keychain').toBe(0);

    // Links: only allowlisted https addresses reach the OS browser.
    await invoke('brimline:open-external', { url: 'https://claude.ai/settings/usage' });
    await invoke('brimline:open-external', { url: 'http://claude.ai/settings/usage' });
    await invoke('brimline:open-external', { url: 'https://evil.example/?t=x' });
    await invoke('brimline:open-external', { url: `https://user:${access.value}@claude.ai/` });
    expect(electronMock.shell.opened).toEqual(['https://claude.ai/settings/usage']);

    // Export… from the History view: the file lands in the data dir, which is searched below.
    electronMock.dialog.saveDialogChoice = path.join(dataDir, 'history-export.json');
    await invoke('brimline:export-history', { days: 30 });

    await shell.settled();
    shell.dispose();
    await core.stop();

    // The CLI, in both output formats, against the same data dir and server.
    const cliOut: string[] = [];
    const io: CliIo = { stdout: (s) => void cliOut.push(s), stderr: (s) => void cliOut.push(s), env, now: () => Date.now(), isTTY: false };
    await runStatusCommand(['--json'], io, { fetch: rec.fetch });
    await runStatusCommand([], io, { fetch: rec.fetch });
    await cliMain(['logs', 'daily', '--json'], io);
    // The history export, with the emails asked for: still no secret.
    await cliMain(['history', 'export', '--include-emails'], io);
    await cliMain(['history', 'export', '--include-emails', '--format', 'json'], io);
    await logSettled(logFile);

    const files = await walk(dataDir);
    const fileText = await Promise.all(files.map(async (f) => ({ f, text: (await readFile(f)).toString('latin1') })));
    const places = {
      BRIMLINE_DATA_DIR: fileText.map((x) => x.text).join('\n'),
      logs: fileText
        .filter((x) => path.basename(x.f).startsWith(FILES.log))
        .map((x) => x.text)
        .join('\n'),
      snapshots: JSON.stringify(snapshotsSeen) + JSON.stringify(core.usage.snapshots()),
      'IPC to the renderer':
        JSON.stringify(electronMock.BrowserWindow.instances.flatMap((w) => w.webContents.sent)) + JSON.stringify(invokeResults),
      notifications: JSON.stringify(electronMock.Notification.instances.map((n) => n.options)),
      'CLI output': cliOut.join(''),
    };
    expect(places.logs.length, 'the log was written').toBeGreaterThan(200);
    // The careless lines above did reach the log, scrubbed: the search below is not vacuous.
    expect(occurrences(places.logs, '[redacted]')).toBeGreaterThanOrEqual(secrets.length + 2);
    expect(JSON.stringify(electronMock.BrowserWindow.instances.flatMap((w) => w.webContents.sent)).length).toBeGreaterThan(200);
    expect(places['CLI output']).toMatch(/"sources"/);
    expect(places['CLI output']).toContain('kind,time,day,account_id');
    expect(files.map((f) => path.basename(f))).toContain('history-export.json');

    const found: string[] = [];
    for (const [place, text] of Object.entries(places) as [string, string][]) {
      let hits = 0;
      for (const s of secrets) {
        const n = occurrences(text, s.needle);
        if (n > 0) found.push(`${s.label} in ${place}: ${n}`);
        hits += n;
      }
      recordFigure({
        section: 'secrets',
        name: place,
        tried: secrets.length,
        bad: hits,
        detail: `${secrets.length} marked secrets searched in ${text.length.toLocaleString('en-US')} chars${place === 'BRIMLINE_DATA_DIR' ? ` (${files.length} files)` : ''}`,
      });
    }
    recordFigure({
      section: 'secrets',
      name: 'keychain after removal',
      tried: SECRET_NAMES.length,
      bad: keychainHits,
      detail: 'every saved secret removed through IPC; keychain and memory empty',
    });

    // Requests: only to Anthropic's hosts or the base-URL override, never a redirect target.
    const allowed = new Set([...ALLOWED_API_HOSTS, new URL(server.url).host]);
    const off = rec.calls.filter((c) => !allowed.has(c.host));
    recordFigure({
      section: 'allowlist',
      name: 'requests by core, shell and CLI',
      tried: rec.calls.length,
      bad: off.length,
      detail: `hosts seen: ${[...new Set(rec.calls.map((c) => c.host))].join(', ')}; the fake server saw ${server.requests.length}`,
    });
    expect(off).toEqual([]);
    expect(rec.calls.length).toBe(server.requests.length);
    await server.close();

    expect(found).toEqual([]);
  });
});
