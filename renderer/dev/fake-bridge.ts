/**
 * An in-memory `BrimlineBridge` for `npm run dev:renderer` and Playwright. It validates settings
 * patches with the same schema as main, keeps settings across reloads in localStorage (as main
 * keeps them across restarts), records every call for tests, and never stores a secret's value.
 */
import { isSourceId, LOCAL_ACCOUNT_ID, SOURCE_IDS, type SourceSnapshot } from '../../shared/domain';
import { mergeSnapshots } from '../../shared/merge';
import { planAccountRemoval } from '../../shared/account-removal';
import {
  parseSecretName,
  slotSecretName,
  type AppState,
  type ClaudeFolder,
  type BrimlineBridge,
  type HistoryDays,
  type HistoryExportResult,
  type NotificationOutcome,
  type RefreshResult,
  type SecretKind,
  type SecretName,
  type SecretStatus,
  type StatuslineSetup,
} from '../../shared/ipc';
import type { Settings, SettingsPatch, SettingsSection } from '../../shared/settings';
import { applySettingsPatch, settingsPatchSchema, settingsSchema } from '../../shared/settings-schema';
import { FIXTURE_HOME, fixtureState, isFixtureName, type FixtureName } from './fixtures';
import { fixtureHistory } from './history-fixtures';

export type FakeCall =
  | { method: 'getState' | 'refresh' | 'testNotification' | 'quit' | 'openDataFolder' }
  | { method: 'openSettings'; section: SettingsSection | null }
  | { method: 'setStatusline'; enabled: boolean }
  | { method: 'updateSettings'; patch: SettingsPatch }
  | { method: 'saveSecret'; name: SecretName; length: number }
  | { method: 'removeSecret'; name: SecretName }
  | { method: 'openExternal'; url: string }
  | { method: 'getHistory'; days: HistoryDays }
  | { method: 'exportHistory'; days: HistoryDays }
  | { method: 'removeAccount'; accountId: string; deleteHistory: boolean }
  | { method: 'addKey'; kind: SecretKind; length: number };

export interface FakeBridgeOptions {
  fixture: FixtureName;
  now?: () => number;
  /** Where settings and saved-secret flags survive a reload; null keeps them in memory only. */
  storage?: Storage | null;
  language?: Settings['language'];
  theme?: Settings['theme'];
}

export interface FakeBridgeControl {
  calls: FakeCall[];
  /** Pushes a new state to every listener, as main does after a poll. */
  push(next: AppState): void;
  state(): AppState;
  /** Says the window was shown or hidden, as main does for the popover. */
  setVisible(visible: boolean): void;
  /** Shortcuts "another app" holds: setting one of these is refused, as the OS refuses it. */
  takenShortcuts: Set<string>;
  /** What the next Export… comes to (main's save dialog and write); default: saved to Downloads. */
  setExportResult(result: HistoryExportResult): void;
}

const STORAGE_KEY = 'brimline.fake.v1';

interface Persisted {
  settings: Settings;
  saved: SecretStatus['saved'];
}

function readPersisted(storage: Storage | null): Persisted | null {
  if (storage === null) return null;
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw === null) return null;
    const data = JSON.parse(raw) as { settings?: unknown; saved?: Persisted['saved'] };
    const settings = settingsSchema.safeParse(data.settings);
    if (!settings.success || typeof data.saved !== 'object' || data.saved === null) return null;
    return {
      settings: settings.data,
      saved: { claudeSessionKey: data.saved.claudeSessionKey === true, adminApiKey: data.saved.adminApiKey === true },
    };
  } catch {
    return null;
  }
}

/** `~/x` as main resolves it, with the fixtures' home. */
function resolveFolder(f: string): string {
  const d = f.trim();
  const abs = d === '~' ? FIXTURE_HOME : d.startsWith('~/') ? FIXTURE_HOME + d.slice(1) : d;
  return abs.length > 1 ? abs.replace(/\/+$/, '') : abs;
}

/** The secret each keyed source reads (main's registry says the same). */
/** What main's removal does, by the same rule (shared/account-removal.ts). */
function removalPatch(state: AppState, accountId: string): { patch: SettingsPatch; secrets: SecretName[] } {
  return planAccountRemoval(accountId, state.settings, state.snapshots, state.claudeFolders, [], resolveFolder);
}

