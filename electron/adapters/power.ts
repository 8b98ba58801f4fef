/**
 * Sleep, wake and network events for the scheduler. Electron's main process has no online event,
 * so `net.isOnline()` is sampled and a change from offline to online is reported.
 */
import { net, powerMonitor } from 'electron';
import type { BrimlineCore } from '../core/usage/core-api';

export interface PowerWatchOptions {
  onlineCheckMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function watchPowerAndNetwork(
  core: Pick<BrimlineCore, 'suspend' | 'resume' | 'networkOnline'>,
  opts: PowerWatchOptions = {},
): () => void {
  const onSuspend = (): void => core.suspend();
  const onResume = (): void => core.resume();
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  let online = net.isOnline();
  const every = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const stop = opts.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  const handle = every(() => {
    const now = net.isOnline();
    if (now && !online) core.networkOnline();
    online = now;
  }, opts.onlineCheckMs ?? 15_000);
  return () => {
    powerMonitor.removeListener('suspend', onSuspend);
    powerMonitor.removeListener('resume', onResume);
    stop(handle);
  };
}
