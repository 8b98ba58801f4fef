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

describe('settings: desktop notes', () => {
  it('says when the system blocks notifications, and where to allow them on this OS', async () => {
    const h = await renderApp('desktop-notes', { view: 'settings' });
    const note = screen.getByTestId('notifications-blocked');
    expect(note.textContent).toContain(
      'The system is blocking Headroom’s notifications (Notifications are not allowed for this application).',
    );
    expect(note.textContent).toContain('System Settings › Notifications › Headroom');
    // On Windows the way there differs; unblocked, the note goes.
    act(() => h.control.push({ ...h.control.state(), platform: 'win32' }));
    expect(screen.getByTestId('notifications-blocked').textContent).toContain('Settings › System › Notifications');
    act(() => h.control.push({ ...h.control.state(), notifications: { supported: true, blocked: false, reason: null } }));
    expect(screen.queryByTestId('notifications-blocked')).toBeNull();
    act(() => h.control.push({ ...h.control.state(), notifications: { supported: false, blocked: false, reason: null } }));
    expect(screen.getByTestId('notifications-unsupported').textContent).toContain('cannot show notifications');
  });

  it('macOS: says to approve the login item in System Settings while it waits', async () => {
    const h = await renderApp('desktop-notes', { view: 'settings' });
    expect(screen.getByTestId('login-item-approval').textContent).toContain('System Settings › General › Login Items');
    act(() => h.control.push({ ...h.control.state(), loginItemNeedsApproval: false }));
    expect(screen.queryByTestId('login-item-approval')).toBeNull();
    cleanup();
    await renderApp('ok', { view: 'settings' });
    expect(screen.queryByTestId('login-item-approval')).toBeNull();
    expect(screen.queryByTestId('notifications-blocked')).toBeNull();
  });

  it('speaks French in the notes too', async () => {
    await renderApp('desktop-notes', { view: 'settings', language: 'fr' });
    expect(screen.getByTestId('notifications-blocked').textContent).toContain('Réglages Système › Notifications');
    expect(screen.getByTestId('login-item-approval').textContent).toContain('Réglages Système › Général');
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
    expect(h.control.state().settings.tray).toEqual({ window: 'weekly', display: 'remaining' });
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

describe('settings: test notification', () => {
  it('sends one through the bridge and says what the system did', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'testNotification' });
    expect(screen.getByTestId('notification-test').textContent).toBe(
      'Sent. If you saw nothing, allow notifications for Headroom in your system settings.',
    );
    cleanup();
    // Where the system blocks them, the answer says so and how to allow them.
    await renderApp('desktop-notes', { view: 'settings' });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await settle();
    expect(screen.getByTestId('notification-test').textContent).toMatch(/^The system refused the notification/);
  });
});
