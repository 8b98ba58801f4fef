/**
 * When Brimline looks for updates, what it is doing about one, and what the tray menu offers for it.
 * Pure: the install facts, the clock and electron-updater's events come in as values, so the
 * decisions are tested without Electron or a network (electron/adapters/updater.ts drives
 * electron-updater from here).
 */
import type { MessageKey } from '../../../shared/i18n/en';
import type { Params } from '../../../shared/i18n/types';
import type { Clock, TimerHandle } from './clock';
import type { Logger } from './log';

/** A check shortly after launch (not during start-up itself), then once a day. */
export const LAUNCH_CHECK_DELAY_MS = 10_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** A failed check (offline at boot, GitHub down) is tried again sooner than a day. */
export const RETRY_AFTER_ERROR_MS = 60 * 60 * 1000;

/** How this copy of Brimline was installed, as far as updating goes. */
export type UpdateMode =
  /** electron-updater replaces the app: AppImage, macOS zip/dmg, Windows nsis. */
  | { kind: 'auto'; installer: 'appimage' | 'mac' | 'nsis' }
  /**
   * A macOS build signed ad hoc (the default): Squirrel.Mac checks that an update carries the same
   * signing identity, which ad hoc builds never do, so installing would fail and retry for ever.
   * Such a build checks and says "download the new version" instead.
   */
  | { kind: 'manual'; reason: 'ad-hoc-signature' }
  /** A deb/rpm/pacman install: the system's package manager owns the files. */
  | { kind: 'package-manager'; packageType: string }
  /** Never check: a dev run (`npm start`), or a build electron-updater cannot replace (unpacked dir). */
  | { kind: 'off'; reason: 'dev' | 'unsupported' };

export interface InstallFacts {
  /** `app.isPackaged`. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Set by the AppImage runtime to the image's path. */
  appImagePath: string | undefined;
  /** Contents of `resources/package-type`, which electron-builder writes for deb/rpm/pacman; null when absent. */
  packageType: string | null;
  /** macOS: how the app bundle is signed (`parseCodesignDetails`); undefined elsewhere. */
  macSignature?: MacSignature;
}

export type MacSignature = 'developer-id' | 'ad-hoc' | 'unknown';

/** Where a build that cannot update itself sends the user for the new version. */
export const RELEASES_URL = 'https://github.com/brimline-app/brimline/releases/latest';

/**
 * Reads `codesign -dv` output (it writes to stderr). Ad hoc builds say `Signature=adhoc`; an
 * unsigned bundle cannot be updated either. A team identifier means a real identity.
 */
export function parseCodesignDetails(text: string): MacSignature {
  if (/^Signature=adhoc$/m.test(text) || /is not signed at all/.test(text)) return 'ad-hoc';
  if (/^TeamIdentifier=(?!not set)\S+$/m.test(text)) return 'developer-id';
  return 'unknown';
}

/** Mirrors electron-updater's own choice of updater (its main.js), so the two never disagree. */
export function updateMode(facts: InstallFacts): UpdateMode {
  if (!facts.isPackaged) return { kind: 'off', reason: 'dev' };
  if (facts.platform === 'darwin') {
    return facts.macSignature === 'ad-hoc' ? { kind: 'manual', reason: 'ad-hoc-signature' } : { kind: 'auto', installer: 'mac' };
  }
  if (facts.platform === 'win32') return { kind: 'auto', installer: 'nsis' };
  if (facts.platform !== 'linux') return { kind: 'off', reason: 'unsupported' };
  if (facts.appImagePath) return { kind: 'auto', installer: 'appimage' };
  const type = facts.packageType?.trim();
  if (type === 'deb' || type === 'rpm' || type === 'pacman') return { kind: 'package-manager', packageType: type };
  return { kind: 'off', reason: 'unsupported' };
}

export type UpdateStatus = 'idle' | 'checking' | 'available' | 'downloading' | 'downloaded' | 'error';

export interface UpdateState {
  status: UpdateStatus;
  /** The version on offer (available, downloading, downloaded). */
  version: string | null;
  /** Download progress 0–100 while downloading. */
  percent: number | null;
  /** What went wrong, for the log (error). The menu shows a fixed sentence instead. */
  error: string | null;
  /** When the last check started, and whether it came from the menu. */
  lastCheckAt: number | null;
  manual: boolean;
  /** The last finished check found nothing newer. */
  upToDate: boolean;
}

export const INITIAL_UPDATE_STATE: UpdateState = {
  status: 'idle',
  version: null,
  percent: null,
  error: null,
  lastCheckAt: null,
  manual: false,
  upToDate: false,
};

