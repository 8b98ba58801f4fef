/**
 * Splitting a window's samples into reset cycles, for per-cycle peaks (history view, CLI).
 * Pure. Same rules as the forecast: reset times within RESET_JITTER_MS are one cycle, a sample
 * without a reset time joins the cycle it falls in, and a sharp drop starts a new cycle.
 */
import { DROP_POINTS, RESET_JITTER_MS } from './forecast';

export interface CycleSample {
  t: number;
  usedPercent: number;
  resetsAt: number | null;
}

export interface CyclePeak {
  /** The cycle's reset time when any sample knew it. */
  resetsAt: number | null;
  firstAt: number;
  lastAt: number;
  peakPercent: number;
  peakAt: number;
  samples: number;
}

/** Cycles in time order. */
export function cyclePeaks(samples: readonly CycleSample[]): CyclePeak[] {
  const sorted = [...samples].filter((s) => Number.isFinite(s.t) && Number.isFinite(s.usedPercent)).sort((a, b) => a.t - b.t);
  const out: CyclePeak[] = [];
  let cur: CyclePeak | null = null;
  let prev: CycleSample | null = null;
  for (const s of sorted) {
    const newCycle =
      cur === null ||
      (s.resetsAt !== null && cur.resetsAt !== null && Math.abs(s.resetsAt - cur.resetsAt) > RESET_JITTER_MS) ||
      (cur.resetsAt !== null && s.t >= cur.resetsAt + RESET_JITTER_MS) ||
      (prev !== null && prev.usedPercent - s.usedPercent > DROP_POINTS);
    if (newCycle) {
      cur = { resetsAt: s.resetsAt, firstAt: s.t, lastAt: s.t, peakPercent: s.usedPercent, peakAt: s.t, samples: 0 };
      out.push(cur);
    }
    const c = cur!;
    c.samples++;
    c.lastAt = s.t;
    if (c.resetsAt === null && s.resetsAt !== null) c.resetsAt = s.resetsAt;
    if (s.usedPercent > c.peakPercent) {
      c.peakPercent = s.usedPercent;
      c.peakAt = s.t;
    }
    prev = s;
  }
  return out;
}
