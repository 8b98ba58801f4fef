/**
 * Turns what a source knows about whose data it has into an account id:
 * - a Claude account uuid (the OAuth profile) → `account:<uuid>`;
 * - else a config folder already linked to an account (a login seen in that folder) → that account;
 * - else an organisation uuid → `org:<uuid>`;
 * - else this computer's account, `local`.
 * A hint with both a uuid and a folder links the folder, so data that only knows its folder (the
 * status line, the logs of that folder) lands on the same account as the poll.
 */
import * as path from 'node:path';
import { LOCAL_ACCOUNT_ID } from '../../shared/domain';
import type { AccountHint } from './sources/source';

export class AccountDirectory {
  private readonly byFolder = new Map<string, string>();

  resolve(hint: AccountHint): string {
    const folder = hint.configDir ? path.resolve(hint.configDir) : null;
    if (hint.accountUuid) {
      const id = `account:${hint.accountUuid.toLowerCase()}`;
      if (folder) this.byFolder.set(folder, id);
      return id;
    }
    const linked = folder ? this.byFolder.get(folder) : undefined;
    if (linked) return linked;
    if (hint.orgUuid) return `org:${hint.orgUuid.toLowerCase()}`;
    return LOCAL_ACCOUNT_ID;
  }
}