// long-function: one object literal implements every BrimlineBridge method over the same fake state, as main's handlers do.
export function createFakeBridge(options: FakeBridgeOptions): { bridge: BrimlineBridge; control: FakeBridgeControl } {
  const now = options.now ?? (() => Date.now());
  const storage = options.storage ?? null;
  const persisted = readPersisted(storage);
  let state = startState(options, persisted, now());

  const fixtureFolders = state.claudeFolders.filter((f) => f.origin !== 'settings');
  const fixtureSnapshots = state.snapshots;
  const readFolders = (current: AppState): AppState => foldersReadAgain(current, fixtureFolders, fixtureSnapshots, now());
  if (persisted !== null) state = readFolders(state);

  const listeners = new Set<(s: AppState) => void>();
  const visibility = listenerSet<boolean>();
  const setVisible = visibility.emit;
  const calls: FakeCall[] = [];
  const takenShortcuts = new Set<string>();
  let exportResult: HistoryExportResult = {
    kind: 'saved',
    path: `${FIXTURE_HOME}/Downloads/brimline-history-${new Date(now()).toISOString().slice(0, 10)}.csv`,
    samples: 0,
    days: 0,
  };
  // Structured clone, as IPC does: the renderer must never share objects with "main".
  const snapshot = (): AppState => structuredClone(state);
  const persist = (): void => storage?.setItem(STORAGE_KEY, JSON.stringify({ settings: state.settings, saved: state.secrets.saved }));
  const push = (next: AppState): void => {
    state = structuredClone(next);
    for (const l of listeners) l(snapshot());
  };

  const bridge: BrimlineBridge = {
    async getState() {
      calls.push({ method: 'getState' });
      return snapshot();
    },
    async refresh(): Promise<RefreshResult> {
      calls.push({ method: 'refresh' });
      const t = now();
      const gate = state.refreshAllowedAt === null ? NaN : Date.parse(state.refreshAllowedAt);
      if (Number.isFinite(gate) && gate > t) return { started: false, nextAllowedAt: state.refreshAllowedAt };
      const snapshots = state.snapshots.map((s) =>
        s.state === 'unconfigured' ? s : { ...s, fetchedAt: new Date(t).toISOString(), attemptedAt: new Date(t).toISOString() },
      );
      push({ ...state, snapshots, view: mergeSnapshots(snapshots) });
      return { started: true, nextAllowedAt: null };
    },
    async updateSettings(patch) {
      calls.push({ method: 'updateSettings', patch: structuredClone(patch) });
      const valid = settingsPatchSchema.parse(patch);
      const settings = applySettingsPatch(state.settings, valid);
      state = { ...state, settings, launchAtLogin: settings.launchAtLogin };
      if (valid.shortcut !== undefined) state = { ...state, shortcut: shortcutAfter(state.shortcut, settings.shortcut, takenShortcuts) };
      if (valid.accounts?.folders !== undefined || valid.accounts?.ignoredFolders !== undefined) state = readFolders(state);
      persist();
      push(state);
      return structuredClone(settings);
    },
    async saveSecret(name, value) {
      calls.push({ method: 'saveSecret', name, length: value.length });
      if (value.trim() === '') throw new Error('empty value');
      state = { ...state, secrets: { ...state.secrets, saved: { ...state.secrets.saved, [name]: true } } };
      persist();
      push(state);
      return structuredClone(state.secrets);
    },
    async removeSecret(name) {
      calls.push({ method: 'removeSecret', name });
      state = withSecretRemoved(state, name);
      persist();
      push(state);
      return structuredClone(state.secrets);
    },
    async openExternal(url) {
      calls.push({ method: 'openExternal', url });
      return true;
    },
    async openSettings(section) {
      calls.push({ method: 'openSettings', section: section ?? null });
      // As main: the asked-for section is remembered, so the settings window turns to it.
      if (section !== undefined) push({ ...state, settings: applySettingsPatch(state.settings, { ui: { settingsSection: section } }) });
      persist();
    },
    async openDataFolder() {
      calls.push({ method: 'openDataFolder' });
      return true;
    },
    async setStatusline(enabled) {
      calls.push({ method: 'setStatusline', enabled });
      const statusline = statuslineAfter(enabled);
      state = { ...state, statusline };
      push(state);
      return statusline;
    },
    async testNotification(): Promise<NotificationOutcome> {
      calls.push({ method: 'testNotification' });
      // As main's Notifier: a blocked state answers 'failed', otherwise the OS showed it.
      if (!state.notifications.supported) return 'unsupported';
      return state.notifications.blocked ? 'failed' : 'shown';
    },
    async quit() {
      calls.push({ method: 'quit' });
    },
    async getHistory(days) {
      calls.push({ method: 'getHistory', days });
      return fixtureHistory(state.view, days, now());
    },
    async exportHistory(days) {
      calls.push({ method: 'exportHistory', days });
      return structuredClone(exportResult);
    },
    async addKey(kind, value) {
      calls.push({ method: 'addKey', kind, length: value.length });
      state = withKeyAdded(state, kind);
      push(state);
      return state.secrets;
    },
    async removeAccount({ accountId, deleteHistory }) {
      calls.push({ method: 'removeAccount', accountId, deleteHistory });
      const { patch, secrets } = removalPatch(state, accountId);
      const settings = applySettingsPatch(state.settings, settingsPatchSchema.parse(patch));
      const saved = { ...state.secrets.saved };
      for (const name of secrets) saved[name] = false;
      const snapshots = state.snapshots.filter((sn) => sn.accountId !== accountId || sn.folder);
      state = readFolders({ ...state, settings, snapshots, secrets: { ...state.secrets, saved } });
      persist();
      push(state);
      return structuredClone(settings);
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onVisibility: visibility.subscribe,
  };
  const setExportResult = (result: HistoryExportResult): void => {
    exportResult = result;
  };
  return { bridge, control: { calls, push, state: snapshot, setVisible, setExportResult, takenShortcuts } };
}

/** The fixture, with what an earlier page load saved and the language and theme the URL asks for. */
function startState(options: FakeBridgeOptions, persisted: ReturnType<typeof readPersisted>, now: number): AppState {
  const state = fixtureState(options.fixture, now);
  if (persisted !== null) {
    state.settings = persisted.settings;
    state.secrets = { ...state.secrets, saved: persisted.saved };
  }
  if (options.language !== undefined) state.settings.language = options.language;
  if (options.theme !== undefined) state.settings.theme = options.theme;
  state.launchAtLogin = state.settings.launchAtLogin;
  return state;
}

/**
 * The folders as main finds them: the fixture's own (default or env, then the status line's) and
 * the user's, minus those removed. A folder read again brings its fixture data back; a new one
 * has no login yet, as a folder typed in Settings usually has not at first.
 */
function foldersReadAgain(
  current: AppState,
  fixtureFolders: readonly ClaudeFolder[],
  fixtureSnapshots: readonly SourceSnapshot[],
  now: number,
): AppState {
  const ignored = new Set(current.settings.accounts.ignoredFolders.map(resolveFolder));
  const added = current.settings.accounts.folders.map((f): ClaudeFolder => ({ dir: resolveFolder(f), origin: 'settings' }));
  const seen = new Set<string>();
  const claudeFolders: ClaudeFolder[] = [];
  for (const f of [
    ...fixtureFolders.filter((x) => x.origin !== 'statusline'),
    ...added,
    ...fixtureFolders.filter((x) => x.origin === 'statusline'),
  ]) {
    if (ignored.has(f.dir) || seen.has(f.dir)) continue;
    seen.add(f.dir);
    claudeFolders.push(f);
  }
  const snapshots: SourceSnapshot[] = current.snapshots.filter((sn) => !sn.folder || seen.has(sn.folder));
  for (const f of claudeFolders) {
    if (snapshots.some((sn) => sn.folder === f.dir)) continue;
    const again = fixtureSnapshots.filter((sn) => sn.folder === f.dir);
    snapshots.push(...(again.length > 0 ? structuredClone(again) : [noLoginYet(f.dir, now)]));
  }
  // The registry's order: it breaks ties in the merge.
  const rank = (id: string): number => (isSourceId(id) ? SOURCE_IDS.indexOf(id) : SOURCE_IDS.length);
  snapshots.sort((a, b) => rank(a.sourceId) - rank(b.sourceId));
  return { ...current, claudeFolders, snapshots, view: mergeSnapshots(snapshots) };
}

/** A folder with no Claude Code login in it yet, as main's plan source reports it. */
function noLoginYet(dir: string, now: number): SourceSnapshot {
  return {
    sourceId: 'claude-oauth',
    key: `claude-oauth@${dir}`,
    folder: dir,
    accountId: LOCAL_ACCOUNT_ID,
    state: 'error',
    error: {
      code: 'no_credentials',
      message: `Brimline could not read Claude Code's login: no ${dir}/.credentials.json.`,
      action: { kind: 'run_command', command: 'claude' },
    },
    fetchedAt: null,
    attemptedAt: new Date(now).toISOString(),
    nextAttemptAt: null,
    plan: null,
    windows: [],
    extraUsage: null,
  };
}

/** As main: a further key removed takes its slot and its source instance with it. */
function withSecretRemoved(state: AppState, name: SecretName): AppState {
  const next = { ...state, secrets: { ...state.secrets, saved: { ...state.secrets.saved, [name]: false } } };
  if (!parseSecretName(name)?.slot) return next;
  const keys = next.settings.accounts.keys.filter((k) => slotSecretName(k.kind, k.slot) !== name);
  const snapshots = next.snapshots.filter((s) => s.keyName !== name);
  return {
    ...next,
    snapshots,
    view: mergeSnapshots(snapshots),
    settings: { ...next.settings, accounts: { ...next.settings.accounts, keys } },
  };
}

/** As main: a new slot in the settings, the key's source switched on, the slot reported saved. */
function withKeyAdded(state: AppState, kind: SecretKind): AppState {
  const slot = `k${state.settings.accounts.keys.length + 1}`;
  const source = kind === 'claudeSessionKey' ? 'claude-web' : 'admin-api';
  return {
    ...state,
    settings: {
      ...state.settings,
      accounts: { ...state.settings.accounts, keys: [...state.settings.accounts.keys, { kind, slot }] },
      sources: { ...state.settings.sources, [source]: { enabled: true } },
    },
    secrets: { ...state.secrets, saved: { ...state.secrets.saved, [`${kind}.${slot}`]: true } },
  };
}

/** As main's shortcut part: the OS gives a shortcut unless another app holds it. */
function shortcutAfter(current: AppState['shortcut'], accelerator: string | null, taken: ReadonlySet<string>): AppState['shortcut'] {
  if (accelerator === null) return { ...current, status: 'off', accelerator: null };
  return { ...current, status: taken.has(accelerator) ? 'refused' : 'active', accelerator };
}

/** As main: installing chains whatever status line Claude Code had; removing restores it. */
function statuslineAfter(enabled: boolean): StatuslineSetup {
  const file = '~/.claude/settings.json';
  return enabled
    ? { kind: 'installed', file, chained: null, description: null, message: `Installed Brimline's status line in ${file}.` }
    : { kind: 'none', file, chained: null, description: null, message: `Removed Brimline's status line from ${file}.` };
}

const LANGUAGES = ['system', 'en', 'fr'] as const;
const THEMES = ['system', 'light', 'dark'] as const;

/** Reads `?state=…&lang=…&theme=…`, builds the bridge and exposes its control for Playwright. */
export function installFakeBridge(params: URLSearchParams): BrimlineBridge {
  const fixtureParam = params.get('state');
  const lang = params.get('lang');
  const theme = params.get('theme');
  const { bridge, control } = createFakeBridge({
    fixture: isFixtureName(fixtureParam) ? fixtureParam : 'ok',
    storage: params.get('persist') === '0' ? null : window.localStorage,
    language: LANGUAGES.find((l) => l === lang),
    theme: THEMES.find((t) => t === theme),
  });
  (window as unknown as { __brimlineFake: FakeBridgeControl }).__brimlineFake = control;
  return bridge;
}

/** A set of listeners: `subscribe` returns the unsubscribe function, `emit` calls them all. */
function listenerSet<T>(): { subscribe(l: (v: T) => void): () => void; emit(v: T): void } {
  const set = new Set<(v: T) => void>();
  return {
    subscribe(l) {
      set.add(l);
      return () => set.delete(l);
    },
    emit(v) {
      for (const l of set) l(v);
    },
  };
}
