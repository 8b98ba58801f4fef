// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStorage, renderApp } from './harness';

afterEach(cleanup);

async function settle(): Promise<void> {
  await act(async () => {});
}

describe('compact popover', () => {
  it('is off by default: every window shows its reset, provenance, pace and forecast', async () => {
    await renderApp('ok');
    const session = screen.getByTestId('window-session');
    expect(within(session).getByTestId('window-source')).toBeTruthy();
    expect(within(session).getByTestId('window-outlook')).toBeTruthy();
    expect(within(session).queryByRole('button', { name: /^Details/ })).toBeNull();
  });

  it('turned on in Settings › General, shows one line per window and opens the rest with a button, and is remembered', async () => {
    const storage = new MemoryStorage();
    await renderApp('ok', { view: 'settings', section: 'general', storage });
    const box = screen.getByLabelText('Compact popover: one line per window, details on request') as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await settle();
    cleanup();

    // Another opening (the popover window, after a restart): the choice holds.
    await renderApp('ok', { storage });
    const session = screen.getByTestId('window-session');
    // One line: name, bar, percent, countdown.
    expect(within(session).getByText('Session (5 h)')).toBeTruthy();
    expect(within(session).getByRole('progressbar', { name: 'Session (5 h)' }).getAttribute('aria-valuetext')).toBe('62% used');
    expect(within(session).getByText('62%')).toBeTruthy();
    expect(within(session).getByTestId('window-countdown').textContent).toBe('2h 13m');
    expect(within(session).queryByTestId('window-source')).toBeNull();
    expect(within(session).queryByTestId('window-outlook')).toBeNull();

    const toggle = within(session).getByRole('button', { name: 'Details: Session (5 h)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const details = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(details.hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect(within(details).getByTestId('window-source').textContent).toMatch(/ago/);
    expect(within(details).getByTestId('window-outlook')).toBeTruthy();
    expect(within(details).getByText(/^Resets in /)).toBeTruthy();
    // Other rows stay folded.
    expect(within(screen.getByTestId('window-weekly')).queryByTestId('window-outlook')).toBeNull();
    fireEvent.click(toggle);
    expect(within(session).queryByTestId('window-outlook')).toBeNull();
  });
});
