/**
 * The global shortcut that opens and closes the popover: registered from the setting, the old
 * one released when the setting changes, every one released on quit. When the OS or another app
 * holds the keys, registering fails: the state says "refused" with the accelerator, and Settings
 * asks for another. On Wayland an app cannot grab keys (Electron may go through the desktop's
 * Global Shortcuts portal, but nothing here relies on it): the state says so, with the command a
 * desktop's own shortcut runs instead (`brimline --toggle`, handled in electron/main.ts).
 */
import type { ShortcutState } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import type { Logger } from '../platform/log';

/** Electron's globalShortcut, as electron/adapters/shortcut.ts wraps it. */
export interface GlobalShortcutPort {
  /** False when the OS or another app holds the accelerator; may throw for one Electron cannot read. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

/** What the shell gives the service for the shortcut. */
export interface ShortcutOptions {
  port: GlobalShortcutPort;
  /** What a press does: open or close the popover. */
  onPress: () => void;
  /** A Wayland session (electron/core/tray/window-placement.ts `isWaylandSession`). */
  wayland: boolean;
  /** The command that toggles the running app, for a desktop's own shortcut (see `toggleCommand`). */
  toggleCommand: string;
}

/** The command-line flag a second launch passes to open or close the running app's popover. */
export const TOGGLE_FLAG = '--toggle';

export interface Shortcut {
  state(): ShortcutState;
  /** Releases every shortcut (quit). */
  dispose(): void;
}

interface ShortcutPartOptions {
  settings: { get(): Pick<Settings, 'shortcut'>; onChange(l: () => void): () => void };
  shortcut?: ShortcutOptions;
  logger: Logger;
  changed: () => void;
}

/** The state where the app cannot register anything (the CLI). */
export function noShortcut(toggleCommand = `brimline ${TOGGLE_FLAG}`): ShortcutState {
  return { status: 'off', accelerator: null, wayland: false, toggleCommand };
}

/** Registers the setting's shortcut now and whenever the setting changes. */
export function startShortcut({ settings, shortcut, logger, changed }: ShortcutPartOptions): Shortcut {
  if (!shortcut) return { state: () => noShortcut(), dispose: () => undefined };
  const { port, onPress, wayland, toggleCommand } = shortcut;
  /** The accelerator the OS holds for us; null when none. */
  let held: string | null = null;
  let refused: string | null = null;
  /** The setting last acted on: every other setting's change leaves the shortcut alone (a refused one is tried again by clearing and setting it, or at the next start). */
  let applied: string | null | undefined;

  const apply = (): void => {
    const wanted = settings.get().shortcut;
    if (wanted === applied) return;
    applied = wanted;
    if (held !== null) port.unregister(held);
    held = null;
    refused = null;
    if (wanted !== null) {
      let ok = false;
      try {
        ok = port.register(wanted, onPress);
      } catch (err) {
        logger.warn(`The shortcut ${wanted} could not be read: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (ok) held = wanted;
      else refused = wanted;
      if (!ok) logger.warn(`The shortcut ${wanted} was refused: another app or the system uses it.`);
    }
    changed();
  };

  apply();
  const unsubscribe = settings.onChange(apply);
  return {
    state: () => ({
      status: held !== null ? 'active' : refused !== null ? 'refused' : 'off',
      accelerator: held ?? refused,
      wayland,
      toggleCommand,
    }),
    dispose() {
      unsubscribe();
      port.unregisterAll();
      held = null;
      refused = null;
    },
  };
}

/**
 * Whether a launch asks to open or close the popover: its own flag, or the data a second
 * instance hands the first (`requestSingleInstanceLock`), which Chromium leaves as it was sent.
 */
export function wantsToggle(argv: readonly string[], additionalData?: unknown): boolean {
  if (typeof additionalData === 'object' && additionalData !== null && (additionalData as { toggle?: unknown }).toggle === true)
    return true;
  return argv.includes(TOGGLE_FLAG);
}

/** Quotes a word for sh when it needs it (paths with spaces). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command a desktop shortcut runs to toggle this copy: the AppImage itself (its mount point
 * changes every run); `brimline` for an installed package (the deb links /usr/bin/brimline to
 * it); the app binary elsewhere; an unpackaged run also names its app folder.
 */
export function toggleCommand(opts: {
  execPath: string;
  appPath: string | null;
  packaged: boolean;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
}): string {
  const appImage = opts.env.APPIMAGE?.trim();
  let words: string[];
  if (appImage) words = [appImage];
  else if (opts.packaged && opts.platform === 'linux' && opts.execPath.startsWith('/opt/')) words = ['brimline'];
  else words = opts.packaged || opts.appPath === null ? [opts.execPath] : [opts.execPath, opts.appPath];
  return [...words.map(shellWord), TOGGLE_FLAG].join(' ');
}