/** electron-updater's events, plus the start of a check. */
export type UpdateEvent =
  | { type: 'check-started'; at: number; manual: boolean }
  | { type: 'update-available'; version: string }
  | { type: 'update-not-available' }
  | { type: 'download-progress'; percent: number }
  | { type: 'update-downloaded'; version: string }
  | { type: 'error'; message: string };

function clampPercent(p: number): number {
  return Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0;
}

/** The next state. An event that makes no sense in the current state leaves it unchanged. */
export function reduceUpdate(state: UpdateState, event: UpdateEvent): UpdateState {
  switch (event.type) {
    case 'check-started':
      // A downloaded update waits for its restart; a check or download in flight is not restarted.
      if (state.status === 'downloaded' || state.status === 'checking' || state.status === 'downloading') return state;
      return { ...INITIAL_UPDATE_STATE, status: 'checking', lastCheckAt: event.at, manual: event.manual };
    case 'update-available':
      if (state.status !== 'checking') return state;
      return { ...state, status: 'available', version: event.version, upToDate: false };
    case 'update-not-available':
      if (state.status !== 'checking') return state;
      return { ...state, status: 'idle', upToDate: true };
    case 'download-progress':
      if (state.status !== 'available' && state.status !== 'downloading') return state;
      return { ...state, status: 'downloading', percent: clampPercent(event.percent) };
    case 'update-downloaded':
      if (state.status === 'downloaded') return state;
      return { ...state, status: 'downloaded', version: event.version, percent: 100, error: null };
    case 'error':
      // An error after the download (e.g. a later check failing) does not lose the ready update.
      if (state.status === 'downloaded') return state;
      return { ...state, status: 'error', error: event.message, percent: null };
  }
}

/**
 * Milliseconds until the next automatic check, or null when none is due: updates are off or owned
 * by the package manager, a check or download is under way, or an update waits for its restart.
 * Clamped to [0, interval], so a clock set back (or forward) never postpones a check for long.
 */
export function msUntilNextCheck(mode: UpdateMode, state: UpdateState, launchedAt: number, now: number): number | null {
  if (!checks(mode)) return null;
  if (state.status === 'checking' || state.status === 'available' || state.status === 'downloading' || state.status === 'downloaded') {
    return null;
  }
  const interval = state.status === 'error' ? RETRY_AFTER_ERROR_MS : CHECK_INTERVAL_MS;
  const due = state.lastCheckAt === null ? launchedAt + LAUNCH_CHECK_DELAY_MS : state.lastCheckAt + interval;
  const limit = state.lastCheckAt === null ? LAUNCH_CHECK_DELAY_MS : interval;
  return Math.min(limit, Math.max(0, due - now));
}

/** Builds that look for updates: those that install them, and those that only say where to get them. */
function checks(mode: UpdateMode): boolean {
  return mode.kind === 'auto' || mode.kind === 'manual';
}

/** Whether "Check for updates" may start a check now. */
export function canCheckNow(mode: UpdateMode, state: UpdateState): boolean {
  return checks(mode) && (state.status === 'idle' || state.status === 'error');
}

export type UpdateAction = 'check' | 'install' | 'download';

/** One tray menu item, as data: the tray adapter translates `key` and calls the action. */
export interface UpdateMenuEntry {
  key: MessageKey;
  params?: Params;
  enabled: boolean;
  action: UpdateAction | null;
}

/** The tray menu entries for updates, top to bottom (none for a dev run or an unsupported build). */
export function updateMenuEntries(mode: UpdateMode, state: UpdateState): UpdateMenuEntry[] {
  if (mode.kind === 'off') return [];
  if (mode.kind === 'package-manager') return [{ key: 'update.packageManager', enabled: false, action: null }];
  const check: UpdateMenuEntry = { key: 'update.check', enabled: true, action: 'check' };
  if (mode.kind === 'manual' && (state.status === 'available' || state.status === 'downloading')) {
    return [{ key: 'update.downloadManually', params: { version: state.version ?? '' }, enabled: true, action: 'download' }];
  }
  switch (state.status) {
    case 'idle':
      // "Up to date" only answers a check the user asked for; the daily check stays silent.
      return state.upToDate && state.manual ? [check, { key: 'update.upToDate', enabled: false, action: null }] : [check];
    case 'checking':
      return [{ key: 'update.checking', enabled: false, action: null }];
    case 'available':
    case 'downloading':
      return [
        {
          key: 'update.downloading',
          params: { version: state.version ?? '', percent: Math.round(state.percent ?? 0) },
          enabled: false,
          action: null,
        },
      ];
    case 'downloaded':
      return [{ key: 'update.restartToInstall', params: { version: state.version ?? '' }, enabled: true, action: 'install' }];
    case 'error':
      return [check, { key: 'update.failed', enabled: false, action: null }];
  }
}

