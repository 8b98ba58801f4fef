/** The preload's bridge, typed from the one IPC contract; absent in a plain browser (dev, tests). */
import type { HeadroomBridge } from '../shared/ipc';

declare global {
  interface Window {
    headroom?: HeadroomBridge;
  }
}

export {};
