// @vitest-environment happy-dom
/**
 * The popover for a member of a spend-billed organisation with a usage-limit reset open: the
 * organisation's credits said as what they are, the member's own spend beside them, and the reset
 * under the account.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { domId } from '../../../renderer/accounts';
import { TEAM_ACCOUNT } from '../../../renderer/dev/fixtures';
import { renderApp } from './harness';

afterEach(cleanup);

const card = () => within(screen.getByTestId(`account-${domId(TEAM_ACCOUNT)}`));

describe('popover: a spend-billed organisation with a reset grant', () => {
  it('says the organisation is billed by usage credits, organisation-wide, with a bar and no “not started”', async () => {
    await renderApp('team-org');
    const row = within(card().getByTestId('window-org_credits'));
    expect(row.getByText('Organisation usage credits')).toBeTruthy();
    expect(row.getByText('62% used')).toBeTruthy();
    expect(
      row.getByText(/^Your organisation is billed by usage credits: \$1,234 of \$2,000 this month \(organisation-wide\)/),
    ).toBeTruthy();
    expect(row.queryByText(/not started/i)).toBeNull();
    expect(row.getByRole('progressbar')).toBeTruthy();
    expect(card().getByText('Enterprise plan')).toBeTruthy();
  });

  it('shows the member’s own spend beside it', async () => {
    await renderApp('team-org');
    expect(card().getByTestId('member-spend').textContent).toBe('Your own spend: $87.35 this month');
  });

  it('lists the open reset under the account, saying where to use it', async () => {
    await renderApp('team-org');
    const resets = card().getByTestId('account-resets');
    expect(resets.textContent).toMatch(
      /^1 usage-limit reset available until .+: clears the session and weekly limits; use it in Claude Code$/,
    );
    // Under the account: before the rows.
    const body = card().getByTestId('window-org_credits');
    expect(resets.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no reset line and no spend line for an account without them', async () => {
    await renderApp('ok');
    expect(screen.queryByTestId('account-resets')).toBeNull();
    expect(screen.queryByTestId('member-spend')).toBeNull();
  });
});

describe('popover: Claude Code signed in through Claude Desktop', () => {
  it('says so instead of “your login has expired”, as a notice rather than an error', async () => {
    await renderApp('desktop-code');
    const notice = screen.getByTestId('state-notice');
    expect(notice.getAttribute('data-code')).toBe('desktop_login');
    expect(notice.className).toContain('notice-warn');
    expect(
      within(notice).getByText('Claude Code signs in through Claude Desktop here: Brimline uses its status line and cached usage.'),
    ).toBeTruthy();
    expect(screen.queryByText(/login has expired/i)).toBeNull();
  });
});
