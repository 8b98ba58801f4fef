/**
 * Removing an account: Brimline stops reading its folders, deletes its keys from the keychain and
 * forgets its links, and deletes its history only when asked. What changes is planned by
 * `planAccountRemoval` (shared/account-removal.ts, pure); this part applies it in a safe order.
 */
import * as os from 'node:os';
import { planAccountRemoval } from '../../../shared/account-removal';
import type { RemoveAccountRequest } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { resolveFolder } from '../usage/claude-folders';
import type { BrimlineCore } from '../usage/core-api';
import type { Logger } from '../platform/log';
import type { Keys } from './keys';

export interface AccountsOptions {
  core: Pick<BrimlineCore, 'settings' | 'usage' | 'claudeFolders' | 'accounts'>;
  keys: Pick<Keys, 'deleteAll' | 'reread'>;
  /** Deletes the account's recorded history. */
  forgetHistory: (accountId: string) => Promise<void>;
  /** Home folder, to resolve `~/…` folders (tests). */
  home?: string;
  logger: Logger;
  changed: () => void;
}

export function createAccountRemoval(opts: AccountsOptions): (request: RemoveAccountRequest) => Promise<Settings> {
  const { core, keys } = opts;
  return async ({ accountId, deleteHistory }) => {
    const removal = planAccountRemoval(
      accountId,
      core.settings.get(),
      core.usage.snapshots(),
      core.claudeFolders(),
      core.accounts.foldersOf(accountId),
      (f) => resolveFolder(f, opts.home ?? os.homedir()),
    );
    // Keys first: a settings file that cannot be written must not leave a key behind.
    await keys.deleteAll(removal.secrets);
    const settings = await core.settings.update(removal.patch);
    await keys.reread();
    core.accounts.forget(accountId);
    if (deleteHistory) await opts.forgetHistory(accountId);
    opts.logger.info(
      `Removed an account (${removal.folders.length} folder(s), ${removal.secrets.length} key(s)${deleteHistory ? ', history deleted' : ''}).`,
    );
    opts.changed();
    return settings;
  };
}
