/**
 * A hand-written stand-in for the parts of 'electron' the adapters use. Tests load it with
 * `vi.mock('electron', () => import('./electron-mock'))`, so the real package (which would try to
 * download a binary here) is never loaded. Every object records what was done to it.
 */
import { EventEmitter } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';

type Listener = (...args: unknown[]) => void;

/**
 * What the mock pretends to run on, so adapters meet each platform's quirks: Linux trays report
 * zero bounds (StatusNotifierItem has no geometry), Wayland ignores setPosition/always-on-top.
 */
export const mockPlatform = { platform: process.platform as NodeJS.Platform, wayland: false };
export function setMockPlatform(platform: NodeJS.Platform, options: { wayland?: boolean } = {}): void {
  mockPlatform.platform = platform;
  mockPlatform.wayland = options.wayland ?? false;
}

class Emitter {
  private readonly ee = new EventEmitter();
  on(event: string, l: Listener): this {
    this.ee.on(event, l);
    return this;
  }
  once(event: string, l: Listener): this {
    this.ee.once(event, l);
    return this;
  }
  removeListener(event: string, l: Listener): this {
    this.ee.removeListener(event, l);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.ee.emit(event, ...args);
  }
  listenerCount(event: string): number {
    return this.ee.listenerCount(event);
  }
}

export interface Representation {
  scaleFactor: number;
  width: number;
  height: number;
  buffer: Buffer;
}

export class MockNativeImage {
  readonly representations: Representation[] = [];
  template = false;
  constructor(
    readonly source: { kind: 'buffer'; buffer: Buffer; scaleFactor: number } | { kind: 'path'; path: string } | { kind: 'empty' },
  ) {}
  addRepresentation(r: Representation): void {
    this.representations.push(r);
  }
  setTemplateImage(v: boolean): void {
    this.template = v;
  }
  isEmpty(): boolean {
    return this.source.kind === 'empty' && this.representations.length === 0;
  }
}

export const nativeImage = {
  /** Electron's default scaleFactor is 1: the buffer's pixels are the 1× representation. */
  createFromBuffer: (buffer: Buffer, options?: { scaleFactor?: number }) =>
    new MockNativeImage({ kind: 'buffer', buffer, scaleFactor: options?.scaleFactor ?? 1 }),
  createFromPath: (p: string) => new MockNativeImage({ kind: 'path', path: p }),
  createEmpty: () => new MockNativeImage({ kind: 'empty' }),
};

