/**
 * Secrets and further keys: the keychain's status as the renderer sees it (which keys are saved,
 * never their values), saving and removing a key, and the further keys (another account's
 * session key, another organisation's Admin key) that each get a slot and a source instance.
 */
import { randomBytes } from 'node:crypto';
import {
  MAX_EXTRA_KEYS,
  parseSecretName,
  slotSecretName,
  sourceForKey,
  type SecretKind,
  type SecretName,
  type SecretStatus,
} from '../../../shared/ipc';
import type { SettingsStore } from '../settings/settings-store';
import type { Logger } from '../platform/log';

/** The secret store as the service uses it (electron/core/platform/secret-store.ts in the app). */
export interface SecretsPort {
  /** `extra`: the further keys in use (`<kind>.<slot>`), whose saved state is reported too. */
  status(extra?: readonly SecretName[]): Promise<SecretStatus>;
  set(name: SecretName, value: string): Promise<SecretStatus>;
  remove(name: SecretName): Promise<SecretStatus>;
}

export interface Keys {
  status(): SecretStatus;
  save(name: SecretName, value: string): Promise<SecretStatus>;
  remove(name: SecretName): Promise<SecretStatus>;
  /** Saves another account's or organisation's key under a new slot, and turns its source on. */
  add(kind: SecretKind, value: string): Promise<SecretStatus>;
  /** Deletes keys from the store without touching settings or the status (account removal). */
  deleteAll(names: readonly SecretName[]): Promise<void>;
  /** Reads the store's status again; throws when the store cannot answer. */
  reread(): Promise<SecretStatus>;
  /** The store's backend changed (the keychain answers again): re-reads and redraws; logs a failure. */
  backendChanged(): Promise<void>;
}

export interface KeysOptions {
  secrets: SecretsPort;
  settings: Pick<SettingsStore, 'get' | 'update'>;
  logger: Logger;
  changed: () => void;
  /** A fresh random slot id (tests pin it). */
  newSlot?: () => string;
}

export async function startKeys({ secrets, settings, logger, changed, newSlot }: KeysOptions): Promise<Keys> {
  const slotNames = (): SecretName[] => settings.get().accounts.keys.map((k) => slotSecretName(k.kind, k.slot));
  const makeSlot = newSlot ?? ((): string => randomBytes(4).toString('hex'));
  let status = await secrets.status(slotNames());
  const reread = async (): Promise<SecretStatus> => {
    status = await secrets.status(slotNames());
    return status;
  };
  const rereadAndRedraw = async (): Promise<SecretStatus> => {
    await reread();
    changed();
    return status;
  };

  return {
    status: () => status,
    async save(name, value) {
      await secrets.set(name, value);
      return rereadAndRedraw();
    },
    async remove(name) {
      await secrets.remove(name);
      // A further key removed is a slot gone: its source instance stops with it.
      if ((parseSecretName(name)?.slot ?? null) !== null) {
        const keys = settings.get().accounts.keys.filter((k) => slotSecretName(k.kind, k.slot) !== name);
        await settings.update({ accounts: { keys } });
      }
      return rereadAndRedraw();
    },
    async add(kind, value) {
      const current = settings.get();
      if (current.accounts.keys.length >= MAX_EXTRA_KEYS)
        throw new Error(`Brimline keeps at most ${MAX_EXTRA_KEYS} further keys; remove one first.`);
      const taken = new Set(current.accounts.keys.map((k) => k.slot));
      let slot = makeSlot();
      while (taken.has(slot)) slot = makeSlot();
      // The key first: settings that name a slot with nothing in the keychain would poll for nothing.
      await secrets.set(slotSecretName(kind, slot), value);
      const source = sourceForKey(kind);
      await settings.update({
        accounts: { keys: [...current.accounts.keys, { kind, slot }] },
        ...(source ? { sources: { [source]: { enabled: true } } } : {}),
      });
      return rereadAndRedraw();
    },
    async deleteAll(names) {
      for (const name of names) await secrets.remove(name);
    },
    reread,
    async backendChanged() {
      try {
        await reread();
      } catch (err) {
        logger.warn(`Could not read the secret store's status: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      changed();
    },
  };
}
