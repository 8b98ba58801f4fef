// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { domId } from '../../../renderer/accounts';
import { PERSONAL_ACCOUNT, WORK_ACCOUNT } from '../../../renderer/dev/fixtures';
import type { SettingsPatch } from '../../../shared/settings';
import { renderApp, type Harness } from './harness';

afterEach(cleanup);

async function settle(): Promise<void> {
  await act(async () => {});
}

function row(accountId: string): ReturnType<typeof within> {
  return within(screen.getByTestId(`account-setting-${domId(accountId)}`));
}

function patches(h: Harness): SettingsPatch[] {
  return h.control.calls.flatMap((c) => (c.method === 'updateSettings' ? [c.patch] : []));
}

describe('settings › accounts: the list', () => {
  it('lists the accounts in the user order, with their plan and what feeds them', async () => {
    await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const names = screen.getAllByRole('textbox', { name: /^Name of / }).map((i) => (i as HTMLInputElement).value);
    expect(names).toEqual(['Work', 'ada@example.com', 'This computer']);
    const work = row(WORK_ACCOUNT);
    expect(work.getByText('Max 20x plan · ada@work.example')).toBeTruthy();
    const plan = work.getByTestId(`connection-${domId('claude-oauth@/home/ada/.claude-work')}`);
    expect(within(plan).getByText('~/.claude-work · Claude plan')).toBeTruthy();
    expect(within(plan).getByText('Working')).toBeTruthy();
    expect(work.getByText('~/.claude-work · Claude Code status line')).toBeTruthy();
    // Sources it reads, pointed at for the keys.
    expect(screen.getByTestId('accounts-keys').textContent).toContain('are set in Sources');
  });

  it('says when a folder holds the same login as another', async () => {
    await renderApp('same-login', { view: 'settings', section: 'accounts' });
    const copy = screen.getByTestId(`connection-${domId('claude-oauth@/home/ada/.claude-copy')}`);
    expect(within(copy).getByText('Same login as ~/.claude')).toBeTruthy();
  });

  it('rename: saved on Enter and on blur, with the whole label map; empty goes back to the default', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const personal = row(PERSONAL_ACCOUNT).getByRole('textbox', { name: 'Name of ada@example.com' }) as HTMLInputElement;
    expect(personal.maxLength).toBe(80);
    fireEvent.change(personal, { target: { value: '  Home  ' } });
    fireEvent.keyDown(personal, { key: 'Enter' });
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { labels: { [WORK_ACCOUNT]: 'Work', [PERSONAL_ACCOUNT]: 'Home' } } });
    expect(personal.value).toBe('Home');

    const work = row(WORK_ACCOUNT).getByRole('textbox', { name: 'Name of ada@work.example' }) as HTMLInputElement;
    fireEvent.change(work, { target: { value: '' } });
    fireEvent.blur(work);
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { labels: { [PERSONAL_ACCOUNT]: 'Home' } } });
    expect(work.value).toBe('ada@work.example');
    expect(h.control.state().settings.accounts.labels).toEqual({ [PERSONAL_ACCOUNT]: 'Home' });

    // Leaving a name as it is sends nothing.
    const before = h.control.calls.length;
    fireEvent.blur(personal);
    await settle();
    expect(h.control.calls.length).toBe(before);
  });

  it('reorder: Move up / Move down send the new order; the ends are disabled', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const up = row(WORK_ACCOUNT).getByRole('button', { name: 'Move Work up' }) as HTMLButtonElement;
    expect(up.disabled).toBe(true);
    expect((row('local').getByRole('button', { name: 'Move This computer down' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(row(WORK_ACCOUNT).getByRole('button', { name: 'Move Work down' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { order: [PERSONAL_ACCOUNT, WORK_ACCOUNT, 'local'] } });
    const names = screen.getAllByRole('textbox', { name: /^Name of / }).map((i) => (i as HTMLInputElement).value);
    expect(names).toEqual(['ada@example.com', 'Work', 'This computer']);
  });

  it('remove: confirms inline; Cancel sends nothing; Confirm removes, with the history only if asked', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    // This computer cannot be removed.
    expect(row('local').queryByRole('button', { name: /^Remove/ })).toBeNull();

    const remove = row(PERSONAL_ACCOUNT).getByRole('button', { name: 'Remove ada@example.com…' });
    expect(remove.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(remove);
    const confirm = row(PERSONAL_ACCOUNT).getByRole('group', { name: 'Remove ada@example.com?' });
    expect(remove.getAttribute('aria-expanded')).toBe('true');
    expect(remove.getAttribute('aria-controls')).toBe(confirm.id);
    const history = within(confirm).getByRole('checkbox', { name: 'Also delete its usage history' }) as HTMLInputElement;
    expect(history.checked).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(confirm.hidden).toBe(true);
    expect(h.control.calls.some((c) => c.method === 'removeAccount')).toBe(false);

    fireEvent.click(remove);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove account' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'removeAccount', accountId: PERSONAL_ACCOUNT, deleteHistory: false });
    // The fake does what main does: ~/.claude was found on its own, so it is remembered as removed.
    expect(screen.queryByTestId(`account-setting-${domId(PERSONAL_ACCOUNT)}`)).toBeNull();
    expect(h.control.state().settings.accounts.ignoredFolders).toContain('/home/ada/.claude');
    expect(h.control.state().settings.accounts.order).toEqual([WORK_ACCOUNT]);

    fireEvent.click(row(WORK_ACCOUNT).getByRole('button', { name: 'Remove Work…' }));
    const workConfirm = row(WORK_ACCOUNT).getByRole('group', { name: 'Remove Work?' });
    fireEvent.click(within(workConfirm).getByRole('checkbox', { name: 'Also delete its usage history' }));
    fireEvent.click(within(workConfirm).getByRole('button', { name: 'Remove account' }));
    await settle();
    expect(h.control.calls).toContainEqual({ method: 'removeAccount', accountId: WORK_ACCOUNT, deleteHistory: true });
    // A folder the user added leaves their list; its label goes with it.
    expect(h.control.state().settings.accounts.folders).toEqual([]);
    expect(h.control.state().settings.accounts.labels).toEqual({});
  });
});

describe('settings › accounts: folders', () => {
  it('lists folders with no account under "Not connected", with the reason and the fix', async () => {
    await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const block = within(screen.getByTestId('accounts-not-connected'));
    const old = within(block.getByTestId(`not-connected-${domId('/home/ada/.claude-old')}`));
    expect(old.getByText('~/.claude-old')).toBeTruthy();
    expect(old.getByText('No Claude Code login found.')).toBeTruthy();
    expect(old.getByText('CLAUDE_CONFIG_DIR=~/.claude-old claude')).toBeTruthy();
  });

  it('removing a folder found on its own remembers it as removed; one the user added leaves their list', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove folder ~/.claude-old' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { ignoredFolders: ['/home/ada/.claude-2024', '/home/ada/.claude-old'] } });
    expect(screen.queryByTestId(`not-connected-${domId('/home/ada/.claude-old')}`)).toBeNull();

    // A folder the user adds has no login yet, so it shows under "Not connected"; removing it takes it off their list.
    fireEvent.change(screen.getByLabelText('Add a Claude Code folder'), { target: { value: '~/.claude-new' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { folders: ['~/.claude-work', '~/.claude-new'] } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove folder ~/.claude-new' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { folders: ['~/.claude-work'] } });
  });

  it('add: validates the folder (absolute or ~, not already read) before sending it', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const field = screen.getByLabelText('Add a Claude Code folder') as HTMLInputElement;
    const add = screen.getByRole('button', { name: 'Add folder' });
    const before = patches(h).length;

    fireEvent.click(add);
    expect(screen.getByText('Enter a folder first.')).toBeTruthy();
    fireEvent.change(field, { target: { value: 'claude-work' } });
    expect(screen.getByText(/Use a full path, or one that starts with ~/)).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(add);
    fireEvent.change(field, { target: { value: '/home/ada/.claude-work/' } });
    expect(screen.getByText('Brimline already reads this folder.')).toBeTruthy();
    fireEvent.keyDown(field, { key: 'Enter' });
    fireEvent.change(field, { target: { value: '~/.claude' } });
    expect(screen.getByText('Brimline already reads this folder.')).toBeTruthy();
    await settle();
    expect(patches(h).length).toBe(before);

    fireEvent.change(field, { target: { value: '/srv/claude-team' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    fireEvent.keyDown(field, { key: 'Enter' });
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { folders: ['~/.claude-work', '/srv/claude-team'] } });
    expect(field.value).toBe('');
  });

  it('adding a folder removed earlier takes it off the removed list too', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    fireEvent.change(screen.getByLabelText('Add a Claude Code folder'), { target: { value: '~/.claude-2024' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add folder' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { folders: ['~/.claude-work', '~/.claude-2024'], ignoredFolders: [] } });
  });

  it('"Removed folders" lists them behind a disclosure, each with Read again', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const toggle = screen.getByRole('button', { name: /Removed folder \(1\)/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const list = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(list.hidden).toBe(true);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
    fireEvent.click(within(list).getByRole('button', { name: 'Read again: ~/.claude-2024' }));
    await settle();
    expect(patches(h).at(-1)).toEqual({ accounts: { ignoredFolders: [] } });
    expect(screen.queryByTestId('accounts-removed')).toBeNull();
  });
});

describe('settings › tray account', () => {
  it('offers the account closest to a limit or any one account, when there are several', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'general' });
    const select = screen.getByLabelText('Account shown in the tray') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'The account closest to a limit',
      'Work',
      'ada@example.com',
      'This computer',
    ]);
    expect(select.value).toBe('auto');
    fireEvent.change(select, { target: { value: PERSONAL_ACCOUNT } });
    await settle();
    expect(patches(h).at(-1)).toEqual({ tray: { account: PERSONAL_ACCOUNT } });

    // Removing that account puts the tray back on "closest to a limit".
    fireEvent.click(screen.getByRole('tab', { name: 'Accounts' }));
    fireEvent.click(row(PERSONAL_ACCOUNT).getByRole('button', { name: 'Remove ada@example.com…' }));
    fireEvent.click(row(PERSONAL_ACCOUNT).getByRole('button', { name: 'Remove account' }));
    await settle();
    expect(h.control.state().settings.tray.account).toBe('auto');
  });

  it('is not shown with one account', async () => {
    await renderApp('ok', { view: 'settings', section: 'general' });
    expect(screen.queryByLabelText('Account shown in the tray')).toBeNull();
  });

  it('speaks French', async () => {
    await renderApp('two-accounts', { view: 'settings', section: 'general', language: 'fr' });
    expect(screen.getByLabelText('Compte affiché dans la zone de notification')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Comptes' }));
    expect(screen.getByRole('button', { name: 'Monter ada@example.com' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Non connectés' })).toBeTruthy();
  });
});

describe('settings › accounts: further keys', () => {
  it('adds another account’s session key through the bridge, clears the field and never shows the value again', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    // Behind a disclosure, so the section stays about a screen tall.
    const more = screen.getByRole('button', { name: 'Keys for another account or organisation' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const field = screen.getByLabelText('Add another account’s claude.ai session key') as HTMLInputElement;
    expect(field.type).toBe('password');
    const adder = within(screen.getByTestId('accounts-add-key-claudeSessionKey'));
    fireEvent.click(adder.getByRole('button', { name: 'Add key' }));
    await settle();
    // Nothing typed: nothing sent, and the field says why.
    expect(h.control.calls.some((c) => c.method === 'addKey')).toBe(false);
    expect(adder.getByText('Enter a value first.')).toBeTruthy();

    fireEvent.change(field, { target: { value: 'sk-ant-sid01-TEST-another' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await settle();
    expect(h.control.calls.filter((c) => c.method === 'addKey')).toEqual([{ method: 'addKey', kind: 'claudeSessionKey', length: 25 }]);
    expect(field.value).toBe('');
    expect(adder.getByRole('status').textContent).toBe('Key saved.');
    expect(document.body.innerHTML).not.toContain('sk-ant-sid01-TEST-another');
    expect(h.control.state().settings.accounts.keys.map((k) => k.kind)).toEqual(['claudeSessionKey', 'claudeSessionKey']);
  });

  it('a further key that reaches no account can be removed on its own, its slot with it', async () => {
    const h = await renderApp('two-accounts', { view: 'settings', section: 'accounts' });
    const row = screen.getByTestId(`not-connected-${domId('claude-web#9b3c7b66')}`);
    expect(within(row).getByText('claude.ai (key 9b3c)')).toBeTruthy();
    expect(within(row).getByText('The claude.ai session key has expired.')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Remove key: claude.ai (key 9b3c)' }));
    await settle();
    expect(h.control.calls.filter((c) => c.method === 'removeSecret')).toEqual([
      { method: 'removeSecret', name: 'claudeSessionKey.9b3c7b66' },
    ]);
    expect(h.control.state().settings.accounts.keys).toEqual([]);
    expect(screen.queryByTestId(`not-connected-${domId('claude-web#9b3c7b66')}`)).toBeNull();
  });
});