/** A check that has not answered after this long counts as failed, so the daily checks go on. */
export const CHECK_TIMEOUT_MS = 5 * 60 * 1000;

/** What the controller asks of electron-updater (electron/adapters/updater.ts). */
export interface UpdateDriver {
  /** Starts a check; with auto-download on, the download follows. Outcomes arrive through `dispatch`. */
  check(): Promise<unknown>;
  /** Quits and installs the downloaded update. */
  quitAndInstall(): void;
}

export interface UpdateControllerOptions {
  mode: UpdateMode;
  clock: Clock;
  driver: UpdateDriver;
  logger?: Logger;
  /** Called after every state change, with the menu entries it implies. */
  onChange?: (state: UpdateState, entries: UpdateMenuEntry[]) => void;
  /** Runs before the installer quits the app (stopping the core, saving state); its failure is logged, not fatal. */
  beforeInstall?: () => Promise<void>;
}

/** Holds the update state, arms the launch and daily checks on the injected clock, and starts installs. */
export class UpdateController {
  private current: UpdateState = INITIAL_UPDATE_STATE;
  private timer: TimerHandle | null = null;
  private watchdog: TimerHandle | null = null;
  private launchedAt = 0;
  private started = false;
  private installing = false;

  constructor(private readonly opts: UpdateControllerOptions) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.launchedAt = this.opts.clock.now();
    const { mode } = this.opts;
    if (mode.kind === 'package-manager')
      this.opts.logger?.info(`Updates: this is a ${mode.packageType} install; the package manager updates Brimline.`);
    else if (mode.kind === 'off')
      this.opts.logger?.info(
        `Updates: off (${mode.reason === 'dev' ? 'not a packaged build' : 'this kind of build cannot update itself'}).`,
      );
    this.reschedule();
    this.opts.onChange?.(this.current, this.entries());
  }

  state(): UpdateState {
    return this.current;
  }

  entries(): UpdateMenuEntry[] {
    return updateMenuEntries(this.opts.mode, this.current);
  }

  /** Feeds one electron-updater event in. */
  dispatch(event: UpdateEvent): void {
    const next = reduceUpdate(this.current, event);
    if (next === this.current) return;
    this.current = next;
    if (event.type === 'error') this.opts.logger?.warn(`Update check failed: ${event.message}`);
    if (event.type === 'update-downloaded') this.opts.logger?.info(`Update ${event.version} downloaded; it installs on restart.`);
    if (next.status !== 'checking' && this.watchdog) {
      this.opts.clock.clearTimeout(this.watchdog);
      this.watchdog = null;
    }
    this.reschedule();
    this.opts.onChange?.(this.current, this.entries());
  }

  /** "Check for updates" from the menu. False when a check cannot start now (see canCheckNow). */
  checkNow(): boolean {
    return this.runCheck(true);
  }

  /** "Restart to install". False unless an update is downloaded. */
  async install(): Promise<boolean> {
    if (this.current.status !== 'downloaded' || this.installing) return false;
    this.installing = true;
    this.dispose();
    try {
      await this.opts.beforeInstall?.();
    } catch (err) {
      this.opts.logger?.error(`Preparing the update install failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.opts.driver.quitAndInstall();
    return true;
  }

  dispose(): void {
    for (const t of [this.timer, this.watchdog]) if (t) this.opts.clock.clearTimeout(t);
    this.timer = null;
    this.watchdog = null;
  }

  private runCheck(manual: boolean): boolean {
    if (this.installing || !canCheckNow(this.opts.mode, this.current)) return false;
    this.dispatch({ type: 'check-started', at: this.opts.clock.now(), manual });
    this.watchdog = this.opts.clock.setTimeout(() => {
      this.watchdog = null;
      this.dispatch({ type: 'error', message: `no answer within ${CHECK_TIMEOUT_MS / 60_000} minutes` });
    }, CHECK_TIMEOUT_MS);
    let promise: Promise<unknown>;
    try {
      promise = this.opts.driver.check();
    } catch (err) {
      promise = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    promise.catch((err: unknown) => this.dispatch({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
    return true;
  }

  private reschedule(): void {
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    if (!this.started || this.installing) return;
    const ms = msUntilNextCheck(this.opts.mode, this.current, this.launchedAt, this.opts.clock.now());
    if (ms === null) return;
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.runCheck(false);
    }, ms);
  }
}
