import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-mock'));

import { contextBridge, ipcRenderer } from './electron-mock';
import type { AppState, BrimlineBridge } from '../../../shared/ipc';
import { ipcErrorMessage } from '../../../shared/ipc-error';
import { INVOKE_CHANNELS } from '../../../electron/core/app/ipc-schemas';

describe('preload bridge', () => {
  let bridge: BrimlineBridge;
  beforeAll(async () => {
    await import('../../../electron/preload');
    bridge = contextBridge.exposed.get('brimline') as BrimlineBridge;
  });

  it('exposes exactly the BrimlineBridge functions on window.brimline', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['brimline']);
    expect(Object.keys(bridge).sort()).toEqual([
      'addKey',
      'exportHistory',
      'getHistory',
      'getState',
      'onState',
      'onVisibility',
      'openDataFolder',
      'openExternal',
      'openSettings',
      'quit',
      'refresh',
      'removeAccount',
      'removeSecret',
      'saveSecret',
      'setStatusline',
      'testNotification',
      'updateSettings',
    ]);
  });

  it('invokes exactly the channels main registers a schema (and so a handler) for', async () => {
    // Two sources of truth checked against each other: the preload's calls and main's schema map.
    ipcRenderer.invoked.length = 0;
    for (const [name, fn] of Object.entries(bridge)) {
      if (name === 'onState' || name === 'onVisibility') continue;
      await (fn as (...args: unknown[]) => Promise<unknown>)('adminApiKey', 'x');
    }
    expect([...new Set(ipcRenderer.invoked.map((c) => c.channel))].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('maps each call to its channel and payload', async () => {
    ipcRenderer.invoked.length = 0;
    await bridge.getState();
    await bridge.saveSecret('adminApiKey', 'sk-ant-admin01-x');
    await bridge.updateSettings({ thresholds: [60] });
    await bridge.openExternal('https://claude.ai/');
    await bridge.testNotification();
    await bridge.getHistory(30);
    await bridge.exportHistory(7);
    await bridge.removeAccount({ accountId: 'account:a1', deleteHistory: true });
    await bridge.addKey('claudeSessionKey', 'x');
    await bridge.openSettings('accounts');
    await bridge.openDataFolder();
    expect(ipcRenderer.invoked.slice(-2)).toEqual([
      { channel: 'brimline:open-settings', args: [{ section: 'accounts' }] },
      { channel: 'brimline:open-data-folder', args: [] },
    ]);
    ipcRenderer.invoked.splice(-2);
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'brimline:get-state', args: [] },
      { channel: 'brimline:save-secret', args: [{ name: 'adminApiKey', value: 'sk-ant-admin01-x' }] },
      { channel: 'brimline:update-settings', args: [{ thresholds: [60] }] },
      { channel: 'brimline:open-external', args: [{ url: 'https://claude.ai/' }] },
      { channel: 'brimline:test-notification', args: [] },
      { channel: 'brimline:get-history', args: [{ days: 30 }] },
      { channel: 'brimline:export-history', args: [{ days: 7 }] },
      { channel: 'brimline:remove-account', args: [{ accountId: 'account:a1', deleteHistory: true }] },
      { channel: 'brimline:add-key', args: [{ kind: 'claudeSessionKey', value: 'x' }] },
    ]);
  });

  it("gives the renderer main's own error message, without Electron's remote-method wrapper", async () => {
    ipcRenderer.handlerErrors.set('brimline:save-secret', new Error('The secret is empty; nothing was saved.'));
    await expect(bridge.saveSecret('adminApiKey', ' ')).rejects.toThrow(/^The secret is empty; nothing was saved\.$/);
    ipcRenderer.handlerErrors.set('brimline:update-settings', new TypeError('thresholds: expected an array'));
    await expect(bridge.updateSettings({})).rejects.toThrow(/^thresholds: expected an array$/);
    ipcRenderer.handlerErrors.clear();
    expect(ipcErrorMessage("Error invoking remote method 'brimline:quit': Error: ")).toMatch(/^Brimline could not complete this action/);
    expect(ipcErrorMessage('plain message')).toBe('plain message');
  });

  it('passes pushed state without the event object, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onState((s) => got.push(s));
    const state = { appVersion: '1' } as unknown as AppState;
    ipcRenderer.emit('brimline:state', { sender: 'event-object' }, state);
    expect(got).toEqual([state]);
    off();
    ipcRenderer.emit('brimline:state', {}, state);
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listenerCount('brimline:state')).toBe(0);
  });

  it("passes main's word on visibility as a boolean, and unsubscribes", () => {
    const got: boolean[] = [];
    const off = bridge.onVisibility((v) => got.push(v));
    ipcRenderer.emit('brimline:visibility', { sender: 'event-object' }, { visible: false });
    ipcRenderer.emit('brimline:visibility', {}, { visible: true });
    expect(got).toEqual([false, true]);
    off();
    expect(ipcRenderer.listenerCount('brimline:visibility')).toBe(0);
  });
});