export interface MockMenuItemOptions {
  id?: string;
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

export class Menu {
  static built: Menu[] = [];
  readonly popups: unknown[] = [];
  constructor(readonly items: MockMenuItemOptions[]) {}
  static buildFromTemplate(items: MockMenuItemOptions[]): Menu {
    const m = new Menu(items);
    Menu.built.push(m);
    return m;
  }
  /** What setApplicationMenu was last given: undefined when never called, null for "no menu". */
  static applicationMenu: Menu | null | undefined = undefined;
  static setApplicationMenu(menu: Menu | null): void {
    Menu.applicationMenu = menu;
  }
  popup(options?: unknown): void {
    this.popups.push(options ?? null);
  }
}

export class Tray extends Emitter {
  static instances: Tray[] = [];
  image: MockNativeImage;
  title: string | null = null;
  titleOptions: unknown = null;
  tooltip: string | null = null;
  contextMenu: Menu | null = null;
  readonly calls: string[] = [];
  poppedUp: Menu[] = [];
  destroyed = false;
  /** Where the icon sits on macOS and Windows; Linux (StatusNotifierItem) always reports zeros. */
  bounds = { x: 1000, y: 0, width: 24, height: 24 };
  constructor(image: MockNativeImage) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(img: MockNativeImage): void {
    this.image = img;
    this.calls.push('setImage');
  }
  setTitle(t: string, options?: unknown): void {
    this.title = t;
    this.titleOptions = options ?? null;
    this.calls.push('setTitle');
  }
  setToolTip(t: string): void {
    this.tooltip = t;
    this.calls.push('setToolTip');
  }
  setContextMenu(m: Menu): void {
    this.contextMenu = m;
    this.calls.push('setContextMenu');
  }
  popUpContextMenu(m: Menu): void {
    this.poppedUp.push(m);
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return mockPlatform.platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : this.bounds;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

let nextWebContentsId = 100;

export class MockWebFrame {
  parent: MockWebFrame | null = null;
  constructor(public url: string) {}
}

/** What a mock web server answers for a URL: a page, or a redirect to another URL. */
export type MockPage =
  { status: number; headers?: Record<string, string[]>; contentType: string; text: string } | { redirect: string; status?: number };

/**
 * The pages a window can load, by exact URL then by URL without its query. Tests set it; loads of
 * anything else answer 404. Shared by every window, like the network.
 */
export const web = {
  pages: new Map<string, MockPage[]>(),
  /** URLs whose load fails before any answer (DNS, refused connection). */
  unreachable: new Set<string>(),
  /** Every main-frame request the mock network served, in order. */
  requested: [] as string[],
  answer(url: string): MockPage {
    this.requested.push(url);
    const u = new URL(url);
    const queue = this.pages.get(url) ?? this.pages.get(`${u.origin}${u.pathname}`) ?? [];
    const page = queue.length > 1 ? queue.shift()! : queue[0];
    return page ?? { status: 404, headers: { 'content-type': ['text/html'] }, contentType: 'text/html', text: '<html>404</html>' };
  },
};

class NavigationError extends Error {}

export class MockWebContents extends Emitter {
  readonly id = nextWebContentsId++;
  reloads = 0;
  reload(): void {
    this.reloads++;
  }
  readonly sent: { channel: string; payload: unknown }[] = [];
  mainFrame = new MockWebFrame('');
  loading = false;
  session: MockSession = session.defaultSession;
  /** The document the page shows, as executeJavaScript sees it. */
  document: { contentType: string; text: string } = { contentType: 'text/html', text: '' };
  stopped = 0;
  stop(): void {
    this.stopped++;
  }
  /**
   * Electron's order for a main-frame navigation: `will-navigate` only when the page itself
   * navigates (never for loadURL), `will-redirect` for each server redirect (loadURL included),
   * webRequest `onCompleted` with the final answer, then `did-finish-load`, or `did-fail-load` when
   * Chromium shows no page (cancelled: ERR_ABORTED; an error status with an empty body:
   * ERR_HTTP_RESPONSE_CODE_FAILURE).
   */
  navigate(url: string, initiator: 'browser' | 'page'): void {
    if (initiator === 'page') {
      const ev = navigationEvent(url);
      this.emit('will-navigate', ev);
      if (ev.prevented) throw new NavigationError('ERR_ABORTED (-3) loading ' + url);
    }
    if (web.unreachable.has(new URL(url).origin)) {
      this.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', url);
      throw new NavigationError(`ERR_NAME_NOT_RESOLVED (-105) loading '${url}'`);
    }
    let current = url;
    for (let hops = 0; ; hops++) {
      const page = web.answer(current);
      if ('redirect' in page) {
        if (hops > 10) throw new NavigationError('ERR_TOO_MANY_REDIRECTS (-310)');
        const ev = navigationEvent(page.redirect);
        this.emit('will-redirect', ev);
        if (ev.prevented) {
          this.emit('did-fail-load', {}, -3, 'ERR_ABORTED', page.redirect);
          throw new NavigationError(`ERR_ABORTED (-3) loading '${url}'`);
        }
        current = page.redirect;
        continue;
      }
      this.session.completed?.({ url: current, resourceType: 'mainFrame', statusCode: page.status, responseHeaders: page.headers ?? {} });
      if (page.status >= 400 && page.text === '') {
        this.emit('did-fail-load', {}, -379, 'ERR_HTTP_RESPONSE_CODE_FAILURE', current);
        throw new NavigationError(`ERR_HTTP_RESPONSE_CODE_FAILURE (-379) loading '${url}'`);
      }
      this.mainFrame.url = current;
      this.document = { contentType: page.contentType, text: page.text };
      this.emit('did-finish-load');
      return;
    }
  }
  /** The page navigates by itself (a script, a Cloudflare check that passed). */
  navigateFromPage(url: string): void {
    try {
      this.navigate(url, 'page');
    } catch (err) {
      if (!(err instanceof NavigationError)) throw err;
    }
  }
  /** Runs the script against the shown document the way Chromium's JSON and HTML views present it. */
  async executeJavaScript(code: string): Promise<unknown> {
    const { contentType, text } = this.document;
    const html = /html/i.test(contentType);
    const document = {
      contentType,
      documentElement: { outerHTML: html ? text : `<html><body><pre>${text}</pre></body></html>` },
      querySelector: (sel: string) => (sel === 'body > pre' && !html ? { textContent: text } : null),
      body: { innerText: text },
    };
    return new Function('document', `return ${code}`)(document) as unknown;
  }
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isLoading(): boolean {
    return this.loading;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
}

/** Electron 45 passes navigation details on the event itself; the positional url is deprecated. */
export function navigationEvent(url: string): { url: string; isMainFrame: boolean; preventDefault(): void; prevented: boolean } {
  return {
    url,
    isMainFrame: true,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

export class BrowserWindow extends Emitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new MockWebContents();
  visible = false;
  destroyed = false;
  position: [number, number] = [0, 0];
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const prefs = (options.webPreferences ?? {}) as { partition?: string };
    if (prefs.partition) this.webContents.session = session.fromPartition(prefs.partition);
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', { preventDefault: () => undefined }, this.webContents);
    app.emit('browser-window-created', { preventDefault: () => undefined }, this);
  }
  /** The app's own pages (app://, the dev server) just show; other URLs go through the mock network. */
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    if (!/^https?:/.test(url) || url.startsWith('http://localhost')) {
      // The app's own page: loading until the test says it painted (finishLoad), as a real window is
      // until 'did-finish-load' and 'ready-to-show'.
      this.webContents.mainFrame.url = url;
      this.webContents.loading = true;
      setImmediate(() => {
        if (!this.destroyed && this.webContents.loading) this.finishLoad();
      });
      return;
    }
    await Promise.resolve();
    this.webContents.navigate(url, 'browser');
  }
  /** The page finished loading and painted: Electron's 'did-finish-load', then 'ready-to-show'. */
  finishLoad(): void {
    this.webContents.loading = false;
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  focused = false;
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  /** What was asked for; `position` is what the compositor applied (Wayland: nothing). */
  readonly requested: string[] = [];
  alwaysOnTop: { flag: boolean; level: string | null } = { flag: false, level: null };
  allWorkspaces: { visible: boolean; options: unknown } = { visible: false, options: null };
  centred = false;
  setPosition(x: number, y: number): void {
    this.requested.push(`setPosition:${x},${y}`);
    if (!mockPlatform.wayland) this.position = [x, y];
  }
  center(): void {
    this.requested.push('center');
    if (!mockPlatform.wayland) this.centred = true;
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.requested.push(`setAlwaysOnTop:${flag}:${level ?? ''}`);
    if (!mockPlatform.wayland) this.alwaysOnTop = { flag, level: level ?? null };
  }
  setVisibleOnAllWorkspaces(visible: boolean, options?: unknown): void {
    this.requested.push(`setVisibleOnAllWorkspaces:${visible}`);
    this.allWorkspaces = { visible, options: options ?? null };
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export class Notification extends Emitter {
  static instances: Notification[] = [];
  static supported = true;
  /** What the OS does with show(): display it, refuse it (macOS: unsigned bundle, permission denied), or never answer (a pending prompt). */
  static outcome: { failed: string } | 'shown' | 'silent' = 'shown';
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
    const outcome = Notification.outcome;
    // Electron reports the OS's answer asynchronously.
    queueMicrotask(() => {
      if (outcome === 'shown') this.emit('show', { preventDefault: () => undefined });
      else if (outcome !== 'silent') this.fail(outcome.failed);
    });
  }
  /** What macOS and Windows do when the OS refuses the notification (unsigned bundle, Focus, policy). */
  fail(error: string): void {
    this.emit('failed', { preventDefault: () => undefined }, error);
  }
}

export type MockInvokeHandler = (event: unknown, payload: unknown) => unknown;

export interface MockSaveDialogOptions {
  title?: string;
  defaultPath?: string;
  filters?: Array<{ name: string; extensions: string[] }>;
  properties?: string[];
}

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  },
  /** Every save dialog shown, with its parent window (null when none). */
  saveDialogs: [] as Array<{ parent: BrowserWindow | null; options: MockSaveDialogOptions }>,
  /** What the user does in the next save dialog: a path chosen, or null for Cancel. */
  saveDialogChoice: null as string | null,
  /**
   * As Electron: `showSaveDialog([window, ]options)`, resolving to `{ canceled, filePath }`, the
   * path an empty string when canceled. The parent window must be alive (Electron throws otherwise).
   */
  async showSaveDialog(
    a: BrowserWindow | MockSaveDialogOptions,
    b?: MockSaveDialogOptions,
  ): Promise<{ canceled: boolean; filePath: string }> {
    const parent = a instanceof BrowserWindow ? a : null;
    const options = a instanceof BrowserWindow ? b : a;
    if (options === undefined) throw new TypeError('showSaveDialog needs options');
    if (parent?.isDestroyed()) throw new Error('Object has been destroyed');
    this.saveDialogs.push({ parent, options });
    const choice = this.saveDialogChoice;
    return choice === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: choice };
  },
};

export const ipcMain = {
  handlers: new Map<string, MockInvokeHandler>(),
  handle(channel: string, h: MockInvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, h);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

class MockIpcRenderer extends Emitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** Errors main's handler throws, per channel; delivered the way Electron wraps them. */
  readonly handlerErrors = new Map<string, Error>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    const err = this.handlerErrors.get(channel);
    if (err) throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    return { channel };
  }
}
export const ipcRenderer = new MockIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

class MockApp extends Emitter {
  loginItem = { openAtLogin: false };
  /** macOS 13+: SMAppService status; 'requires-approval' when the user must allow it in System Settings. */
  loginItemStatus: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' = 'not-registered';
  isPackaged = false;
  gotLock = true;
  readonly lifecycle: string[] = [];
  readonly dock = {
    hide: (): void => void this.lifecycle.push('dock.hide'),
    show: async (): Promise<void> => void this.lifecycle.push('dock.show'),
  };
  toastActivatorCLSID = '';
  setToastActivatorCLSID(id: string): void {
    this.toastActivatorCLSID = id;
    this.lifecycle.push('setToastActivatorCLSID');
  }
  /** Paths set with setPath; getPath falls back to Electron's defaults for the mocked platform. */
  readonly paths = new Map<string, string>();
  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set !== undefined) return set;
    const home = os.homedir();
    // Electron's appData: ~/Library/Application Support, %APPDATA%, $XDG_CONFIG_HOME or ~/.config.
    const appData =
      mockPlatform.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : mockPlatform.platform === 'win32'
          ? (process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
          : process.env.XDG_CONFIG_HOME || path.join(home, '.config');
    if (name === 'appData') return appData;
    // Without setPath, Chromium's profile is <appData>/<productName>.
    if (name === 'userData') return path.join(appData, 'Brimline');
    if (name === 'home') return home;
    if (name === 'downloads') return path.join(home, 'Downloads');
    throw new Error(`getPath('${name}') is not in the mock`);
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
    this.lifecycle.push(`setPath:${name}`);
  }
  /** What the last requestSingleInstanceLock handed the running instance (its 'second-instance' additionalData). */
  lockData: unknown = undefined;
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    this.lifecycle.push('requestSingleInstanceLock');
    this.lockData = additionalData;
    return this.gotLock;
  }
  getAppPath(): string {
    return process.cwd();
  }
  enableSandbox(): void {
    this.lifecycle.push('enableSandbox');
  }
  /** Chromium reads its switches at 'ready': the mock records them in the start-up order. */
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch: (name: string, value = ''): void => {
      this.commandLine.switches.set(name, value);
      this.lifecycle.push(`appendSwitch:${name}`);
    },
    hasSwitch: (name: string): boolean => this.commandLine.switches.has(name),
    getSwitchValue: (name: string): string => this.commandLine.switches.get(name) ?? '',
  };
  /** Electron throws when this comes after 'ready'; the mock records the order instead. */
  disableHardwareAcceleration(): void {
    this.lifecycle.push('disableHardwareAcceleration');
  }
  setAppUserModelId(id: string): void {
    this.lifecycle.push(`setAppUserModelId:${id}`);
  }
  hide(): void {
    this.lifecycle.push('hide');
  }
  focus(options?: { steal?: boolean }): void {
    this.lifecycle.push(`focus:${options?.steal ? 'steal' : ''}`);
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
  quit(): void {
    this.lifecycle.push('quit');
  }
  exit(code: number): void {
    this.lifecycle.push(`exit:${code}`);
  }
  /** Windows: the Startup apps switch in Task Manager (off keeps the Run entry but starts nothing). */
  taskManagerEnabled = true;
  getLoginItemSettings(): { openAtLogin: boolean; status?: string; executableWillLaunchAtLogin: boolean } {
    const base = { ...this.loginItem, executableWillLaunchAtLogin: false };
    if (mockPlatform.platform === 'darwin') return { ...base, status: this.loginItemStatus };
    if (mockPlatform.platform === 'win32')
      return { ...base, executableWillLaunchAtLogin: this.loginItem.openAtLogin && this.taskManagerEnabled };
    return base;
  }
  setLoginItemSettings(s: { openAtLogin: boolean; enabled?: boolean }): void {
    this.loginItem = { openAtLogin: s.openAtLogin };
    if (mockPlatform.platform === 'win32' && s.enabled !== undefined) this.taskManagerEnabled = s.enabled;
    if (this.loginItemStatus !== 'requires-approval') this.loginItemStatus = s.openAtLogin ? 'enabled' : 'not-registered';
  }
  getVersion(): string {
    return '0.0.0-test';
  }
}
export const app = new MockApp();

