/** Accounts as every surface shows them: the user's names and order, a readable default name, and lookup by id, name or email. */
import { describe, expect, it } from 'vitest';
import { findAccount, presentAccounts, reorderAccounts } from '../../../shared/accounts';
import type { Account } from '../../../shared/domain';
import { makeTranslator } from '../../../shared/i18n/translator';
import { accountLabel } from '../../../shared/labels';

const A: Account = { id: 'account:aaaa', label: 'ada@home.example', email: 'ada@home.example', plan: 'Pro' };
const B: Account = { id: 'account:bbbb', label: 'ada@work.example', email: 'ada@work.example', plan: 'Max 20x' };
const ORG: Account = {
  id: 'org:631972a6-f5c1-452a-838f-e7713f861d09',
  label: 'org:631972a6-f5c1-452a-838f-e7713f861d09',
  email: null,
  plan: 'Team',
};
const LOCAL: Account = { id: 'local', label: 'local', email: null, plan: null };

describe('presenting accounts', () => {
  it('applies the user’s names and order; accounts not ordered yet follow as found', () => {
    const shown = presentAccounts([A, B, ORG], { labels: { [B.id]: 'Work' }, order: [B.id] });
    expect(shown.map((a) => [a.id, a.label])).toEqual([
      [B.id, 'Work'],
      [A.id, A.label],
      [ORG.id, ORG.label],
    ]);
  });

  it('moves one account up or down, and never past the ends', () => {
    expect(reorderAccounts([A, B, ORG], B.id, -1)).toEqual([B.id, A.id, ORG.id]);
    expect(reorderAccounts([A, B, ORG], A.id, -1)).toEqual([A.id, B.id, ORG.id]);
    expect(reorderAccounts([A, B, ORG], ORG.id, 1)).toEqual([A.id, B.id, ORG.id]);
  });

  it('finds an account by id, name or email, and refuses an ambiguous or unknown name', () => {
    const shown = presentAccounts([A, B], { labels: { [A.id]: 'Ada', [B.id]: 'ada' }, order: [] });
    expect(findAccount(shown, B.id)?.id).toBe(B.id);
    expect(findAccount(shown, 'ADA@WORK.example')?.id).toBe(B.id);
    expect(findAccount(shown, 'ada')).toBeNull();
    expect(findAccount(shown, 'nobody')).toBeNull();
  });

  it('gives accounts known only by an id a short readable name, in each language', () => {
    const en = makeTranslator('en', ['en-US'], 'UTC');
    const fr = makeTranslator('fr', ['fr-FR'], 'UTC');
    expect(accountLabel(en.t, ORG)).toBe('Organisation 631972a6');
    expect(accountLabel(en.t, { id: 'admin:9b3c7b66', label: 'admin:9b3c7b66' })).toBe('API organisation 9b3c7b66');
    expect(accountLabel(fr.t, { id: 'admin:9b3c7b66', label: 'admin:9b3c7b66' })).toBe('Organisation API 9b3c7b66');
    expect(accountLabel(en.t, LOCAL)).toBe('This computer');
    expect(accountLabel(fr.t, LOCAL)).toBe('Cet ordinateur');
    expect(accountLabel(en.t, { ...ORG, label: 'Acme' })).toBe('Acme');
  });
});
