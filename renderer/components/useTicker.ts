/** Advances the store's clock while the page is visible, so countdowns move without polling. */
import { useEffect } from 'react';
import { useBrimline } from '../store-context';

export function useTicker(intervalMs: number): void {
  const tick = useBrimline((s) => s.tick);
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
    const onVisibility = (): void => (document.visibilityState === 'hidden' ? stopTimer() : startTimer());
    onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stopTimer();
    };
  }, [tick, intervalMs]);
}
