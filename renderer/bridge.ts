/**
 * Finds the bridge: the preload's `window.brimline` in Electron, or the fake one in dev and test
 * builds. The guard is a compile-time constant, so production builds drop the fake entirely.
 */
import type { BrimlineBridge } from '../shared/ipc';

export async function resolveBridge(): Promise<BrimlineBridge | null> {
  const real = window.brimline;
  if (real !== undefined) return real;
  if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') {
    const { installFakeBridge } = await import('./dev/fake-bridge');
    return installFakeBridge(new URLSearchParams(window.location.search));
  }
  return null;
}
