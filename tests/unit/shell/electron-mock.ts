/**
 * A hand-written stand-in for the parts of 'electron' the adapters use. Tests load it with
 * `vi.mock('electron', () => import('./electron-mock'))`, so the real package (which would try to
 * download a binary here) is never loaded. Every object records what was done to it.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

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
  constructor(readonly source: { kind: 'buffer'; buffer: Buffer } | { kind: 'path'; path: string } | { kind: 'empty' }) {}
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
  createFromBuffer: (buffer: Buffer) => new MockNativeImage({ kind: 'buffer', buffer }),
  createFromPath: (p: string) => new MockNativeImage({ kind: 'path', path: p }),
  createEmpty: () => new MockNativeImage({ kind: 'empty' }),
};

export interface MockMenuItemOptions {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

export class Menu {
  constructor(readonly items: MockMenuItemOptions[]) {}
  static buildFromTemplate(items: MockMenuItemOptions[]): Menu {
    return new Menu(items);
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
    return this.bounds;
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

export class MockWebContents extends Emitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  mainFrame = new MockWebFrame('');
  loading = false;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDevToolsOpened(): boolean {
    return false;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
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
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
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
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export class Notification extends Emitter {
  static instances: Notification[] = [];
  static supported = true;
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
  }
}

export type MockInvokeHandler = (event: unknown, payload: unknown) => unknown;

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
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
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
  isPackaged = false;
  gotLock = true;
  readonly lifecycle: string[] = [];
  readonly dock = { hide: (): void => void this.lifecycle.push('dock.hide') };
  requestSingleInstanceLock(): boolean {
    this.lifecycle.push('requestSingleInstanceLock');
    return this.gotLock;
  }
  enableSandbox(): void {
    this.lifecycle.push('enableSandbox');
  }
  setAppUserModelId(id: string): void {
    this.lifecycle.push(`setAppUserModelId:${id}`);
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
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.loginItem };
  }
  setLoginItemSettings(s: { openAtLogin: boolean }): void {
    this.loginItem = { openAtLogin: s.openAtLogin };
  }
  getVersion(): string {
    return '0.0.0-test';
  }
}
export const app = new MockApp();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const screen = {
  getCursorScreenPoint: () => ({ x: 10, y: 10 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 }, scaleFactor: 1 }),
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 }, scaleFactor: 1 }),
};

class MockPowerMonitor extends Emitter {}
export const powerMonitor = new MockPowerMonitor();

export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
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

export type PermissionRequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
export type HeadersHandler = (
  details: { responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders: Record<string, string[]> }) => void,
) => void;

export class MockSession {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: (() => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  headers: HeadersHandler | null = null;
  readonly protocolHandlers = new Map<string, (req: Request) => Promise<Response> | Response>();
  readonly webRequest = {
    onHeadersReceived: (h: HeadersHandler): void => {
      this.headers = h;
    },
  };
  readonly protocol = {
    handle: (scheme: string, h: (req: Request) => Promise<Response> | Response): void => {
      this.protocolHandlers.set(scheme, h);
    },
  };
  setPermissionRequestHandler(h: PermissionRequestHandler): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: () => boolean): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: () => boolean): void {
    this.devicePermission = h;
  }
}
export const session = { defaultSession: new MockSession() };

export function resetElectronMock(): void {
  Tray.instances = [];
  BrowserWindow.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  shell.opened.length = 0;
  app.loginItem = { openAtLogin: false };
  net.online = true;
}

export default {
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
  net,
  protocol,
  session,
};
