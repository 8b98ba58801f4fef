/**
 * Turns what a source knows about whose data it has into an account id:
 * - a Claude account uuid (the OAuth profile) → `account:<uuid>`;
 * - else a config folder already linked to an account (a login seen in that folder) → that account;
 * - else an organisation linked to an account (the profile names both) → that account;
 * - else an organisation uuid → `org:<uuid>`;
 * - else this computer's account, `local`.
 * A hint with a uuid and a folder or an organisation links them, so data that only knows its
 * folder (the status line) or its organisation (Claude Desktop's history) lands on the same
 * account as the poll. The links are kept in `accounts.json`, so they hold from the first moment
 * of the next start, before any poll.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { LOCAL_ACCOUNT_ID } from '../../../shared/domain';
import { JsonFileStore } from '../platform/fs/json-file-store';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';
import type { AccountHint } from '../sources/source';

/** An organisation seen with more than one account. */
const SHARED_ORG = '*';

const fileSchema = z.object({
  version: z.literal(1),
  folders: z.record(z.string().max(4096), z.string().max(300)),
  orgs: z.record(z.string().max(300), z.string().max(300)),
});
type AccountLinks = z.infer<typeof fileSchema>;

export class AccountDirectory {
  private links: AccountLinks = { version: 1, folders: {}, orgs: {} };
  private readonly store: JsonFileStore<AccountLinks> | null;
  private readonly listeners = new Set<() => void>();

  /** Without a data folder the links live in memory only (tests). */
  constructor(dataDir?: string, logger?: Logger) {
    this.store = dataDir
      ? new JsonFileStore<AccountLinks>({
          file: path.join(dataDir, FILES.accounts),
          parse: (raw) => {
            const parsed = fileSchema.safeParse(raw);
            return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'it is not a Brimline account file' };
          },
          describeProblem: (reason, movedTo) =>
            `The account links could not be read (${reason}); the file was moved to ${movedTo}. They are learnt again at the next poll.`,
          logger,
        })
      : null;
  }

  get loadProblem(): string | null {
    return this.store?.loadProblem ?? null;
  }

  async load(): Promise<void> {
    this.links = (await this.store?.load()) ?? this.links;
  }

  /** Told when a new link is learnt (Claude Desktop's history can then be imported for it). */
  onLink(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The account an organisation belongs to, when profiles have named it with one account only. */
  accountForOrg(orgUuid: string): string | null {
    const linked = this.links.orgs[orgUuid.toLowerCase()];
    return linked === undefined || linked === SHARED_ORG ? null : linked;
  }

  /** The folders whose logins were seen to be this account's. */
  foldersOf(accountId: string): string[] {
    return Object.keys(this.links.folders).filter((f) => this.links.folders[f] === accountId);
  }

  /** Forgets an account the user removed: its folders and organisations are learnt again only if they come back. */
  forget(accountId: string): void {
    const before = JSON.stringify(this.links);
    for (const f of this.foldersOf(accountId)) delete this.links.folders[f];
    for (const o of Object.keys(this.links.orgs)) if (this.links.orgs[o] === accountId) delete this.links.orgs[o];
    if (JSON.stringify(this.links) !== before && this.store) this.saving = this.store.save(this.links).catch(() => undefined);
  }

  /** The account a hint names, learning the links it brings (a folder's login, an organisation's only account). */
  resolve(hint: AccountHint): string {
    const folder = hint.configDir ? path.resolve(hint.configDir) : null;
    const org = hint.orgUuid ? hint.orgUuid.toLowerCase() : null;
    if (hint.accountUuid) {
      const id = `account:${hint.accountUuid.toLowerCase()}`;
      let learnt = false;
      // A folder follows its latest login: the user may log in to another account there.
      if (folder && this.links.folders[folder] !== id) {
        this.links.folders[folder] = id;
        learnt = true;
      }
      // Several accounts in one organisation (a Team plan): the organisation alone then names none of them.
      const known = org ? this.links.orgs[org] : undefined;
      if (org && known !== id && known !== SHARED_ORG) {
        this.links.orgs[org] = known === undefined ? id : SHARED_ORG;
        learnt = true;
      }
      if (learnt) this.learnt();
      return id;
    }
    return this.lookup(hint);
  }

  /** The account a hint names with the links known now, learning nothing. */
  lookup(hint: AccountHint): string {
    if (hint.accountUuid) return `account:${hint.accountUuid.toLowerCase()}`;
    const folder = hint.configDir ? path.resolve(hint.configDir) : null;
    const org = hint.orgUuid ? hint.orgUuid.toLowerCase() : null;
    const byOrg = org ? this.accountForOrg(org) : null;
    const linked = (folder ? this.links.folders[folder] : undefined) ?? byOrg;
    if (linked) return linked;
    if (org) return `org:${org}`;
    return hint.ownAccount ?? LOCAL_ACCOUNT_ID;
  }

  private saving: Promise<void> = Promise.resolve();

  /** Resolves once the last learnt link is on disk (a full disk loses the write, not the links in memory). */
  flush(): Promise<void> {
    return this.saving;
  }

  private learnt(): void {
    if (this.store) this.saving = this.store.save(this.links).catch(() => undefined);
    for (const l of this.listeners) l();
  }
}
