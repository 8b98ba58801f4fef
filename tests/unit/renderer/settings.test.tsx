// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../renderer/dev/fake-bridge';
import { MemoryStorage, renderApp } from './harness';

afterEach(cleanup);

async function settle(): Promise<void> {
  await act(async () => {});
}

function input(label: string | RegExp): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

describe('settings: sources', () => {
  it('shows whether Claude Code was detected, and why', async () => {
    await renderApp('no-sources', { view: 'settings' });
    expect(screen.getByTestId('claude-code').textContent).toContain('Not detected: no ~/.claude/.credentials.json');
    cleanup();
    await renderApp('ok', { view: 'settings' });
    expect(screen.getByTestId('claude-code').textContent).toContain('Detected: ~/.claude/.credentials.json');
  });

  it('offers a switch per source, and no field that nothing reads yet', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    // The session key, the Admin key and the budget come back with the sources that use them.
    expect(screen.queryByTestId('secret-claudeSessionKey')).toBeNull();
    expect(screen.queryByTestId('secret-adminApiKey')).toBeNull();
    expect(screen.queryByLabelText('Monthly API budget (USD)')).toBeNull();
    const logs = screen.getByRole('checkbox', { name: 'Read local Claude Code logs' }) as HTMLInputElement;
    expect(logs.checked).toBe(true);
    fireEvent.click(logs);
    await settle();
    expect(h.control.state().settings.sources['local-logs']).toEqual({ enabled: false });
    expect(h.control.state().settings.sources['claude-oauth']).toEqual({ enabled: true });
  });
});

describe('settings: alerts', () => {
  it('validates a new threshold as you type', async () => {
    await renderApp('ok', { view: 'settings' });
    const field = input('New threshold (%)');
    const add = screen.getByRole('button', { name: 'Add' }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    const cases: [string, string][] = [
      ['abc', 'Enter a whole number.'],
      ['12.5', 'Enter a whole number.'],
      ['0', 'Use a number from 1 to 100.'],
      ['101', 'Use a number from 1 to 100.'],
      ['75', 'This threshold is already in the list.'],
    ];
    for (const [value, message] of cases) {
      fireEvent.change(field, { target: { value } });
      expect(screen.getByText(message)).toBeTruthy();
      expect(field.getAttribute('aria-invalid')).toBe('true');
      expect(add.disabled).toBe(true);
    }
    fireEvent.change(field, { target: { value: '95' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(add.disabled).toBe(false);
  });

  it('adds (with Enter) and removes thresholds, kept sorted, through the bridge', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    const field = input('New threshold (%)');
    fireEvent.change(field, { target: { value: '60' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await settle();
    expect(h.control.state().settings.thresholds).toEqual([50, 60, 75, 90]);
    expect(field.value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Remove threshold 50%' }));
    await settle();
    expect(h.control.state().settings.thresholds).toEqual([60, 75, 90]);
    expect(screen.queryByRole('button', { name: 'Remove threshold 50%' })).toBeNull();
  });

  it('toggles notifications; the reset notification needs notifications on', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    const onReset = input('Notify when a window resets');
    fireEvent.click(onReset);
    await settle();
    expect(h.control.state().settings.notifications.onReset).toBe(true);
    fireEvent.click(input('Show notifications'));
    await settle();
    expect(h.control.state().settings.notifications.enabled).toBe(false);
    expect(input('Notify when a window resets').disabled).toBe(true);
  });
});

describe('settings: general', () => {
  it('never accepts a polling interval under one minute', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    const poll = input('Check every (minutes)');
    fireEvent.change(poll, { target: { value: '0' } });
    await settle();
    expect(screen.getByText('Use a whole number from 1 to 1440.')).toBeTruthy();
    expect(h.control.state().settings.pollIntervalMinutes).toBe(5);
    fireEvent.change(poll, { target: { value: '2' } });
    await settle();
    expect(h.control.state().settings.pollIntervalMinutes).toBe(2);
    expect(screen.queryByText('Use a whole number from 1 to 1440.')).toBeNull();
  });

  it('lists the windows for the tray and the used/remaining choice', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    const tray = input('Tray shows') as unknown as HTMLSelectElement;
    // The tray shows merged windows, so the choice names a window, not a source.
    expect([...tray.options].map((o) => o.value)).toEqual(['auto', 'session', 'weekly', 'weekly_model:opus', 'weekly_model:sonnet']);
    fireEvent.change(tray, { target: { value: 'weekly' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Remaining' }));
    await settle();
    expect(h.control.state().settings.tray).toEqual({ window: 'weekly', display: 'remaining', paceMarker: false });
  });

  it('switches language at once', async () => {
    await renderApp('ok', { view: 'settings' });
    fireEvent.change(input('Language'), { target: { value: 'fr' } });
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Réglages' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });

  it('applies the theme to the document, and follows the system when set to system', async () => {
    await renderApp('ok', { view: 'settings' });
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    fireEvent.change(input('Theme'), { target: { value: 'dark' } });
    await settle();
    expect(document.documentElement.dataset['theme']).toBe('dark');
    fireEvent.change(input('Theme'), { target: { value: 'system' } });
    await settle();
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('launch at login goes through the bridge', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    fireEvent.click(input('Launch at login'));
    await settle();
    expect(h.control.state().launchAtLogin).toBe(true);
  });

  it('shows why a change was refused and keeps what main holds', async () => {
    await renderApp('ok', {
      view: 'settings',
      wrapBridge: (b) => ({ ...b, updateSettings: () => Promise.reject(new Error('disk full')) }),
    });
    fireEvent.click(input('Launch at login'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Could not save this change: disk full');
    expect(input('Launch at login').checked).toBe(false);
  });

  it('changes survive a restart', async () => {
    const storage = new MemoryStorage();
    const h = await renderApp('ok', { view: 'settings', storage, language: undefined });
    fireEvent.change(input('Check every (minutes)'), { target: { value: '15' } });
    fireEvent.change(input('Theme'), { target: { value: 'light' } });
    await settle();
    h.unmount();
    const { control } = createFakeBridge({ fixture: 'ok', storage });
    expect(control.state().settings.pollIntervalMinutes).toBe(15);
    expect(control.state().settings.theme).toBe('light');
  });
});
