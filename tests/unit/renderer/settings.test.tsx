// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeBridge } from '../../../renderer/dev/fake-bridge';
import { FIXTURE_ORGS } from '../../../renderer/dev/fixtures';
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
    await renderApp('no-sources', { view: 'settings', section: 'sources' });
    expect(screen.getByTestId('claude-code').textContent).toContain('Not detected: no ~/.claude/.credentials.json');
    cleanup();
    await renderApp('ok', { view: 'settings', section: 'sources' });
    expect(screen.getByTestId('claude-code').textContent).toContain('Detected: ~/.claude/.credentials.json');
  });

  it('offers a switch per source; the fields of a source show only while it is on', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'sources' });
    // claude.ai and the Admin API are off by default: their key and budget fields are hidden.
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

describe('settings: claude.ai and Admin API fields', () => {
  it('switching claude.ai on shows its key field, where to find the cookie, and a link to claude.ai', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'sources' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Use a claude.ai session key' }));
    await settle();
    const options = within(screen.getByTestId('source-setting-claude-web'));
    expect(options.getByLabelText('claude.ai session key')).toBeTruthy();
    expect(screen.getByTestId('session-key-where').textContent).toMatch(/Cookies → https:\/\/claude\.ai.*sessionKey.*sk-ant-sid/);
    fireEvent.click(options.getByRole('button', { name: 'Open claude.ai' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'openExternal', url: 'https://claude.ai' });
    // One chat organisation (or none listed yet): nothing to choose.
    expect(screen.queryByTestId('organization-picker')).toBeNull();
    expect(screen.queryByTestId('memory-only')).toBeNull();

    // Pasting the key sends it once, then shows only "Saved".
    fireEvent.change(options.getByLabelText('claude.ai session key'), { target: { value: '  sk-ant-sid01-pasted  ' } });
    fireEvent.click(options.getByRole('button', { name: 'Save' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'saveSecret', name: 'claudeSessionKey', length: 'sk-ant-sid01-pasted'.length });
    expect(options.getByText('Saved')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('sk-ant-sid01-pasted');
  });

  it('offers the organisations when the account has several, and saves the choice', async () => {
    const h = await renderApp('web-and-api', { view: 'settings', section: 'sources' });
    const picker = within(screen.getByTestId('organization-picker'));
    const select = picker.getByLabelText('Organisation') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Ada’s Individual Org', 'Acme Team']);
    expect(select.value).toBe(FIXTURE_ORGS[0]!.uuid);
    fireEvent.change(select, { target: { value: FIXTURE_ORGS[1]!.uuid } });
    await settle();
    expect(h.control.state().settings.claudeWebOrganization).toBe(FIXTURE_ORGS[1]!.uuid);

    // A choice no longer on the account says so, and asks for a new one.
    const next = h.control.state();
    await act(async () =>
      h.control.push({ ...next, claudeWebOrganizations: [...next.claudeWebOrganizations, { uuid: 'o-3', name: 'Other' }] }),
    );
    await act(async () =>
      h.control.push({ ...h.control.state(), settings: { ...h.control.state().settings, claudeWebOrganization: 'gone-uuid' } }),
    );
    const after = screen.getByLabelText('Organisation') as HTMLSelectElement;
    expect([...after.options].map((o) => o.textContent)).toContain('gone-uuid (no longer on this account)');

    // With no choice yet, the first entry asks for one.
    await act(async () =>
      h.control.push({ ...h.control.state(), settings: { ...h.control.state().settings, claudeWebOrganization: null } }),
    );
    const none = screen.getByLabelText('Organisation') as HTMLSelectElement;
    expect(none.options[0]!.textContent).toBe('Choose an organisation');
    expect(none.value).toBe('');
  });

  it('the Admin API shows its key and a budget validated as you type; empty means no budget', async () => {
    const h = await renderApp('web-and-api', { view: 'settings', section: 'sources' });
    const admin = within(screen.getByTestId('source-setting-admin-api'));
    expect(admin.getByTestId('secret-adminApiKey').textContent).toContain('Saved');
    const budget = admin.getByLabelText('Monthly API budget (USD)') as HTMLInputElement;
    expect(budget.value).toBe('500');
    for (const bad of ['-3', '0', '2e9']) {
      fireEvent.change(budget, { target: { value: bad } });
      expect(admin.getByText('Enter a positive amount.')).toBeTruthy();
      expect(h.control.state().settings.monthlyApiBudget).toBe(500);
    }
    fireEvent.change(budget, { target: { value: '750.5' } });
    await settle();
    expect(h.control.state().settings.monthlyApiBudget).toBe(750.5);
    fireEvent.change(budget, { target: { value: '' } });
    await settle();
    expect(h.control.state().settings.monthlyApiBudget).toBeNull();
    expect(admin.getByText(/about 5 minutes late/)).toBeTruthy();
  });

  it('says once, above the first key field, that keys are kept in memory only when there is no keychain', async () => {
    const h = await renderApp('no-keychain', { view: 'settings', section: 'sources' });
    const notices = screen.getAllByTestId('memory-only');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.textContent).toBe('No keychain available (libsecret is not installed). Keys are kept for this session only.');
    expect(within(screen.getByTestId('source-setting-claude-web')).getByTestId('memory-only')).toBeTruthy();
    // Switching the Admin API on too adds its fields, not a second notice.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Track API spend with an Admin key' }));
    await settle();
    expect(h.control.state().settings.sources['admin-api']).toEqual({ enabled: true });
    expect(screen.getByTestId('secret-adminApiKey')).toBeTruthy();
    expect(screen.getAllByTestId('memory-only')).toHaveLength(1);
  });

  it('speaks French too', async () => {
    await renderApp('web-and-api', { view: 'settings', section: 'sources', language: 'fr' });
    expect(screen.getByTestId('session-key-where').textContent).toContain('outils de développement');
    expect(screen.getByLabelText('Budget API mensuel (USD)')).toBeTruthy();
  });
});

describe('settings: alerts', () => {
  it('validates a new threshold as you type', async () => {
    await renderApp('ok', { view: 'settings', section: 'alerts' });
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
    const h = await renderApp('ok', { view: 'settings', section: 'alerts' });
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
    const h = await renderApp('ok', { view: 'settings', section: 'alerts' });
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
    const h = await renderApp('desktop-notes', { view: 'settings', section: 'alerts' });
    const note = screen.getByTestId('notifications-blocked');
    expect(note.textContent).toContain(
      'The system is blocking Brimline’s notifications (Notifications are not allowed for this application).',
    );
    expect(note.textContent).toContain('System Settings › Notifications › Brimline');
    // On Windows the way there differs; unblocked, the note goes.
    act(() => h.control.push({ ...h.control.state(), platform: 'win32' }));
    expect(screen.getByTestId('notifications-blocked').textContent).toContain('Settings › System › Notifications');
    act(() => h.control.push({ ...h.control.state(), notifications: { supported: true, blocked: false, reason: null } }));
    expect(screen.queryByTestId('notifications-blocked')).toBeNull();
    act(() => h.control.push({ ...h.control.state(), notifications: { supported: false, blocked: false, reason: null } }));
    expect(screen.getByTestId('notifications-unsupported').textContent).toContain('cannot show notifications');
  });

  it('macOS: says to approve the login item in System Settings while it waits', async () => {
    const h = await renderApp('desktop-notes', { view: 'settings', section: 'general' });
    expect(screen.getByTestId('login-item-approval').textContent).toContain('System Settings › General › Login Items');
    act(() => h.control.push({ ...h.control.state(), loginItemNeedsApproval: false }));
    expect(screen.queryByTestId('login-item-approval')).toBeNull();
    cleanup();
    await renderApp('ok', { view: 'settings', section: 'general' });
    expect(screen.queryByTestId('login-item-approval')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Alerts' }));
    expect(screen.queryByTestId('notifications-blocked')).toBeNull();
  });

  it('speaks French in the notes too', async () => {
    await renderApp('desktop-notes', { view: 'settings', section: 'alerts', language: 'fr' });
    expect(screen.getByTestId('notifications-blocked').textContent).toContain('Réglages Système › Notifications');
    fireEvent.click(screen.getByRole('tab', { name: 'Général' }));
    expect(screen.getByTestId('login-item-approval').textContent).toContain('Réglages Système › Général');
  });
});

describe('settings: general', () => {
  it('never accepts a polling interval under one minute', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'general' });
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
    const h = await renderApp('ok', { view: 'settings', section: 'general' });
    const tray = input('Tray shows') as unknown as HTMLSelectElement;
    // The tray shows merged windows, so the choice names a window, not a source.
    expect([...tray.options].map((o) => o.value)).toEqual(['auto', 'session', 'weekly', 'weekly_model:opus', 'weekly_model:sonnet']);
    fireEvent.change(tray, { target: { value: 'weekly' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Remaining' }));
    await settle();
    expect(h.control.state().settings.tray).toEqual({ window: 'weekly', display: 'remaining', paceMarker: false, account: 'auto' });
  });

  it('switches language at once', async () => {
    await renderApp('ok', { view: 'settings', section: 'general' });
    fireEvent.change(input('Language'), { target: { value: 'fr' } });
    await settle();
    expect(screen.getByRole('heading', { level: 1, name: 'Réglages' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });

  it('applies the theme to the document, and follows the system when set to system', async () => {
    await renderApp('ok', { view: 'settings', section: 'general' });
    expect(document.documentElement.dataset['theme']).toBeUndefined();
    fireEvent.change(input('Theme'), { target: { value: 'dark' } });
    await settle();
    expect(document.documentElement.dataset['theme']).toBe('dark');
    fireEvent.change(input('Theme'), { target: { value: 'system' } });
    await settle();
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('launch at login goes through the bridge', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'general' });
    fireEvent.click(input('Launch at login'));
    await settle();
    expect(h.control.state().launchAtLogin).toBe(true);
  });

  it('shows why a change was refused and keeps what main holds', async () => {
    await renderApp('ok', {
      view: 'settings',
      section: 'general',
      wrapBridge: (b) => ({ ...b, updateSettings: () => Promise.reject(new Error('disk full')) }),
    });
    fireEvent.click(input('Launch at login'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Could not save this change: disk full');
    expect(input('Launch at login').checked).toBe(false);
  });

  it('changes survive a restart', async () => {
    const storage = new MemoryStorage();
    const h = await renderApp('ok', { view: 'settings', section: 'general', storage, language: undefined });
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
    const h = await renderApp('ok', { view: 'settings', section: 'alerts' });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'testNotification' });
    expect(screen.getByTestId('notification-test').textContent).toBe(
      'Sent. If you saw nothing, allow notifications for Brimline in your system settings.',
    );
    cleanup();
    // Where the system blocks them, the answer says so and how to allow them.
    await renderApp('desktop-notes', { view: 'settings', section: 'alerts' });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test notification' }));
    await settle();
    expect(screen.getByTestId('notification-test').textContent).toMatch(/^The system refused the notification/);
  });
});

describe('settings: the Claude Code status line', () => {
  it('sets it up in Claude Code from under its switch, and says what it did', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'sources' });
    const options = screen.getByTestId('options-statusline');
    expect(screen.getByTestId('statusline-state').textContent).toBe('Not set up in Claude Code (~/.claude/settings.json).');
    fireEvent.click(screen.getByRole('button', { name: 'Set up in Claude Code' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'setStatusline', enabled: true });
    expect(options.textContent).toContain('Claude Code sends its numbers after each response');
    expect(screen.getByTestId('statusline-message').textContent).toContain('Installed');
    fireEvent.click(screen.getByRole('button', { name: 'Remove from Claude Code' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'setStatusline', enabled: false });
    expect(screen.getByRole('button', { name: 'Set up in Claude Code' })).toBeTruthy();
  });
});
