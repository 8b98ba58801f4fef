/**
 * Is there anything on this Linux desktop that shows tray icons? Electron's Linux tray is a
 * StatusNotifierItem, shown only when some component owns `org.kde.StatusNotifierWatcher` on the
 * session bus (KDE Plasma, XFCE's and Cinnamon's panels, GNOME's AppIndicator extension, which
 * Ubuntu enables by default). Vanilla GNOME (Fedora, Debian, Arch) has none: the icon silently goes
 * nowhere and Brimline would be unreachable. Asking the bus for the name's owner is what other tray
 * apps do (Quod Libet, ProtonVPN); without a D-Bus client in Node, `gdbus` (GLib, present wherever
 * GNOME is) or `dbus-send` asks for us. When neither answers, XDG_CURRENT_DESKTOP decides.
 */
import { execFile } from 'node:child_process';
import type { Env } from '../platform/paths';

const WATCHER = 'org.kde.StatusNotifierWatcher';

/** true/false from the bus; null when no tool could ask it. */
export type WatcherProbe = boolean | null;

export type TrayHostState = 'present' | 'absent' | 'likely-absent';

export interface TrayHostDecision {
  host: TrayHostState;
  /** Show the popover at start, since the tray icon may be invisible. */
  showPopoverAtStart: boolean;
  /** The renderer shows the "install/enable the AppIndicator extension" note. */
  note: 'gnome-appindicator' | null;
}

/** Desktops named in XDG_CURRENT_DESKTOP that ship a tray host even though they say GNOME. */
const GNOME_WITH_TRAY = ['ubuntu', 'unity', 'zorin', 'pop', 'budgie', 'cinnamon', 'x-cinnamon', 'mate', 'gnome-flashback'];

function desktops(env: Env): string[] {
  return (env.XDG_CURRENT_DESKTOP ?? '')
    .split(':')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
}

/** The fallback when the bus cannot be asked: plain GNOME is the one common desktop without a tray host. */
export function looksLikeVanillaGnome(env: Env): boolean {
  const names = desktops(env);
  return names.includes('gnome') && !names.some((d) => GNOME_WITH_TRAY.includes(d));
}

/**
 * `firstRun`: no settings saved yet. A host known to be absent shows the popover at every start
 * (the tray is no way in); a guess from the desktop name only on the first start.
 */
export function decideTrayHost(platform: NodeJS.Platform, env: Env, watcher: WatcherProbe, firstRun: boolean): TrayHostDecision {
  if (platform !== 'linux' || watcher === true) return { host: 'present', showPopoverAtStart: false, note: null };
  const gnome = desktops(env).includes('gnome');
  if (watcher === false) return { host: 'absent', showPopoverAtStart: true, note: gnome ? 'gnome-appindicator' : null };
  if (looksLikeVanillaGnome(env)) return { host: 'likely-absent', showPopoverAtStart: firstRun, note: 'gnome-appindicator' };
  return { host: 'present', showPopoverAtStart: false, note: null };
}

/** Parses `gdbus call … NameHasOwner` ("(true,)") and `dbus-send --print-reply` ("boolean true") output. */
export function parseNameHasOwner(stdout: string): WatcherProbe {
  const m = /\(\s*(true|false)\s*,?\s*\)|\bboolean\s+(true|false)\b/.exec(stdout);
  if (!m) return null;
  return (m[1] ?? m[2]) === 'true';
}

export type RunTool = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

const runTool: RunTool = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { timeout: timeoutMs, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(String(stdout))));
  });

/** Asks the session bus whether a StatusNotifierWatcher is running. Never throws. */
export async function probeStatusNotifierWatcher(env: Env, run: RunTool = runTool, timeoutMs = 2000): Promise<WatcherProbe> {
  if (!env.DBUS_SESSION_BUS_ADDRESS && !env.XDG_RUNTIME_DIR) return null;
  const attempts: [string, string[]][] = [
    [
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        WATCHER,
      ],
    ],
    [
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${WATCHER}`,
      ],
    ],
  ];
  for (const [file, args] of attempts) {
    try {
      const answer = parseNameHasOwner(await run(file, args, timeoutMs));
      if (answer !== null) return answer;
    } catch {
      // Tool missing or bus unreachable: try the next one, then fall back to the desktop name.
    }
  }
  return null;
}

/** Probe and decision together, for the shell at start-up (Linux only asks the bus). */
export async function detectTrayHost(
  platform: NodeJS.Platform,
  env: Env,
  firstRun: boolean,
  run: RunTool = runTool,
): Promise<TrayHostDecision> {
  const watcher = platform === 'linux' ? await probeStatusNotifierWatcher(env, run) : true;
  return decideTrayHost(platform, env, watcher, firstRun);
}
