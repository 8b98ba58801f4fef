// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDuration, formatMoney } from '../../../shared/format';
import { mergeSnapshots } from '../../../shared/merge';
import { NOW, renderApp } from './harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;

function bars(): HTMLElement[] {
  return screen.getAllByRole('progressbar');
}

describe('popover: ok with several windows and extra usage', () => {
  it('shows one card per account and one row per window with bar, percent and reset time', async () => {
    await renderApp('ok');
    const card = screen.getByRole('region', { name: 'ada@example.com' });
    expect(within(card).getByText('Max 5x plan')).toBeTruthy();
    const session = within(card).getByTestId('window-session');
    expect(within(session).getByText('Session (5 h)')).toBeTruthy();
    expect(within(session).getByText('62% used')).toBeTruthy();
    expect(within(session).getByText(new RegExp(`^Resets in ${formatDuration(2 * 60 * MIN + 13 * MIN, 'en')} · `))).toBeTruthy();
    expect(within(card).getByText('Weekly · Opus')).toBeTruthy();

    const sessionBar = within(session).getByRole('progressbar', { name: 'Session (5 h)' });
    expect(sessionBar.getAttribute('aria-valuenow')).toBe('62');
    expect(sessionBar.getAttribute('aria-valuetext')).toBe('62% used');
    expect(bars()).toHaveLength(5);
  });

  it('colours bars by the alert thresholds', async () => {
    await renderApp('ok');
    const cls = (id: string) => screen.getByTestId(id).querySelector('[role="progressbar"]')!.className;
    expect(cls('window-weekly')).toContain('bar-ok'); // 34 < 50
    expect(cls('window-session')).toContain('bar-warn'); // 62
    expect(cls('window-weekly_model:sonnet')).toContain('bar-critical'); // 93 ≥ 90
  });

  it('says which threshold was already alerted in this cycle, per window', async () => {
    await renderApp('ok');
    expect(within(screen.getByTestId('window-weekly_model:sonnet')).getByText(/^· alerted at 90%$/)).toBeTruthy();
    expect(within(screen.getByTestId('window-session')).getByText(/^· alerted at 50%$/)).toBeTruthy();
    expect(within(screen.getByTestId('window-weekly')).queryByText(/alerted/)).toBeNull();
  });

  it('shows extra usage in its own currency', async () => {
    await renderApp('ok');
    const extra = screen.getByTestId('extra-usage');
    const text = `${formatMoney(7.63, 'EUR', 'en')} of ${formatMoney(20, 'EUR', 'en')} this month`;
    expect(within(extra).getByText(text)).toBeTruthy();
    expect(text).toContain('€7.63');
  });

  it('shows remaining instead of used when the setting says so', async () => {
    const h = await renderApp('ok');
    await act(() => h.store.getState().updateSettings({ tray: { display: 'remaining' } }));
    expect(within(screen.getByTestId('window-session')).getByText('38% left')).toBeTruthy();
  });

  it('ticks the countdown while open, without asking the bridge for data', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const h = await renderApp('ok');
    const session = screen.getByTestId('window-session');
    expect(session.textContent).toContain(`Resets in ${formatDuration(133 * MIN, 'en')}`);
    const callsBefore = h.control.calls.length;
    h.clock.now = NOW + 10 * MIN;
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(session.textContent).toContain(`Resets in ${formatDuration(123 * MIN, 'en')}`);
    expect(h.control.calls.length).toBe(callsBefore);
  });

  it('stops ticking while main says the popover is hidden (its page never goes "hidden" itself), and catches up when shown', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const h = await renderApp('ok');
    const session = screen.getByTestId('window-session');
    expect(vi.getTimerCount()).toBe(1);
    await act(async () => h.control.setVisible(false));
    expect(vi.getTimerCount()).toBe(0);
    h.clock.now = NOW + 10 * MIN;
    await act(async () => {
      vi.advanceTimersByTime(5000);
    });
    expect(session.textContent).toContain(`Resets in ${formatDuration(133 * MIN, 'en')}`);
    // Shown again: the countdown is current at once, before the next second.
    await act(async () => h.control.setVisible(true));
    expect(session.textContent).toContain(`Resets in ${formatDuration(123 * MIN, 'en')}`);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('turns a countdown into "reset" when the time passes, never negative', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const h = await renderApp('ok');
    h.clock.now = NOW + 3 * 60 * MIN;
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    const session = screen.getByTestId('window-session');
    expect(within(session).getByText('Reset · new window started')).toBeTruthy();
    // Unknown until new data arrives: neither the old 62% nor 0%.
    expect(within(session).getByText('–')).toBeTruthy();
    expect(session.textContent).not.toMatch(/\d+ ?%/);
    expect(session.textContent).not.toMatch(/-\d/);
  });
});

