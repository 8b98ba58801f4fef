/** Removing an account, in a safe order: its keys, then settings, then its links, then (only when asked) its history. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountRemoval } from '../../../../electron/core/app/accounts';
import type { SecretName } from '../../../../shared/ipc';
import { FakeCore } from '../../shell/fake-core';
import { snap, win, T0, HOUR } from '../../shell/fixtures';

const quiet = { log() {}, info() {}, warn() {}, error() {} };

describe('account removal', () => {
  let dir: string;
  let core: FakeCore;
  let steps: string[];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-accounts-'));
    core = new FakeCore(dir);
    await core.start();
    await core.settings.update({ accounts: { keys: [{ kind: 'claudeSessionKey', slot: 'b0b0' }] } });
    core.push([
      { ...snap([win('five_hour', 'session', 40, T0 + HOUR)], 'ok', 'claude-web', T0, 'acct-b'), keyName: 'claudeSessionKey.b0b0' },
    ]);
    steps = [];
    core.settings.onChange(() => steps.push('settings'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function removal(): ReturnType<typeof createAccountRemoval> {
    return createAccountRemoval({
      core,
      keys: {
        deleteAll: async (names: readonly SecretName[]) => void steps.push(`keys ${names.join(',')}`),
        reread: async () => {
          steps.push('reread');
          return { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'memory', keychainProblem: null };
        },
      },
      forgetHistory: async (id) => void steps.push(`history ${id}`),
      home: '/home/ada',
      logger: quiet,
      changed: () => steps.push('changed'),
    });
  }

  it('deletes the key before writing settings, and keeps the history unless asked', async () => {
    const settings = await removal()({ accountId: 'acct-b', deleteHistory: false });
    expect(steps).toEqual(['keys claudeSessionKey.b0b0', 'settings', 'reread', 'changed']);
    expect(settings.accounts.keys).toEqual([]);
  });

  it('deletes the history when asked', async () => {
    await removal()({ accountId: 'acct-b', deleteHistory: true });
    expect(steps).toContain('history acct-b');
  });
});
