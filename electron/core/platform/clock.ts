/** Injected time: the real one in the app, a manual one in tests (no sleeps). */
export type TimerHandle = { readonly id: number };

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export function systemClock(): Clock {
  let next = 1;
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = next++;
      // setTimeout overflows past 2^31-1 ms (~24.8 days) and would fire at once.
      const t = setTimeout(
        () => {
          handles.delete(id);
          fn();
        },
        Math.min(Math.max(0, ms), 2_147_483_647),
      );
      t.unref?.();
      handles.set(id, t);
      return { id };
    },
    clearTimeout(h) {
      const t = handles.get(h.id);
      if (t !== undefined) clearTimeout(t);
      handles.delete(h.id);
    },
  };
}
