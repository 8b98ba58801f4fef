// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_ACCOUNT } from '../../../renderer/dev/fixtures';
import { NOW, renderApp } from './harness';

afterEach(cleanup);

async function settle(): Promise<void> {
  await act(async () => {});
}

describe('popover: pace and forecast per window', () => {
  it('puts a tick at the expected percent and says how far ahead or behind the window is', async () => {
    const h = await renderApp('ok');
    const o = h.control.state().outlook[`${FIXTURE_ACCOUNT}/session`]!;
    // The fixture's session: 62 % used, 2 h 47 min into 5 h.
    expect(o.pace!.expectedPercent).toBeCloseTo(55.67, 1);
    const row = screen.getAllByTestId('window-session')[0]!;
    const tick = within(row).getByTestId('pace-tick');
    expect(tick.style.left).toBe(`${o.pace!.expectedPercent}%`);
    expect(tick.getAttribute('aria-hidden')).toBe('true');
    const words = within(row).getByTestId('window-outlook').textContent!;
    expect(o.stage).toBe('ahead');
    expect(words).toContain(`Ahead of pace by ${Math.round(o.pace!.deltaPercent)}%`);
    const f = o.forecast!;
    expect(f.lastsUntilReset).toBe(false);
    expect(words).toMatch(/At this pace: 100% at .+, .+ before reset \(from the last hour\)/);
  });

  it('draws the current cycle with the forecast dashed to the reset, with a text alternative', async () => {
    await renderApp('ok');
    const row = screen.getAllByTestId('window-session')[0]!;
    const chart = within(row).getByRole('img');
    expect(chart.getAttribute('aria-label')).toMatch(/^Session \(5 h\) this cycle: 62% used\. At this pace: 100% at /);
    expect(within(row).getByTestId('sparkline-used').getAttribute('d')).toMatch(/^M/);
    expect(within(row).getByTestId('sparkline-forecast')).toBeTruthy();
  });

  it('says "Not enough data yet" and draws nothing for a window with no observation of its cycle', async () => {
    await renderApp('ok');
    const row = screen.getAllByTestId('window-weekly_model:sonnet')[0]!;
    expect(within(row).getByTestId('window-outlook').textContent).toContain('Not enough data yet');
    expect(within(row).queryByRole('img')).toBeNull();
  });

  it('shows no pace or forecast once a window has reset', async () => {
    await renderApp('past-reset');
    const session = screen.getAllByTestId('window-session')[0]!;
    expect(within(session).queryByTestId('window-outlook')).toBeNull();
    expect(within(session).queryByTestId('pace-tick')).toBeNull();
    // The weekly window is still in its cycle.
    expect(within(screen.getAllByTestId('window-weekly')[0]!).getByTestId('window-outlook')).toBeTruthy();
  });
});

describe('history view', () => {
  it('opens from the footer, loads 7 days, switches to 30, and goes back', async () => {
    const h = await renderApp('ok');
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Usage history' })).toBeTruthy();
    await screen.findByTestId('history-session');
    expect(h.control.calls.filter((c) => c.method === 'getHistory')).toEqual([{ method: 'getHistory', days: 7 }]);
    expect(screen.getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');

    const session = screen.getByTestId('history-session');
    const [peaks, usage] = within(session).getAllByRole('group');
    expect(peaks!.getAttribute('aria-label')).toMatch(
      /^Session \(5 h\), peak per cycle over 7 days: \d+ cycles, highest \d+%\.( Cycles that reached 100%: .+\.)?$/,
    );
    expect(usage!.getAttribute('aria-label')).toMatch(/^Session \(5 h\) over 7 days: from \d+% to \d+%, now \d+%\.$/);
    expect(within(screen.getByTestId('history-weekly_model:opus')).getByRole('heading', { name: 'Weekly · Opus' })).toBeTruthy();
    const cost = within(screen.getByTestId('history-cost')).getByRole('group');
    expect(cost.getAttribute('aria-label')).toMatch(/^Cost per day over 7 days: \$[\d.,]+ in total, highest \$[\d.,]+\.$/);

    fireEvent.click(screen.getByRole('button', { name: '30 days' }));
    await settle();
    expect(h.control.calls.filter((c) => c.method === 'getHistory').map((c) => (c as { days: number }).days)).toEqual([7, 30]);
    expect(screen.getByRole('button', { name: '30 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByTestId('history-session')).getAllByRole('group')[0]!.getAttribute('aria-label')).toContain('over 30 days');

    fireEvent.click(screen.getByRole('button', { name: '← Back' }));
    expect(await screen.findByRole('button', { name: 'History' })).toBeTruthy();
    expect(window.location.hash).toBe('#popover');
  });

  it('says so when the history cannot be read', async () => {
    await renderApp('ok', {
      wrapBridge: (b) => ({ ...b, getHistory: async () => Promise.reject(new Error('disk on fire')) }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not read the history: disk on fire');
  });

  it('says so when nothing was recorded yet', async () => {
    await renderApp('ok', {
      wrapBridge: (b) => ({
        ...b,
        getHistory: async (days) => ({
          generatedAt: new Date(NOW).toISOString(),
          days,
          sinceMs: NOW - days * 86_400_000,
          windows: [],
          daily: [],
        }),
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByText(/^No usage recorded in this period yet\./)).toBeTruthy();
    expect(screen.getByText('No local-log costs recorded in this period.')).toBeTruthy();
  });
});

describe('settings: forecast alerts and the pace marker', () => {
  it('has "runs out" on and "unused at reset" off by default, and saves changes', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'alerts' });
    const runsOut = screen.getByLabelText('Warn when a window will run out before it resets') as HTMLInputElement;
    const brimline = screen.getByLabelText('Tell me when a window resets soon with part of it unused') as HTMLInputElement;
    expect([runsOut.checked, brimline.checked]).toEqual([true, false]);
    fireEvent.click(runsOut);
    fireEvent.click(brimline);
    await settle();
    expect(h.control.state().settings.notifications).toMatchObject({ runsOut: false, unusedAtReset: true });
    fireEvent.click(screen.getByLabelText('Show notifications'));
    await settle();
    expect((screen.getByLabelText('Warn when a window will run out before it resets') as HTMLInputElement).disabled).toBe(true);
    // The pace marker is a tray option: under General.
    fireEvent.click(screen.getByRole('tab', { name: 'General' }));
    const marker = screen.getByLabelText('Show a pace marker in the tray (↑ ahead, ↓ behind)') as HTMLInputElement;
    expect(marker.checked).toBe(false);
    fireEvent.click(marker);
    await settle();
    expect(h.control.state().settings.tray.paceMarker).toBe(true);
  });
});
