/** Shared helpers for the renderer's Playwright tests (fake bridge via URL query). */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { FIXTURE_NAMES, type FixtureName } from '../../../renderer/dev/fixtures';
import type { SettingsSection } from '../../../shared/settings';

export type { FixtureName };

/** Every state the popover shows; `desktop-notes` and `wayland` only change Settings. */
export const FIXTURES: readonly FixtureName[] = FIXTURE_NAMES.filter((n) => n !== 'desktop-notes' && n !== 'wayland');

export interface OpenOptions {
  state?: FixtureName;
  lang?: 'en' | 'fr' | 'system';
  theme?: 'light' | 'dark' | 'system';
  view?: 'popover' | 'settings' | 'history';
  /** The settings section to open at. */
  section?: SettingsSection;
}

export function pageUrl({ state = 'ok', lang, theme, view = 'popover', section }: OpenOptions = {}): string {
  const q = new URLSearchParams({ state });
  if (lang) q.set('lang', lang);
  if (theme) q.set('theme', theme);
  return `index.html?${q.toString()}#${view}${view === 'settings' && section ? `/${section}` : ''}`;
}

/** Opens a view and waits until the store has loaded, failing on any CSP violation or page error. */
export async function open(page: Page, options: OpenOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(pageUrl(options));
  await page.locator(options.view === 'settings' ? '.settings' : '.popover').waitFor();
  return problems;
}

export interface FakeCall {
  method: string;
  [key: string]: unknown;
}

export async function fakeCalls(page: Page): Promise<FakeCall[]> {
  return page.evaluate(() => (window as unknown as { __brimlineFake: { calls: FakeCall[] } }).__brimlineFake.calls);
}

/** The accessible name of the focused element, as the keyboard tests compare it. */
export async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> | null }) | null;
    if (!el) return '';
    return el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent?.trim() ?? el.textContent?.trim() ?? el.tagName;
  });
}

/** Presses Tab (or Shift+Tab) until the control named `name` has focus. */
export async function tabTo(page: Page, name: string, max = 40, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`never reached "${name}" with Tab`);
}

/** A screenshot in tests/artifacts/ for people to look at, then no horizontal overflow, no axe-core violation and no console error. */
export async function lookAndA11y(page: Page, name: string, problems: string[], fullPage: boolean): Promise<void> {
  await page.screenshot({ path: `tests/artifacts/${name}.png`, fullPage });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(overflow, `${name} overflows horizontally`).toBe(false);
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(problems, name).toEqual([]);
}
