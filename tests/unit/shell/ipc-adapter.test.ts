import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { ipcMain, resetElectronMock, MockWebFrame } from './electron-mock';
import { registerIpcHandlers, type IpcHandlers } from '../../../electron/adapters/ipc';
import type { Logger } from '../../../electron/core/platform/log';
import { INVOKE_CHANNELS } from '../../../electron/core/app/ipc-schemas';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const OWN_ID = 7;

function event(opts: { id?: number; url?: string; subFrame?: boolean; noFrame?: boolean } = {}) {
  const frame = new MockWebFrame(opts.url ?? 'app://brimline/index.html#popover');
  if (opts.subFrame) frame.parent = new MockWebFrame('app://brimline/index.html');
  return { sender: { id: opts.id ?? OWN_ID }, senderFrame: opts.noFrame ? null : frame };
}

function setup() {
  const warnings: string[] = [];
  const logger: Logger = { log() {}, info() {}, error() {}, warn: (m) => warnings.push(m) };
  const received: unknown[] = [];
  const handlers: IpcHandlers = {
    'brimline:get-state': () => {
      throw new Error('not used');
    },
    'brimline:refresh': () => ({ started: true, nextAllowedAt: null }),
    'brimline:set-statusline': (req) => {
      received.push(req);
      return null;
    },
    'brimline:update-settings': (patch) => {
      received.push(patch);
      return DEFAULT_SETTINGS;
    },
    'brimline:remove-account': (req) => {
      received.push(req);
      return DEFAULT_SETTINGS;
    },
    'brimline:add-key': (req) => {
      received.push(req);
      return { saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
    },
    'brimline:save-secret': (req) => {
      received.push(req);
      return { saved: { claudeSessionKey: true, adminApiKey: false }, backend: 'keychain', keychainProblem: null };
    },
    'brimline:remove-secret': () => ({
      saved: { claudeSessionKey: false, adminApiKey: false },
      backend: 'keychain',
      keychainProblem: null,
    }),
    'brimline:open-external': () => true,
    'brimline:open-settings': () => undefined,
    'brimline:open-data-folder': () => true,
    'brimline:test-notification': () => 'shown',
    'brimline:quit': () => undefined,
    'brimline:get-history': ({ days }) => ({ generatedAt: '2026-07-02T20:00:00.000Z', days, sinceMs: 0, windows: [], daily: [] }),
    'brimline:export-history': () => ({ kind: 'canceled' }),
  };
  const unregister = registerIpcHandlers(handlers, { ownsWebContents: (id) => id === OWN_ID, origin: { devServerUrl: null } }, logger);
  const call = (channel: string, ev: unknown, payload?: unknown): Promise<unknown> =>
    Promise.resolve().then(() => ipcMain.handlers.get(channel)!(ev, payload));
  return { warnings, received, unregister, call };
}

describe('IPC adapter', () => {
  beforeEach(() => resetElectronMock());

  it('registers every channel and removes them on dispose', () => {
    const { unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('refuses senders that are not our windows showing our page', async () => {
    const { call, warnings } = setup();
    await expect(call('brimline:refresh', event({ id: 99 }))).rejects.toThrow('Refused: the sender is not a Brimline window.');
    await expect(call('brimline:refresh', event({ url: 'https://claude.ai/' }))).rejects.toThrow(/not showing the Brimline page/);
    await expect(call('brimline:refresh', event({ subFrame: true }))).rejects.toThrow(/sub-frame/);
    await expect(call('brimline:refresh', event({ noFrame: true }))).rejects.toThrow(/frame is gone/);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe('IPC brimline:refresh refused: the sender is not a Brimline window.');
    await expect(call('brimline:refresh', event())).resolves.toEqual({ started: true, nextAllowedAt: null });
  });

  it('validates payloads before a handler sees them, and never logs a secret', async () => {
    const { call, warnings, received } = setup();
    await expect(
      call('brimline:save-secret', event(), { name: 'adminApiKey', value: 'sk-ant-admin01-TOPSECRET', extra: true }),
    ).rejects.toThrow(/Invalid request for brimline:save-secret/);
    await expect(
      call('brimline:save-secret', event({ id: 1 }), { name: 'adminApiKey', value: 'sk-ant-admin01-TOPSECRET' }),
    ).rejects.toThrow(/Refused/);
    await expect(call('brimline:update-settings', event(), { thresholds: [500] })).rejects.toThrow(/thresholds/);
    expect(received).toEqual([]);
    expect(warnings.join('\n')).not.toContain('TOPSECRET');

    await call('brimline:update-settings', event(), { thresholds: [75, 50] });
    await call('brimline:save-secret', event(), { name: 'adminApiKey', value: 'sk-ant-admin01-ok' });
    expect(received).toEqual([{ thresholds: [50, 75] }, { name: 'adminApiKey', value: 'sk-ant-admin01-ok' }]);
  });
});
