/**
 * The renderer's one store (zustand). It holds the last `AppState` main pushed, a ticking clock
 * for countdowns, and the actions that go through the bridge. It never polls: data only arrives
 * through `getState()` and `onState` pushes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  slotSecretName,
  type AppState,
  type BrimlineBridge,
  type HistoryDays,
  type HistoryExportResult,
  type HistoryPayload,
  type NotificationOutcome,
  type RefreshResult,
  type RemoveAccountRequest,
  type SecretKind,
  type SecretName,
  type SecretStatus,
} from '../shared/ipc';
import type { SettingsPatch, SettingsSection } from '../shared/settings';
import { applySettingsPatch } from './settings/patch';

export interface StoreDeps {
  bridge: BrimlineBridge;
  now: () => number;
}

export type LoadStatus = 'loading' | 'ready' | 'failed';

export interface BrimlineState {
  status: LoadStatus;
  app: AppState | null;
  /** Milliseconds since the epoch, advanced by `tick()` so countdowns move. */
  now: number;
  refreshing: boolean;
  /** When a manual refresh was refused, the time it becomes allowed. */
  refreshRefusedUntil: string | null;
  /** The last failure to save a setting, shown on the settings page. */
  settingsError: string | null;
  secretErrors: Partial<Record<SecretName, string>>;
  secretBusy: Partial<Record<SecretName, boolean>>;
  /** What the system did with the last test notification; null before one was asked for. */
  notificationTest: NotificationOutcome | 'sending' | null;
  statuslineBusy: boolean;
  /** The history view's data, asked for when the view opens (`brimline:get-history`). */
  history: { days: HistoryDays; status: 'idle' | 'loading' | 'ready' | 'failed'; payload: HistoryPayload | null; error: string | null };
  /** Export… in the history view: busy while main's save dialog is open; the last outcome (null after a cancel). */
  historyExport: { busy: boolean; result: HistoryExportResult | null; error: string | null };
  /** Whether main says the window is on screen; countdowns stop ticking while it is not. */
  onScreen: boolean;
}

