/** The preload's bridge, typed from the one IPC contract; absent in a plain browser (dev, tests). */
import type { BrimlineBridge } from '../shared/ipc';

declare global {
  interface Window {
    brimline?: BrimlineBridge;
  }
}

export {};
