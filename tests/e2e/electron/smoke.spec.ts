/**
 * The app itself, end to end: Electron on the built app against a loopback fake of the usage API.
 * Runs wherever Electron's binary is installed; skips with a reason where it is not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const binary = findElectronBinary();

interface Probe {
  notifications: { title: string; body: string }[];
  trayTitle(): string | null;
  popoverVisible(): boolean;
  openPopover(): void;
}

test.skip(
  binary === null,
  'Electron binary is not installed (it cannot be downloaded on this machine). Install it (ELECTRON_MIRROR=… npx install-electron) or set ELECTRON_OVERRIDE_DIST_PATH to run the Electron smoke test.',
);

test.describe('Electron app', () => {
  let server: Server;
  let baseUrl: string;
  let tmp: string;
  let app: ElectronApplication | null = null;
  const seen: string[] = [];

  test.beforeAll(async () => {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'pipe',
    });
    expect(build.status, build.stderr.toString()).toBe(0);
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/oauth/usage') {
        const resetsAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
        res.end(
          JSON.stringify({
            five_hour: { utilization: 50, resets_at: resetsAt },
            seven_day: { utilization: 12, resets_at: new Date(Date.now() + 80 * 3_600_000).toISOString() },
            extra_usage: null,
          }),
        );
      } else if (req.url === '/api/oauth/profile') {
        res.end(
          JSON.stringify({
            account: { email: 'e2e@example.com' },
            organization: { organization_type: 'claude_max', rate_limit_tier: 'default_claude_max_5x' },
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-e2e-'));
    mkdirSync(path.join(tmp, 'claude'));
    writeFileSync(
      path.join(tmp, 'claude', '.credentials.json'),
      JSON.stringify({
        claudeAiOauth: {
          accessToken: 'sk-ant-oat01-e2e-fake-token',
          refreshToken: 'sk-ant-ort01-e2e',
          expiresAt: Date.now() + 86_400_000,
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
        },
      }),
    );
  });

  test.afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('sets the tray number, notifies at 50% and opens the popover', async () => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, {
      BRIMLINE_E2E: '1',
      BRIMLINE_ANTHROPIC_API_URL: baseUrl,
      CLAUDE_CONFIG_DIR: path.join(tmp, 'claude'),
      BRIMLINE_DATA_DIR: path.join(tmp, 'data'),
      XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
    });
    // Chromium refuses to run as root with its sandbox (CI containers).
    const args = [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    app = await electron.launch({ executablePath: binary!, args, env, timeout: 30_000 });

    type Global = { __brimlineE2E?: Probe };
    const trayTitle = () => app!.evaluate(() => (globalThis as Global).__brimlineE2E?.trayTitle() ?? null);
    const notified = () => app!.evaluate(() => (globalThis as Global).__brimlineE2E?.notifications.map((n) => n.title) ?? []);
    const popoverVisible = () => app!.evaluate(() => (globalThis as Global).__brimlineE2E?.popoverVisible() ?? false);

    await expect.poll(trayTitle, { timeout: 20_000 }).toBe('50%');
    await expect.poll(notified, { timeout: 10_000 }).toEqual(['Claude session at 50%']);
    expect(seen).toContain('/api/oauth/usage');

    await app.evaluate(() => (globalThis as Global).__brimlineE2E?.openPopover());
    await expect.poll(popoverVisible).toBe(true);
    const popover = app.windows().find((w) => w.url().endsWith('#popover')) ?? (await app.waitForEvent('window'));
    await expect(popover).toHaveURL(/^app:\/\/brimline\/index\.html#popover$/);
    await expect(popover.locator('body')).toContainText('50');
    // The sandboxed page has the bridge and nothing of Node.
    expect(await popover.evaluate(() => typeof (window as unknown as { brimline?: unknown }).brimline)).toBe('object');
    expect(await popover.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  });
});