export interface BrimlineActions {
  /** Loads the state and subscribes to pushes; returns the unsubscribe function. */
  start(): () => void;
  reload(): Promise<void>;
  tick(): void;
  refresh(): Promise<RefreshResult | null>;
  updateSettings(patch: SettingsPatch): Promise<boolean>;
  saveSecret(name: SecretName, value: string): Promise<boolean>;
  removeSecret(name: SecretName): Promise<boolean>;
  /** Saves one more session key or Admin key; its busy and error state live under `addingKeyName(kind)`. */
  addKey(kind: SecretKind, value: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
  /** Opens Settings, at `section` when given (else the remembered one). */
  openSettings(section?: SettingsSection): Promise<void>;
  openDataFolder(): Promise<boolean>;
  /** Sends one notification on request, so the OS asks its permission when the user expects it. */
  testNotification(): Promise<void>;
  setStatusline(enabled: boolean): Promise<void>;
  quit(): Promise<void>;
  loadHistory(days: HistoryDays): Promise<void>;
  /** Export… of the period shown: main asks where and writes the file. */
  exportHistory(): Promise<void>;
  /** Forgets an account (its folders, its keys, its history if asked); false when main refused. */
  removeAccount(request: RemoveAccountRequest): Promise<boolean>;
}

export type BrimlineStore = StoreApi<BrimlineState & BrimlineActions>;

/** Where the busy and error state of a key being added is kept: a slot name main never hands out (its slots are hex). */
export function addingKeyName(kind: SecretKind): SecretName {
  return slotSecretName(kind, 'adding');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type State = BrimlineState & BrimlineActions;

/** What each group of actions works with. */
interface ActionContext {
  set: BrimlineStore['setState'];
  get: BrimlineStore['getState'];
  bridge: BrimlineBridge;
  /** Settings changes sent but not yet confirmed; a push that predates them must not undo them. */
  pending: { settings: number };
}

export function createBrimlineStore(deps: StoreDeps): BrimlineStore {
  const { bridge } = deps;
  const pending = { settings: 0 };

  return createStore<State>()((set, get) => {
    const ctx: ActionContext = { set, get, bridge, pending };
    const acceptPush = (app: AppState): void => {
      const current = get().app;
      if (pending.settings > 0 && current !== null) set({ app: { ...app, settings: current.settings }, status: 'ready' });
      else set({ app, status: 'ready' });
    };

    const reload = async (): Promise<void> => {
      set({ status: get().app === null ? 'loading' : get().status });
      try {
        const app = await bridge.getState();
        acceptPush(app);
      } catch {
        if (get().app === null) set({ status: 'failed' });
      }
    };

    return {
      status: 'loading',
      app: null,
      now: deps.now(),
      refreshing: false,
      refreshRefusedUntil: null,
      settingsError: null,
      secretErrors: {},
      secretBusy: {},
      notificationTest: null,
      statuslineBusy: false,
      history: { days: 7, status: 'idle', payload: null, error: null },
      historyExport: { busy: false, result: null, error: null },
      onScreen: true,

      start() {
        const unsubscribe = bridge.onState(acceptPush);
        const unsubscribeVisibility = bridge.onVisibility((onScreen) => set({ onScreen }));
        void reload();
        return () => {
          unsubscribe();
          unsubscribeVisibility();
        };
      },
      reload,
      tick() {
        set({ now: deps.now() });
      },
      ...settingsActions(ctx),
      ...secretActions(ctx),
      ...requestActions(ctx),
    };
  });
}

/** Settings change at once on screen, and main's answer (or, on failure, main's state) settles them. */
function settingsActions({
  set,
  get,
  bridge,
  pending,
}: ActionContext): Pick<BrimlineActions, 'updateSettings' | 'removeAccount' | 'setStatusline'> {
  return {
    async updateSettings(patch) {
      const app = get().app;
      if (app === null) return false;
      const before = app.settings;
      pending.settings += 1;
      set({ app: { ...app, settings: applySettingsPatch(before, patch) }, settingsError: null });
      try {
        const confirmed = await bridge.updateSettings(patch);
        pending.settings -= 1;
        const latest = get().app;
        if (latest !== null && pending.settings === 0) set({ app: { ...latest, settings: confirmed } });
        return true;
      } catch (error) {
        pending.settings -= 1;
        set({ settingsError: reason(error) });
        // Main holds the truth; ask it rather than guess which optimistic changes to undo.
        try {
          const truth = await bridge.getState();
          const latest = get().app;
          if (latest !== null && pending.settings === 0) set({ app: { ...latest, settings: truth.settings } });
        } catch {
          const latest = get().app;
          if (latest !== null && pending.settings === 0) set({ app: { ...latest, settings: before } });
        }
        return false;
      }
    },
    async removeAccount(request) {
      set({ settingsError: null });
      try {
        const settings = await bridge.removeAccount(request);
        const app = get().app;
        if (app !== null && pending.settings === 0) set({ app: { ...app, settings } });
        return true;
      } catch (error) {
        set({ settingsError: reason(error) });
        return false;
      }
    },
    async setStatusline(enabled) {
      set({ statuslineBusy: true });
      try {
        const statusline = await bridge.setStatusline(enabled);
        const app = get().app;
        if (app !== null) set({ app: { ...app, statusline } });
      } catch (error) {
        set({ settingsError: reason(error) });
      } finally {
        set({ statuslineBusy: false });
      }
    },
  };
}

/** Saving, removing and adding a key share their busy flag, error and the status they bring back. */
function secretActions({ set, get, bridge }: ActionContext): Pick<BrimlineActions, 'saveSecret' | 'removeSecret' | 'addKey'> {
  const changeSecret = async (name: SecretName, call: () => Promise<SecretStatus>): Promise<boolean> => {
    set({ secretBusy: { ...get().secretBusy, [name]: true }, secretErrors: { ...get().secretErrors, [name]: undefined } });
    try {
      const secrets = await call();
      const app = get().app;
      if (app !== null) set({ app: { ...app, secrets } });
      return true;
    } catch (error) {
      set({ secretErrors: { ...get().secretErrors, [name]: reason(error) } });
      return false;
    } finally {
      set({ secretBusy: { ...get().secretBusy, [name]: false } });
    }
  };
  return {
    saveSecret: (name, value) => changeSecret(name, () => bridge.saveSecret(name, value)),
    removeSecret: (name) => changeSecret(name, () => bridge.removeSecret(name)),
    addKey: (kind, value) => changeSecret(addingKeyName(kind), () => bridge.addKey(kind, value)),
  };
}

/** The other requests to main: refresh, a test notification, the history, windows and links, quit. */
function requestActions({
  set,
  get,
  bridge,
}: ActionContext): Pick<
  BrimlineActions,
  'refresh' | 'openExternal' | 'openSettings' | 'openDataFolder' | 'testNotification' | 'quit' | 'loadHistory' | 'exportHistory'
> {
  return {
    async refresh() {
      if (get().refreshing) return null;
      set({ refreshing: true });
      try {
        const result = await bridge.refresh();
        set({ refreshRefusedUntil: result.started ? null : result.nextAllowedAt });
        return result;
      } catch {
        return null;
      } finally {
        set({ refreshing: false });
      }
    },
    async openExternal(url) {
      await bridge.openExternal(url);
    },
    async openSettings(section) {
      await bridge.openSettings(section);
    },
    async openDataFolder() {
      return bridge.openDataFolder();
    },
    async testNotification() {
      set({ notificationTest: 'sending' });
      try {
        set({ notificationTest: await bridge.testNotification() });
      } catch {
        set({ notificationTest: 'failed' });
      }
    },
    async quit() {
      await bridge.quit();
    },
    async loadHistory(days) {
      set({ history: { ...get().history, days, status: 'loading', error: null } });
      try {
        const payload = await bridge.getHistory(days);
        // A slower answer for a period the user has left must not replace the current one.
        if (get().history.days === days) set({ history: { days, status: 'ready', payload, error: null } });
      } catch (error) {
        if (get().history.days === days) set({ history: { days, status: 'failed', payload: null, error: reason(error) } });
      }
    },
    async exportHistory() {
      if (get().historyExport.busy) return;
      set({ historyExport: { busy: true, result: null, error: null } });
      try {
        const result = await bridge.exportHistory(get().history.days);
        // A cancel says nothing: the message of an earlier export is gone too.
        set({ historyExport: { busy: false, result: result.kind === 'canceled' ? null : result, error: null } });
      } catch (error) {
        set({ historyExport: { busy: false, result: null, error: reason(error) } });
      }
    },
  };
}
