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

export class LoginLedger {
  private readonly held = new Map<string, string>();
  private readonly accounts = new Map<string, AccountHint>();

  constructor(private readonly order: readonly string[]) {}

  /** Records what `folder` holds now; returns the folder that polls it (`folder` itself when first). */
  claim(folder: string, fingerprint: string): string {
    this.held.set(folder, fingerprint);
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

  accountOf(folder: string): AccountHint | null {
    return this.accounts.get(folder) ?? null;
  }
}
