/**
 * Electron's globalShortcut behind the core's port (electron/core/app/shortcut.ts decides what to
 * register and what a refusal means). `register` answers false when the OS or another app holds
 * the keys; Brimline then reads `isRegistered` back, so a grab the OS dropped is not taken as held.
 */
import { globalShortcut } from 'electron';
import type { GlobalShortcutPort } from '../core/app/shortcut';

export function createGlobalShortcut(): GlobalShortcutPort {
  return {
    register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress) && globalShortcut.isRegistered(accelerator),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
    unregisterAll: () => globalShortcut.unregisterAll(),
  };
}
