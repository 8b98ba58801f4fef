/**
 * The only bridge between the sandboxed renderer and main: narrow functions on `window.headroom`,
 * typed by shared/ipc.ts. No ipcRenderer, no Node, no event objects cross over.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppState, HeadroomBridge, InvokeChannel, InvokeMap } from '../shared/ipc';
import { cleanIpcError } from '../shared/ipc-error';

function invoke<K extends InvokeChannel>(
  channel: K,
  ...request: InvokeMap[K]['request'] extends void ? [] : [InvokeMap[K]['request']]
): Promise<InvokeMap[K]['response']> {
  // Errors reach the renderer with main's message only, not Electron's "Error invoking remote method …" wrapper.
  return (ipcRenderer.invoke(channel, ...request) as Promise<InvokeMap[K]['response']>).catch((err: unknown) => {
    throw cleanIpcError(err);
  });
}

const bridge: HeadroomBridge = {
  getState: () => invoke('headroom:get-state'),
  refresh: () => invoke('headroom:refresh'),
  updateSettings: (patch) => invoke('headroom:update-settings', patch),
  saveSecret: (name, value) => invoke('headroom:save-secret', { name, value }),
  removeSecret: (name) => invoke('headroom:remove-secret', { name }),
  openExternal: (url) => invoke('headroom:open-external', { url }),
  openSettings: () => invoke('headroom:open-settings'),
  testNotification: () => invoke('headroom:test-notification'),
  setStatusline: (enabled) => invoke('headroom:set-statusline', { enabled }),
  quit: () => invoke('headroom:quit'),
  getHistory: (days) => invoke('headroom:get-history', { days }),
  removeAccount: (request) => invoke('headroom:remove-account', request),
  addKey: (kind, value) => invoke('headroom:add-key', { kind, value }),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: AppState): void => listener(state);
    ipcRenderer.on('headroom:state', handler);
    return () => {
      ipcRenderer.removeListener('headroom:state', handler);
    };
  },
};

contextBridge.exposeInMainWorld('headroom', bridge);