export const shell = {
  opened: [] as string[],
  openedPaths: [] as string[],
  /** What the next openPath answers: '' (opened) or Electron's error message. */
  openPathResult: '',
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
  async openPath(p: string): Promise<string> {
    this.openedPaths.push(p);
    return this.openPathResult;
  },
};

export interface MockDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
}

const defaultDisplay = (): MockDisplay => ({
  id: 1,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
  scaleFactor: 1,
});

class MockScreen extends Emitter {
  displays: MockDisplay[] = [defaultDisplay()];
  cursor = { x: 10, y: 10 };
  getCursorScreenPoint(): { x: number; y: number } {
    return { ...this.cursor };
  }
  getAllDisplays(): MockDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): MockDisplay {
    return this.displays[0]!;
  }
  getDisplayNearestPoint(p: { x: number; y: number }): MockDisplay {
    const inside = this.displays.find(
      (d) => p.x >= d.bounds.x && p.x < d.bounds.x + d.bounds.width && p.y >= d.bounds.y && p.y < d.bounds.y + d.bounds.height,
    );
    return inside ?? this.displays[0]!;
  }
  /** Windows: the user moved the slider in Settings › Display › Scale. */
  changeScale(displayId: number, scaleFactor: number): void {
    const d = this.displays.find((x) => x.id === displayId)!;
    d.scaleFactor = scaleFactor;
    this.emit('display-metrics-changed', { preventDefault: () => undefined }, d, ['scaleFactor']);
  }
}
export const screen = new MockScreen();

