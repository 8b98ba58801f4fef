/**
 * Which folder polls a login that several Claude Code folders hold (a copied `.credentials.json`,
 * a symlinked folder). A login is one credential: polling it from each folder would double the
 * requests and split one 429 gate in two. The first folder, in the folders' order, that holds it
 * polls; the others say whose numbers they are. Only a fingerprint of each token is kept, in memory.
 */
import { createHash } from 'node:crypto';
import type { AccountHint } from '../source';

export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** No usable login in that folder when it was last read. */
const NONE = '';

export class LoginLedger {
  private readonly held = new Map<string, string>();
  private readonly accounts = new Map<string, AccountHint>();
  private readonly polls = new Map<string, Promise<unknown>>();

  /**
   * `read` gives a folder's login fingerprint (null without one): a folder earlier in the order
   * that has not been polled yet is read once, so two folders polled at the same moment (the CLI
   * polls all at once) still agree on which one asks.
   */
  constructor(
    private readonly order: readonly string[],
    private readonly read: (folder: string) => Promise<string | null>,
  ) {}

  /** Records what `folder` holds now; resolves to the folder that polls it (`folder` itself when first). */
  async claim(folder: string, fingerprint: string): Promise<string> {
    this.held.set(folder, fingerprint);
    for (const f of this.order) {
      if (f === folder) break;
      if (!this.held.has(f)) this.held.set(f, (await this.read(f).catch(() => null)) ?? NONE);
    }
    return this.order.find((f) => this.held.get(f) === fingerprint) ?? folder;
  }

  /** The folder no longer holds a usable login. */
  release(folder: string): void {
    this.held.delete(folder);
  }

  /** Whose login the polling folder found, so a folder that shares it lands on the same account. */
  noteAccount(folder: string, hint: AccountHint): void {
    this.accounts.set(folder, hint);
  }

  /** The folder's poll in flight, so a folder sharing its login can wait for whose account it is. */
  polling(folder: string, poll: Promise<unknown>): void {
    this.polls.set(folder, poll);
    void poll.finally(() => {
      if (this.polls.get(folder) === poll) this.polls.delete(folder);
    });
  }

  /**
   * Whose login the polling folder found, once its poll in flight (if any) has answered. Only a
   * later folder waits for an earlier one, never the reverse, so two folders never wait for each other.
   */
  async accountOf(folder: string): Promise<AccountHint | null> {
    await this.polls.get(folder)?.catch(() => undefined);
    return this.accounts.get(folder) ?? null;
  }
}
