/**
 * The app state's listeners. Every part says `changed()` after it changes something the user sees;
 * whoever draws (the shell's tray and windows) hears it once per call. A listener that throws is
 * logged and never stops the others.
 */
import type { Logger } from '../platform/log';

export interface ChangeHub {
  changed(): void;
  /** Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  clear(): void;
}

export function createChangeHub(logger: Logger): ChangeHub {
  const listeners = new Set<() => void>();
  return {
    changed() {
      for (const l of listeners) {
        try {
          l();
        } catch (err) {
          logger.error(`app state listener failed: ${String(err)}`);
        }
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