/** Electron's modifier names and aliases, as one name each (CommandOrControl is Cmd on macOS, Ctrl elsewhere). */
function acceleratorModifier(part: string): string | null {
  const p = part.toLowerCase();
  if (p === 'commandorcontrol' || p === 'cmdorctrl') return mockPlatform.platform === 'darwin' ? 'cmd' : 'ctrl';
  if (p === 'control' || p === 'ctrl') return 'ctrl';
  if (p === 'command' || p === 'cmd') return 'cmd';
  if (p === 'alt' || p === 'option' || p === 'altgr') return p === 'altgr' ? 'altgr' : 'alt';
  if (p === 'shift') return 'shift';
  if (p === 'super' || p === 'meta') return 'super';
  return null;
}

const ACCELERATOR_KEYS =
  /^([a-z0-9]|f([1-9]|1\d|2[0-4])|[`~!@#$%^&*()\-_=[\]{}\\|;:'",.<>/?]|plus|space|tab|capslock|numlock|scrolllock|backspace|delete|insert|return|enter|up|down|left|right|home|end|pageup|pagedown|escape|esc|printscreen|volumeup|volumedown|volumemute|medianexttrack|mediaprevioustrack|mediastop|mediaplaypause|num[0-9]|numdec|numadd|numsub|nummult|numdiv)$/;

/**
 * One accelerator as the OS sees it ("CmdOrCtrl+shift+u" and "Control+Shift+U" are the same keys
 * on Linux). Throws Electron's TypeError for a string it cannot convert.
 */
function acceleratorKeys(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  const modifiers = parts.map(acceleratorModifier);
  if (!ACCELERATOR_KEYS.test(key) || modifiers.some((m) => m === null)) {
    throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
  }
  const alias: Record<string, string> = { esc: 'escape', enter: 'return' };
  return [...new Set(modifiers as string[])]
    .sort()
    .concat(alias[key] ?? key)
    .join('+');
}

/**
 * Electron's globalShortcut: register answers false for keys another app holds (`taken`, as
 * X11's BadAccess or Windows' RegisterHotKey failure) and for keys this app already registered,
 * as Chromium's listener does; a string Electron cannot read throws. `press` is the user pressing
 * the keys: the registered callback runs, and nothing happens for keys nobody registered.
 */
class MockGlobalShortcut {
  private readonly registered = new Map<string, () => void>();
  /** Accelerators another app holds. */
  readonly taken = new Set<string>();
  readonly calls: string[] = [];
  register(accelerator: string, callback: () => void): boolean {
    this.calls.push(`register:${accelerator}`);
    const keys = acceleratorKeys(accelerator);
    if (this.registered.has(keys) || [...this.taken].some((t) => acceleratorKeys(t) === keys)) return false;
    this.registered.set(keys, callback);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(acceleratorKeys(accelerator));
  }
  unregister(accelerator: string): void {
    this.calls.push(`unregister:${accelerator}`);
    this.registered.delete(acceleratorKeys(accelerator));
  }
  unregisterAll(): void {
    this.calls.push('unregisterAll');
    this.registered.clear();
  }
  /** The user presses the keys: true when a registration of ours took them. */
  press(accelerator: string): boolean {
    const callback = this.registered.get(acceleratorKeys(accelerator));
    callback?.();
    return !!callback;
  }
  reset(): void {
    this.registered.clear();
    this.taken.clear();
    this.calls.length = 0;
  }
}
export const globalShortcut = new MockGlobalShortcut();

class MockPowerMonitor extends Emitter {}
export const powerMonitor = new MockPowerMonitor();

/**
 * Electron's ClientRequest as far as adapters use it. Like Chromium with `redirect: 'manual'`, a
 * redirect is announced with a 'redirect' event and, unless followRedirect() is called in it, the
 * request dies with "Redirect was cancelled". Failures are 'error' events with Chromium's messages.
 */
export type MockNetScript =
  | {
      kind: 'response';
      status: number;
      statusMessage?: string;
      headers?: Record<string, string | string[]>;
      body?: string | Uint8Array[];
      /** The connection drops after the body's chunks: the response stream errors with this message. */
      bodyError?: string;
    }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'error'; message: string }
  | { kind: 'hang' };

export class MockClientRequest extends Emitter {
  static instances: MockClientRequest[] = [];
  readonly headers: Record<string, string> = {};
  aborted = false;
  ended = false;
  followed = false;
  private followCb: (() => void) | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    MockClientRequest.instances.push(this);
  }
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  followRedirect(): void {
    if (!this.followCb) throw new Error('followRedirect() called, but was not waiting for a redirect');
    this.followCb();
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
  end(): void {
    this.ended = true;
    const script = net.script(String(this.options.url));
    queueMicrotask(() => this.play(script));
  }
  private play(script: MockNetScript): void {
    if (this.aborted) return;
    switch (script.kind) {
      case 'hang':
        return;
      case 'error':
        this.emit('error', new Error(script.message));
        return;
      case 'redirect': {
        if (this.options.redirect === 'error') {
          this.emit('error', new Error("Attempted to redirect, but redirect policy was 'error'"));
          return;
        }
        if (this.options.redirect === 'manual') {
          let follow = false;
          this.followCb = () => (follow = true);
          try {
            this.emit('redirect', script.status, 'GET', script.location, { location: [script.location] });
          } finally {
            this.followCb = null;
          }
          this.followed = follow;
          if (!follow && !this.aborted) this.emit('error', new Error('Redirect was cancelled'));
        }
        return;
      }
      case 'response': {
        const chunks = typeof script.body === 'string' ? [new TextEncoder().encode(script.body)] : (script.body ?? []);
        const bodyError = script.bodyError;
        async function* produce(): AsyncGenerator<Buffer> {
          for (const c of chunks) yield Buffer.from(c);
          if (bodyError) throw new Error(bodyError);
        }
        const message = Object.assign(Readable.from(produce()), {
          statusCode: script.status,
          statusMessage: script.statusMessage ?? '',
          headers: script.headers ?? {},
        });
        this.emit('response', message);
      }
    }
  }
}

export const net = {
  online: true,
  /** What a request to a URL gets; tests replace it. */
  script: (_url: string): MockNetScript => ({ kind: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' }),
  isOnline(): boolean {
    return this.online;
  },
  request(options: Record<string, unknown>): MockClientRequest {
    return new MockClientRequest(options);
  },
  /** Reads file:// URLs from disk like Electron's net.fetch; anything else is a network error here. */
  async fetch(url: string): Promise<Response> {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    if (!url.startsWith('file:')) throw new Error('no network in tests');
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('', { status: 404 });
    }
  },
};

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(s: unknown[]): void {
    this.privileged.push(...s);
  },
};

export type PermissionRequestHandler = (
  wc: { getURL(): string },
  permission: string,
  cb: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame?: boolean },
) => void;
export type PermissionCheckHandler = (
  wc: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string },
) => boolean;
export type HeadersHandler = (
  details: { responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders: Record<string, string[]> }) => void,
) => void;

export class MockSession {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  devicePermission: (() => boolean) | null = null;
  headers: HeadersHandler | null = null;
  readonly protocolHandlers = new Map<string, (req: Request) => Promise<Response> | Response>();
  completed: CompletedHandler | null = null;
  readonly cookieJar: Array<{ url: string; name: string; value: string; secure?: boolean; httpOnly?: boolean; expirationDate?: number }> =
    [];
  cleared = 0;
  readonly webRequest = {
    onHeadersReceived: (h: HeadersHandler): void => {
      this.headers = h;
    },
    onCompleted: (_filter: unknown, h: CompletedHandler): void => {
      this.completed = h;
    },
  };
  readonly cookies = {
    set: async (c: MockSession['cookieJar'][number]): Promise<void> => void this.cookieJar.push(c),
  };
  async clearStorageData(): Promise<void> {
    this.cleared++;
    this.cookieJar.length = 0;
  }
  readonly protocol = {
    handle: (scheme: string, h: (req: Request) => Promise<Response> | Response): void => {
      this.protocolHandlers.set(scheme, h);
    },
  };
  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: () => boolean): void {
    this.devicePermission = h;
  }
}
export type CompletedHandler = (d: {
  url: string;
  resourceType: string;
  statusCode: number;
  responseHeaders: Record<string, string[]>;
}) => void;

const partitions = new Map<string, MockSession>();
/** Like Electron, one Session object per partition: `fromPartition` twice gives the same object. */
export const session = {
  defaultSession: new MockSession(),
  fromPartition(partition: string): MockSession {
    let ses = partitions.get(partition);
    if (!ses) partitions.set(partition, (ses = new MockSession()));
    return ses;
  },
  partitions,
};

/** Lets pending page loads finish (the mock paints app pages on the next turn of the event loop). */
export function pagesLoaded(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function resetElectronMock(): void {
  Tray.instances = [];
  BrowserWindow.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  Notification.outcome = 'shown';
  Menu.built = [];
  Menu.applicationMenu = undefined;
  dialog.errorBoxes.length = 0;
  dialog.saveDialogs.length = 0;
  dialog.saveDialogChoice = null;
  MockClientRequest.instances = [];
  net.script = () => ({ kind: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' });
  setMockPlatform(process.platform);
  screen.displays = [defaultDisplay()];
  screen.cursor = { x: 10, y: 10 };
  app.loginItemStatus = 'not-registered';
  app.paths.clear();
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  shell.opened.length = 0;
  shell.openedPaths.length = 0;
  shell.openPathResult = '';
  partitions.clear();
  web.pages.clear();
  web.unreachable.clear();
  web.requested.length = 0;
  app.loginItem = { openAtLogin: false };
  app.taskManagerEnabled = true;
  net.online = true;
  globalShortcut.reset();
}

export default {
  dialog,
  nativeImage,
  Menu,
  Tray,
  BrowserWindow,
  Notification,
  ipcMain,
  ipcRenderer,
  contextBridge,
  app,
  shell,
  screen,
  powerMonitor,
  globalShortcut,
  net,
  protocol,
  session,
};
