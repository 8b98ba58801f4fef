/**
 * What removing an account means, worked out without side effects: the Claude Code folders that
 * stop being read (a folder the user added leaves the list; one found on its own is remembered as
 * removed, or it would come back at the next start), the keys that leave the keychain, and the
 * user's name, place and choices for it. The history is the caller's choice. Pure: main applies
 * it, and the renderer's development bridge shows exactly what main would.
 */
import { isSourceId, type SourceSnapshot } from './domain';
import { SOURCE_SECRETS, isSecretName, parseSecretName, slotSecretName, sourceForKey, type ClaudeFolder, type SecretName } from './ipc';
import type { Settings, SettingsPatch } from './settings';

export interface AccountRemoval {
  patch: SettingsPatch;
  /** Keys saved for this account's sources, to delete from the keychain. */
  secrets: SecretName[];
  /** The folders that stop being read. */
  folders: string[];
}

export function planAccountRemoval(
  accountId: string,
  settings: Settings,
  snapshots: readonly SourceSnapshot[],
  folders: readonly ClaudeFolder[],
  linkedFolders: readonly string[],
  /** A folder as the settings hold it (`~/x`) made absolute, as main resolves it. */
  resolveFolder: (folder: string) => string,
): AccountRemoval {
  const mine = snapshots.filter((s) => s.accountId === accountId);
  const gone = new Set<string>(linkedFolders);
  for (const s of mine) if (s.folder) gone.add(s.folder);
  // A folder that shares this account's login (`sameLoginAs`) goes with it.
  for (const s of snapshots) if (s.sameLoginAs && gone.has(s.sameLoginAs) && s.folder) gone.add(s.folder);
  const inUse = folders.filter((f) => gone.has(f.dir));
  const added = settings.accounts.folders.filter((f) => !gone.has(resolveFolder(f)));
  const found = inUse.filter((f) => f.origin !== 'settings').map((f) => f.dir);
  const ignored = [...new Set([...settings.accounts.ignoredFolders, ...found])];

  const secrets: SecretName[] = [];
  for (const s of mine) {
    const kind = isSourceId(s.sourceId) ? SOURCE_SECRETS[s.sourceId] : undefined;
    const name = s.keyName ?? kind;
    if (isSecretName(name) && !secrets.includes(name)) secrets.push(name);
  }
  // Further keys leave their slots; a source whose every key is gone is switched off, so it does not ask for one.
  const keys = settings.accounts.keys.filter((k) => !secrets.includes(slotSecretName(k.kind, k.slot)));
  const sources: NonNullable<SettingsPatch['sources']> = {};
  for (const name of secrets) {
    const parsed = parseSecretName(name);
    if (parsed === null) continue;
    const source = sourceForKey(parsed.kind);
    const firstGone = secrets.includes(parsed.kind);
    if (source && firstGone && !keys.some((k) => k.kind === parsed.kind)) sources[source] = { enabled: false };
  }

  const labels = { ...settings.accounts.labels };
  delete labels[accountId];
  return {
    patch: {
      accounts: {
        folders: added,
        ignoredFolders: ignored,
        labels,
        order: settings.accounts.order.filter((id) => id !== accountId),
        collapsed: settings.accounts.collapsed.filter((id) => id !== accountId),
        keys,
      },
      ...(settings.tray.account === accountId ? { tray: { account: 'auto' } } : {}),
      ...(Object.keys(sources).length > 0 ? { sources } : {}),
      ...(secrets.includes('claudeSessionKey') ? { claudeWebOrganization: null } : {}),
    },
    secrets,
    folders: inUse.map((f) => f.dir),
  };
}
