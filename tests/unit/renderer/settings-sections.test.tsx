// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../shared/ipc';
import { SETTINGS_SECTIONS } from '../../../shared/settings';
import { MemoryStorage, renderApp } from './harness';

afterEach(cleanup);

async function settle(): Promise<void> {
  await act(async () => {});
}

const tabs = (): HTMLElement[] => screen.getAllByRole('tab');
const selected = (): string => tabs().find((t) => t.getAttribute('aria-selected') === 'true')!.textContent!;

describe('settings in sections', () => {
  it('shows one section at a time, its tab selected, controlling the panel on show, with one tab stop', async () => {
    await renderApp('ok', { view: 'settings' });
    expect(tabs().map((t) => t.textContent)).toEqual(['General', 'Accounts', 'Sources', 'Alerts', 'About']);
    expect(selected()).toBe('General');
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    const panel = screen.getByRole('tabpanel');
    expect(panel.id).toBe(tabs()[0]!.getAttribute('aria-controls'));
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs()[0]!.id);
    expect(screen.getByLabelText('Check every (minutes)')).toBeTruthy();
    // Other sections' controls are not on the page.
    expect(screen.queryByRole('button', { name: 'Send a test notification' })).toBeNull();
    expect(screen.queryByTestId('claude-code')).toBeNull();
  });

  it('moves with the arrow keys, Home and End (selection follows focus), and remembers the choice', async () => {
    const h = await renderApp('ok', { view: 'settings' });
    const first = tabs()[0]!;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    await settle();
    expect(selected()).toBe('Accounts');
    expect(document.activeElement).toBe(tabs()[1]);
    expect(tabs().map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    await settle();
    expect(selected()).toBe('Sources');
    expect(screen.getByTestId('claude-code')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await settle();
    expect(selected()).toBe('About');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await settle();
    expect(selected()).toBe('General');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await settle();
    expect(selected()).toBe('About');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    await settle();
    expect(selected()).toBe('General');
    expect(document.activeElement).toBe(tabs()[0]);
    // Each choice is a setting main keeps (not the page's storage).
    const sent = h.control.calls.flatMap((c) => (c.method === 'updateSettings' && c.patch.ui ? [c.patch.ui.settingsSection] : []));
    expect(sent).toEqual(['accounts', 'sources', 'about', 'general', 'about', 'general']);
  });

  it('opens at the section chosen last time', async () => {
    const storage = new MemoryStorage();
    await renderApp('ok', { view: 'settings', storage });
    fireEvent.click(screen.getByRole('tab', { name: 'Alerts' }));
    await settle();
    cleanup();
    await renderApp('ok', { view: 'settings', storage });
    expect(selected()).toBe('Alerts');
    expect(screen.getByRole('button', { name: 'Send a test notification' })).toBeTruthy();
  });

  it('opens at the section the URL names, and turns to the one main is asked for while open', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'sources' });
    expect(selected()).toBe('Sources');
    // The popover's "Add an account" (another window) asks main; main remembers it and pushes the state.
    await act(async () => h.bridge.openSettings('accounts'));
    expect(selected()).toBe('Accounts');
  });

  it('About shows the version, the data folder with Open, the log file, the licence and safe links', async () => {
    const h = await renderApp('ok', { view: 'settings', section: 'about' });
    expect(screen.getByTestId('about-version').textContent).toBe('0.1.0-dev');
    expect(screen.getByTestId('about-data-folder').textContent).toBe('/home/ada/.config/brimline');
    expect(screen.getByTestId('about-log-file').textContent).toBe('/home/ada/.config/brimline/brimline.log');
    expect(screen.getByText('MIT: free to use, change and share.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'openDataFolder' });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Source code and issues on GitHub' }));
    fireEvent.click(screen.getByRole('button', { name: 'Your usage on claude.ai' }));
    fireEvent.click(screen.getByRole('button', { name: 'Claude usage limits explained' }));
    await settle();
    const urls = h.control.calls.flatMap((c) => (c.method === 'openExternal' ? [c.url] : []));
    expect(urls).toHaveLength(3);
    expect(urls.every(isAllowedExternalUrl)).toBe(true);
  });

  it('says so when the data folder could not be opened', async () => {
    await renderApp('ok', { view: 'settings', section: 'about', wrapBridge: (b) => ({ ...b, openDataFolder: async () => false }) });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('The folder could not be opened; the log says why.');
  });

  it('names every section in French', async () => {
    await renderApp('ok', { view: 'settings', language: 'fr' });
    expect(tabs().map((t) => t.textContent)).toEqual(['Général', 'Comptes', 'Sources', 'Alertes', 'À propos']);
    expect(SETTINGS_SECTIONS).toHaveLength(tabs().length);
  });

  it('the popover opens Accounts from "Add an account"', async () => {
    const h = await renderApp('ok');
    fireEvent.click(screen.getByRole('button', { name: 'Add an account' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'openSettings', section: 'accounts' });
    expect(h.control.state().settings.ui.settingsSection).toBe('accounts');
  });
});
