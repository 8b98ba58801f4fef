/**
 * The only bridge between the sandboxed renderer and main: narrow functions on `window.brimline`,
 * typed by shared/ipc.ts. No ipcRenderer, no Node, no event objects cross over.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppState, BrimlineBridge, InvokeChannel, InvokeMap } from '../shared/ipc';
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

const bridge: BrimlineBridge = {
  getState: () => invoke('brimline:get-state'),
  refresh: () => invoke('brimline:refresh'),
  updateSettings: (patch) => invoke('brimline:update-settings', patch),
  saveSecret: (name, value) => invoke('brimline:save-secret', { name, value }),
  removeSecret: (name) => invoke('brimline:remove-secret', { name }),
  openExternal: (url) => invoke('brimline:open-external', { url }),
  openSettings: (section) => invoke('brimline:open-settings', section === undefined ? undefined : { section }),
  openDataFolder: () => invoke('brimline:open-data-folder'),
  testNotification: () => invoke('brimline:test-notification'),
  setStatusline: (enabled) => invoke('brimline:set-statusline', { enabled }),
  quit: () => invoke('brimline:quit'),
  getHistory: (days) => invoke('brimline:get-history', { days }),
  exportHistory: (days) => invoke('brimline:export-history', { days }),
  removeAccount: (request) => invoke('brimline:remove-account', request),
  addKey: (kind, value) => invoke('brimline:add-key', { kind, value }),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: AppState): void => listener(state);
    ipcRenderer.on('brimline:state', handler);
    return () => {
      ipcRenderer.removeListener('brimline:state', handler);
    };
  },
  onVisibility(listener) {
    const handler = (_event: IpcRendererEvent, message: { visible: boolean }): void => listener(message.visible === true);
    ipcRenderer.on('brimline:visibility', handler);
    return () => {
      ipcRenderer.removeListener('brimline:visibility', handler);
    };
  },
};

contextBridge.exposeInMainWorld('brimline', bridge);
