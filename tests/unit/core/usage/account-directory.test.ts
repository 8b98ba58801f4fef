/** How data that names no account finds one: folder links, organisation links, and a Team plan's shared organisation. */
import { describe, expect, it } from 'vitest';
import { AccountDirectory } from '../../../../electron/core/usage/account-directory';

const ORG = '243a2aa4-7bd6-4d4b-afe4-b81f36260e81';

describe('account directory', () => {
  it('links a folder and an organisation to the account a profile names, and lookup learns nothing', () => {
    const d = new AccountDirectory();
    expect(d.lookup({ configDir: '/home/ada/.claude-work' })).toBe('local');
    expect(d.resolve({ accountUuid: 'AAAA', orgUuid: ORG, configDir: '/home/ada/.claude-work' })).toBe('account:aaaa');
    expect(d.lookup({ configDir: '/home/ada/.claude-work' })).toBe('account:aaaa');
    expect(d.lookup({ orgUuid: ORG.toUpperCase() })).toBe('account:aaaa');
    expect(d.foldersOf('account:aaaa')).toEqual(['/home/ada/.claude-work']);
  });

  it('an organisation with two accounts (a Team plan) names neither, and linking never flips between them', () => {
    const d = new AccountDirectory();
    let links = 0;
    d.onLink(() => links++);
    d.resolve({ accountUuid: 'aaaa', orgUuid: ORG, configDir: '/a' });
    d.resolve({ accountUuid: 'bbbb', orgUuid: ORG, configDir: '/b' });
    const learnt = links;
    for (let i = 0; i < 5; i++) {
      d.resolve({ accountUuid: 'aaaa', orgUuid: ORG, configDir: '/a' });
      d.resolve({ accountUuid: 'bbbb', orgUuid: ORG, configDir: '/b' });
    }
    expect(links).toBe(learnt);
    expect(d.accountForOrg(ORG)).toBeNull();
    expect(d.lookup({ orgUuid: ORG })).toBe(`org:${ORG}`);
    // Folders still tell the two apart.
    expect(d.lookup({ configDir: '/b' })).toBe('account:bbbb');
  });

  it('forgets a removed account’s links', () => {
    const d = new AccountDirectory();
    d.resolve({ accountUuid: 'aaaa', orgUuid: ORG, configDir: '/a' });
    d.forget('account:aaaa');
    expect(d.lookup({ configDir: '/a' })).toBe('local');
    expect(d.accountForOrg(ORG)).toBeNull();
  });
});
