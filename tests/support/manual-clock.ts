/**
 * A clock for tests: time moves only when the test says so. `advance` fires due timers in order and
 * lets each one's work (including real loopback HTTP) settle before moving on.
 */
import type { Clock, TimerHandle } from '../../electron/core/platform/clock';

interface Pending {
  id: number;
  at: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private t: number;
  private nextId = 1;
  private timers: Pending[] = [];
  /** Awaited after each fired timer, e.g. `() => scheduler.idle()`. */
  settle: () => Promise<void> = async () => undefined;

  constructor(start: number | string = '2026-07-02T20:00:00Z') {
    this.t = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(h: TimerHandle): void {
    this.timers = this.timers.filter((p) => p.id !== h.id);
  }

  pendingCount(): number {
    return this.timers.length;
  }

  nextTimerAt(): number | null {
    return this.timers.length === 0 ? null : Math.min(...this.timers.map((p) => p.at));
  }

  /**
   * Jump the wall clock without firing timers (a user changing the system time). Pending timers
   * keep their remaining duration, as real (monotonic) timers do.
   */
  jump(ms: number): void {
    this.t += ms;
    this.timers = this.timers.map((p) => ({ ...p, at: p.at + ms }));
  }

  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await this.settle();
      const due = this.timers.filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((p) => p.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
    await this.settle();
  }
}
