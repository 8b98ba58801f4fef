/**
 * The compact segment printed into Claude Code's status line: `5h 42% ↺1h12m · 7d 18%`. A window
 * Claude Code did not report shows as `–` (unknown), never as 0 %.
 */
import type { Observation, ObservedWindow } from './payload';

/** Printed when the input could not be read: short, and it says where it comes from. */
export const FALLBACK_LINE = 'Brimline: no usage data';

const MINUTE = 60_000;

/** `1h12m`, `45m`, `2d3h`, `<1m`; minutes round up so time left never shows as 0. */
export function compactDuration(ms: number): string {
  if (ms < MINUTE) return '<1m';
  const total = Math.ceil(ms / MINUTE);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return h > 0 ? `${d}d${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h${m}m` : `${h}h`;
  return `${m}m`;
}

function segment(label: string, w: ObservedWindow | undefined, now: number, withReset: boolean): string {
  if (!w) return `${label} –`;
  const resetAt = w.resetsAt === null ? null : Date.parse(w.resetsAt);
  // Past its reset the window has started over: 0 % is then known, not a guess.
  if (resetAt !== null && resetAt <= now) return `${label} 0%`;
  const pct = `${label} ${Math.round(w.usedPercent)}%`;
  return withReset && resetAt !== null ? `${pct} ↺${compactDuration(resetAt - now)}` : pct;
}

export function statusLineText(obs: Observation, now: number): string {
  const parts = [segment('5h', obs.fiveHour, now, true), segment('7d', obs.sevenDay, now, false)];
  if (obs.apiKeyBilling) parts.push('API key billing');
  return parts.join(' · ');
}
