/**
 * `npm run screenshots`: the pictures in README.md and docs/, taken from the real renderer with the
 * development fixtures (renderer/dev/) in the system Chromium, and the tray drawn by the tray
 * model and badge code. The clock is fixed, so running it again on unchanged code gives the same
 * pictures; commit what changed.
 *
 *   npm run screenshots              # all of them, into docs/images/
 *   npm run screenshots -- tray      # only the names given
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { fixtureState } from '../renderer/dev/fixtures';
import { SETTINGS_SIZE } from '../electron/core/tray/window-placement';
import type { SettingsSection } from '../shared/settings';
import { decodePng, encodeIndexedPng } from './screenshots/png-palette';
import { trayModelFor, trayStripHtml } from './screenshots/tray-strip';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'images');
const viteConfig = path.join(root, 'renderer', 'vite.config.ts');

/** A Tuesday morning in Paris: every countdown and clock in the pictures is computed from it. */
const NOW = Date.parse('2026-03-10T09:47:00Z');
const TIME_ZONE = 'Europe/Paris';
const CHROMIUM = process.env['BRIMLINE_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

interface Shot {
  name: string;
  take(browser: Browser, baseUrl: string): Promise<Buffer>;
}

interface View {
  hash: 'popover' | 'history' | `settings/${SettingsSection}`;
  theme: 'light' | 'dark';
  width: number;
  height: number;
  /** An element that is there once the view has its data. */
  ready: string;
}

async function newPage(browser: Browser, width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2, locale: 'en-GB', timezoneId: TIME_ZONE });
  await page.clock.setFixedTime(NOW);
  return page;
}

function renderer(view: View): Shot['take'] {
  return async (browser, baseUrl) => {
    const page = await newPage(browser, view.width, view.height);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const query = new URLSearchParams({ state: 'ok', lang: 'en', theme: view.theme, persist: '0' });
    await page.goto(`${baseUrl}index.html?${query.toString()}#${view.hash}`);
    await page.locator(view.ready).first().waitFor();
    // Web fonts and the charts' first layout settle within a frame or two.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r(null)))));
    if (errors.length > 0) throw new Error(`The ${view.hash} page failed: ${errors.join('; ')}`);
    const png = await page.screenshot({ type: 'png' });
    await page.close();
    return png;
  };
}

async function tray(browser: Browser): Promise<Buffer> {
  const model = trayModelFor(fixtureState('ok', NOW), NOW, TIME_ZONE);
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(NOW);
  const page = await newPage(browser, 460, 200);
  await page.setContent(trayStripHtml(model, clock, root));
  const png = await page.locator('body').screenshot({ type: 'png' });
  await page.close();
  return png;
}

const SHOTS: Shot[] = [
  { name: 'popover-light', take: renderer({ hash: 'popover', theme: 'light', width: 360, height: 520, ready: '.popover' }) },
  { name: 'popover-dark', take: renderer({ hash: 'popover', theme: 'dark', width: 360, height: 520, ready: '.popover' }) },
  {
    name: 'settings',
    take: renderer({ hash: 'settings/accounts', theme: 'light', ...SETTINGS_SIZE, ready: '[data-testid="settings-accounts"]' }),
  },
  { name: 'history', take: renderer({ hash: 'history', theme: 'light', width: 360, height: 760, ready: '[data-testid="history-cost"]' }) },
  { name: 'tray', take: tray },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !SHOTS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`Unknown screenshot ${unknown.join(', ')}; known: ${SHOTS.map((s) => s.name).join(', ')}`);
  const shots = wanted.length > 0 ? SHOTS.filter((s) => wanted.includes(s.name)) : SHOTS;

  await build({ configFile: viteConfig, mode: 'e2e', logLevel: 'warn' });
  const server = await preview({ configFile: viteConfig, mode: 'e2e', logLevel: 'warn', preview: { port: 4187, strictPort: false } });
  const baseUrl = server.resolvedUrls?.local[0];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    if (!baseUrl) throw new Error('The renderer preview server did not report its address');
    mkdirSync(outDir, { recursive: true });
    for (const shot of shots) {
      // Indexed colour: half the bytes of Chromium's PNG, and the same picture to the eye.
      const png = encodeIndexedPng(decodePng(await shot.take(browser, baseUrl)));
      writeFileSync(path.join(outDir, `${shot.name}.png`), png);
      console.log(`docs/images/${shot.name}.png  ${Math.round(png.length / 1024)} KB`);
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
