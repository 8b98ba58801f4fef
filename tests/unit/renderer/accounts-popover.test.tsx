// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { domId } from '../../../renderer/accounts';
import { PERSONAL_ACCOUNT, WORK_ACCOUNT } from '../../../renderer/dev/fixtures';
import { formatDuration } from '../../../shared/format';
import { renderApp } from './harness';

afterEach(cleanup);

const MIN = 60_000;

function card(accountId: string): HTMLElement {
  return screen.getByTestId(`account-${domId(accountId)}`);
}

describe('popover: one card per account', () => {
  it('two accounts get two cards, in the user order, each with its own windows', async () => {
    await renderApp('two-accounts');
    const regions = screen.getAllByRole('region').map((r) => r.getAttribute('data-testid'));
    expect(regions).toEqual([`account-${domId(WORK_ACCOUNT)}`, `account-${domId(PERSONAL_ACCOUNT)}`, 'account-local', 'account-attention']);

    const work = within(screen.getByRole('region', { name: 'Work' }));
    expect(work.getByText('Max 20x plan')).toBeTruthy();
    // The user's label differs from the email, so the email shows under it.
    expect(work.getByText('ada@work.example')).toBeTruthy();
    expect(within(work.getByTestId('window-session')).getByText('47% used')).toBeTruthy();
    expect(work.getByTestId('window-weekly_model:opus')).toBeTruthy();

    const personal = within(screen.getByRole('region', { name: 'ada@example.com' }));
    expect(personal.getByText('Pro plan')).toBeTruthy();
    // Its label is its email: not shown twice.
    expect(personal.getAllByText('ada@example.com')).toHaveLength(1);
    expect(within(personal.getByTestId('window-weekly')).getByText('79% used')).toBeTruthy();
    expect(within(personal.getByTestId('window-weekly')).getByText(/alerted at 75%/)).toBeTruthy();
    expect(personal.queryByTestId('window-weekly_model:opus')).toBeNull();

    // Local logs belong to this computer.
    expect(within(screen.getByRole('region', { name: 'This computer' })).getByTestId('local-summary')).toBeTruthy();
  });

  it('each row says which source its number came from and how old it is', async () => {
    await renderApp('two-accounts');
    const source = (accountId: string, row: string) =>
      within(within(card(accountId)).getByTestId(row)).getByTestId('window-source').textContent;
    // The status line saw the work session 2 minutes ago, fresher than the plan poll (6 minutes).
    expect(source(WORK_ACCOUNT, 'window-session')).toBe(`status line · ${formatDuration(2 * MIN, 'en')} ago`);
    expect(source(WORK_ACCOUNT, 'window-weekly')).toBe(`plan · ${formatDuration(6 * MIN, 'en')} ago`);
    expect(source(PERSONAL_ACCOUNT, 'window-weekly')).toBe(`plan · ${formatDuration(3 * MIN, 'en')} ago`);
  });

  it('a folder whose login is missing goes to a last "Needs attention" card, named and with its fix', async () => {
    await renderApp('two-accounts');
    const attention = screen.getByRole('region', { name: 'Needs attention' });
    // The folder without a login, and a further claude.ai key whose session ended.
    expect(
      within(attention)
        .getAllByTestId('notice-context')
        .map((n) => n.textContent),
    ).toEqual(['~/.claude-old · Claude plan', 'claude.ai (key 9b3c)']);
    expect(within(attention).getByText('No Claude Code login found.')).toBeTruthy();
    expect(within(attention).getByText('CLAUDE_CONFIG_DIR=~/.claude-old claude').tagName).toBe('CODE');
    // It is not counted as this computer's data.
    expect(within(screen.getByRole('region', { name: 'This computer' })).queryByTestId('state-notice')).toBeNull();
  });

  it('folds a card to its header, which keeps its most-used window, and remembers it through the settings', async () => {
    const h = await renderApp('two-accounts');
    const toggle = within(card(PERSONAL_ACCOUNT)).getByRole('button', { name: 'ada@example.com' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const body = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(body.hidden).toBe(false);

    fireEvent.click(toggle);
    await act(async () => {});
    expect(h.control.calls).toContainEqual({ method: 'updateSettings', patch: { accounts: { collapsed: [PERSONAL_ACCOUNT] } } });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(body.hidden).toBe(true);
    expect(within(card(PERSONAL_ACCOUNT)).getByTestId('account-top').textContent).toBe('Weekly · 79% used');

    // A second card folds too; the whole list is sent each time.
    fireEvent.click(within(card(WORK_ACCOUNT)).getByRole('button', { name: 'Work' }));
    await act(async () => {});
    expect(h.control.state().settings.accounts.collapsed).toEqual([PERSONAL_ACCOUNT, WORK_ACCOUNT]);
    expect(within(card(WORK_ACCOUNT)).getByTestId('account-top').textContent).toBe('Session (5 h) · 47% used');

    fireEvent.click(toggle);
    await act(async () => {});
    expect(h.control.state().settings.accounts.collapsed).toEqual([WORK_ACCOUNT]);
    expect(body.hidden).toBe(false);
    expect(within(card(PERSONAL_ACCOUNT)).queryByTestId('account-top')).toBeNull();
  });

  it('follows the names and the order the user gave', async () => {
    const h = await renderApp('two-accounts');
    await act(() =>
      h.store.getState().updateSettings({ accounts: { labels: { [PERSONAL_ACCOUNT]: 'Home' }, order: [PERSONAL_ACCOUNT, WORK_ACCOUNT] } }),
    );
    const names = screen.getAllByRole('region').map((r) => within(r).getByRole('heading').textContent);
    expect(names.slice(0, 2)).toEqual(['Home', 'ada@work.example']);
  });

  it('a folder with the same login as another adds no card of its own', async () => {
    await renderApp('same-login');
    expect(screen.getAllByRole('region').map((r) => r.getAttribute('data-testid'))).toEqual([
      `account-${domId('account:1ad79a19-41d0-4191-a2c7-6f55cb2456e7')}`,
    ]);
  });

  it('in French', async () => {
    await renderApp('two-accounts', { language: 'fr' });
    expect(screen.getByRole('region', { name: 'À vérifier' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Cet ordinateur' })).toBeTruthy();
    expect(within(within(card(WORK_ACCOUNT)).getByTestId('window-session')).getByTestId('window-source').textContent).toBe(
      `barre d’état · il y a ${formatDuration(2 * MIN, 'fr')}`,
    );
  });
});