describe('popover: states', () => {
  it('past reset: the window shows as reset, its use unknown (–) until new data arrives', async () => {
    const h = await renderApp('past-reset');
    const session = screen.getByTestId('window-session');
    expect(within(session).getByText('Reset · new window started')).toBeTruthy();
    expect(within(session).getByText('–')).toBeTruthy();
    expect(session.textContent).not.toContain('97');
    const bar = within(session).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuetext')).toBe('Not known until new data arrives');
    expect(bar.className).toContain('bar-neutral');
    // The other windows keep their numbers.
    expect(screen.getByTestId('window-weekly').querySelector('.row-value')?.textContent).toMatch(/^34\s?% used$/);
    // A fresh observation of the new window brings a number back.
    const next = h.control.state();
    const snapshot = next.snapshots[0]!;
    const windows = snapshot.windows.map((w) =>
      w.id === 'five_hour' ? { ...w, usedPercent: 3, resetsAt: new Date(NOW + 5 * 60 * MIN).toISOString() } : w,
    );
    await act(async () => {
      const snapshots = [{ ...snapshot, windows, fetchedAt: new Date(NOW).toISOString() }];
      h.control.push({ ...next, snapshots, view: mergeSnapshots(snapshots) });
    });
    expect(within(screen.getByTestId('window-session')).getByText(/3\s?% used/)).toBeTruthy();
  });

  it('stale: says since when and offers a retry', async () => {
    const h = await renderApp('stale');
    const notice = screen.getByTestId('state-notice');
    expect(notice.textContent).toContain(`Out of date since`);
    expect(notice.textContent).toContain(`(${formatDuration(47 * MIN, 'en')} ago)`);
    expect(notice.textContent).toContain('The service is unavailable right now.');
    // The data stays visible, dimmed.
    expect(screen.getByTestId('window-session')).toBeTruthy();
    // The number's provenance says it is out of date too.
    expect(within(screen.getByTestId('window-session')).getByTestId('window-source').textContent).toBe(
      `plan · ${formatDuration(47 * MIN, 'en')} ago · out of date`,
    );
    expect(screen.getByTestId('window-session').className).toContain('window-row-stale');
    fireEvent.click(within(notice).getByRole('button', { name: 'Retry now' }));
    await act(async () => {});
    expect(h.control.calls.some((c) => c.method === 'refresh')).toBe(true);
  });

  it('rate limited: shows the next attempt and disables Refresh until then', async () => {
    await renderApp('rate-limited');
    const notice = screen.getByTestId('state-notice');
    expect(notice.getAttribute('data-code')).toBe('rate_limited');
    expect(notice.textContent).toContain('Rate limited by the server.');
    expect(notice.textContent).toMatch(new RegExp(`Next attempt at .+ \\(in ${formatDuration(12 * MIN, 'en')}\\)`));
    expect((screen.getByRole('button', { name: 'Refresh' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/^Refresh allowed at /)).toBeTruthy();
  });

  it('login expired: offers the command to copy', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await renderApp('login-expired');
    const notice = screen.getByTestId('state-notice');
    expect(notice.textContent).toContain('Your Claude Code login has expired.');
    expect(within(notice).getByText('claude').tagName).toBe('CODE');
    fireEvent.click(within(notice).getByRole('button', { name: 'Copy command claude' }));
    await act(async () => {});
    expect(writeText).toHaveBeenCalledWith('claude');
    expect(within(notice).getByRole('button', { name: 'Copy command claude' }).textContent).toBe('Copied');
  });

  it('no keychain: explains and opens settings, in the card of what has no account yet', async () => {
    const h = await renderApp('no-keychain');
    const card = screen.getByRole('region', { name: 'Needs attention' });
    expect(within(card).getByTestId('notice-context').textContent).toBe('claude.ai');
    expect(card.textContent).toContain('No keychain is available');
    fireEvent.click(within(card).getByRole('button', { name: 'Open Settings' }));
    await act(async () => {});
    expect(h.control.calls.some((c) => c.method === 'openSettings')).toBe(true);
  });

  it('no sources: a short guide instead of empty cards', async () => {
    await renderApp('no-sources');
    const guide = screen.getByTestId('no-sources');
    expect(within(guide).getByRole('heading', { name: 'No sources yet' })).toBeTruthy();
    expect(within(guide).getByText('claude')).toBeTruthy();
    expect(within(guide).getByRole('button', { name: 'Open Settings' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'ada@example.com' })).toBeNull();
    expect(screen.queryByTestId('account-attention')).toBeNull();
    expect(screen.getByText('Not updated yet')).toBeTruthy();
  });

  it('first scan: a progress bar for the local logs', async () => {
    await renderApp('first-scan');
    const scan = screen.getByTestId('scan-progress');
    const bar = within(scan).getByRole('progressbar', { name: 'Scanning local logs' });
    expect(bar.getAttribute('aria-valuenow')).toBe('31'); // 215 MB of 690 MB
    expect(scan.textContent).toContain('412 of 1,280 files');
  });

  it('local logs: today, week and the active block with burn rate and projection', async () => {
    await renderApp('local-logs');
    const local = screen.getByTestId('local-summary');
    expect(local.textContent).toContain('Today');
    expect(local.textContent).toContain('23.5M tokens');
    expect(local.textContent).toContain('Last 7 days');
    expect(local.textContent).toContain('$2.96/h');
    expect(local.textContent).toMatch(/Projected \$14\.80 by /);
    expect(local.textContent).toContain('1 model without a price is not counted');
    expect(within(local).getByRole('alert').textContent).toMatch(
      /^Your prices\.json was not used \(bundled prices are\): .*line 4, entry 2 \(claude-x\)/,
    );
    expect(screen.getByTestId('extra-usage').textContent).toContain('Off');
  });

  it('no tray host (vanilla GNOME): says how to get the icon, above the cards; not shown where the tray works', async () => {
    await renderApp('no-tray-host');
    const note = screen.getByTestId('tray-host-note');
    expect(note.textContent).toContain('AppIndicator and KStatusNotifierItem Support');
    expect(screen.getByRole('region', { name: 'ada@example.com' })).toBeTruthy();
    cleanup();
    await renderApp('ok');
    expect(screen.queryByTestId('tray-host-note')).toBeNull();
  });

  it('renders every state in French too', async () => {
    await renderApp('rate-limited', { language: 'fr' });
    expect(screen.getByText('Le serveur limite les requêtes.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Actualiser' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    expect(within(screen.getByTestId('window-session')).getByText('62 % utilisés')).toBeTruthy();
  });
});

describe('popover: footer', () => {
  it('shows the last update and wires Refresh, Settings and Quit to the bridge', async () => {
    const h = await renderApp('ok');
    expect(screen.getByText(`Updated ${formatDuration(2 * MIN, 'en')} ago`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await act(async () => {});
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Quit' }));
    await act(async () => {});
    expect(h.control.calls.map((c) => c.method)).toEqual(['getState', 'refresh', 'openSettings', 'quit']);
    // The fake bridge refreshed the data; the footer follows the push.
    expect(screen.getByText(`Updated ${formatDuration(0, 'en')} ago`)).toBeTruthy();
  });
});

describe('popover: notices', () => {
  it('shows start-up problems and data warnings above the cards', async () => {
    await renderApp('notices');
    const notices = screen.getByTestId('notices');
    expect(within(notices).getByTestId('warning-claude_code_api_key_billing').textContent).toMatch(/billed to API credits, not your plan/);
    expect(notices.textContent).toContain('Your settings file could not be read');
    cleanup();
    await renderApp('ok');
    expect(screen.queryByTestId('notices')).toBeNull();
  });
});

describe('popover: claude.ai and API spend', () => {
  it('shows the claude.ai account and the API account: budget bar, month to date in dollars, today per model', async () => {
    await renderApp('web-and-api');
    const web = screen.getByTestId('account-org_631972a6-f5c1-452a-838f-e7713f861d09');
    // Known only by its organisation id: a short readable name, not a bare uuid.
    expect(screen.getByRole('region', { name: 'Organisation 631972a6' })).toBe(web);
    expect(screen.getByRole('region', { name: 'Organisation 7564efdd' })).toBeTruthy();
    expect(within(web).getByText('Max 5x plan')).toBeTruthy();
    expect(within(web).getByText('27% used')).toBeTruthy();

    const api = screen.getByTestId('account-org_7564efdd-1fa9-4b50-b261-1d69b6bb72f7');
    const budget = within(api).getByRole('progressbar', { name: 'Monthly API budget' });
    expect(budget.getAttribute('aria-valuenow')).toBe('76');
    expect(budget.className).toContain('bar-warn');
    const spend = within(api).getByTestId('api-spend');
    expect(spend.textContent).toContain(`${formatMoney(382.0412, 'USD', 'en')} of ${formatMoney(500, 'USD', 'en')} this month`);
    const models = within(spend)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(models).toEqual(['claude-opus-5 2.8M tokens', 'claude-haiku-4-5 998K tokens']);
    expect(spend.textContent).toContain('about 5 minutes late');
  });

  it('without a budget the spend still shows; an unread or empty usage report says so', async () => {
    const h = await renderApp('web-and-api');
    const state = h.control.state();
    const withSpend = (todayByModel: null | []) =>
      state.snapshots.map((s) => (s.apiSpend ? { ...s, windows: [], apiSpend: { ...s.apiSpend, budgetUsd: null, todayByModel } } : s));
    const pushSpend = (todayByModel: null | []) => {
      const snapshots = withSpend(todayByModel);
      h.control.push({ ...state, snapshots, view: mergeSnapshots(snapshots) });
    };
    await act(async () => pushSpend(null));
    const api = screen.getByTestId('account-org_7564efdd-1fa9-4b50-b261-1d69b6bb72f7');
    expect(within(api).queryByRole('progressbar')).toBeNull();
    expect(within(api).getByTestId('api-spend').textContent).toContain(`${formatMoney(382.0412, 'USD', 'en')} this month`);
    expect(within(api).getByText('Today’s usage report could not be read')).toBeTruthy();
    await act(async () => pushSpend([]));
    expect(within(screen.getByTestId('account-org_7564efdd-1fa9-4b50-b261-1d69b6bb72f7')).getByText('No API use yet today')).toBeTruthy();
  });

  it('in French', async () => {
    await renderApp('web-and-api', { language: 'fr' });
    const spend = screen.getByTestId('api-spend');
    expect(spend.textContent).toContain('Dépenses API');
    expect(spend.textContent).toContain(`${formatMoney(382.0412, 'USD', 'fr')} sur ${formatMoney(500, 'USD', 'fr')} ce mois-ci`);
  });
});
