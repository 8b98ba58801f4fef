/**
 * Advances the store's clock while the window is on screen, so countdowns move without polling.
 * Two signals say "off screen": the page's own visibility, and main's word for the popover, whose
 * page stays "visible" while hidden because it is never background-throttled.
 */
import { useEffect } from 'react';
import { useBrimline } from '../store-context';

export function useTicker(intervalMs: number): void {
  const tick = useBrimline((s) => s.tick);
  const onScreen = useBrimline((s) => s.onScreen);
  useEffect(() => {
    let id: ReturnType<typeof setInterval> | null = null;
    const startTimer = (): void => {
      if (id !== null) return;
      tick();
      id = setInterval(tick, intervalMs);
    };
    const stopTimer = (): void => {
      if (id !== null) clearInterval(id);
      id = null;
    };
    const onVisibility = (): void => (!onScreen || document.visibilityState === 'hidden' ? stopTimer() : startTimer());
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stopTimer();
    };
  }, [tick, intervalMs, onScreen]);
}
