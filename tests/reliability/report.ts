/**
 * Figures for `npm run test:reliability`. Each test appends one JSON line per figure to the file
 * named by BRIMLINE_RELIABILITY_OUT (set by scripts/reliability.mjs), which prints them as one
 * table; the same figure goes to the test output so a plain vitest run shows it too.
 */
import { appendFileSync } from 'node:fs';

export type Section = 'parser' | 'fault' | 'kills' | 'quarantine' | 'secrets' | 'allowlist' | 'hardening';

export interface Figure {
  section: Section;
  name: string;
  /** Inputs tried, faults injected, kills, places searched... */
  tried: number;
  /** The figure that must be zero (escaped exceptions, leaks, files lost, rule breaches). */
  bad: number;
  /** One short line: outcomes, bounds, timings. */
  detail: string;
}

export function recordFigure(f: Figure): void {
  console.log(`[reliability] ${f.section} ${f.name}: tried ${f.tried}, bad ${f.bad}; ${f.detail}`);
  const out = process.env.BRIMLINE_RELIABILITY_OUT;
  if (out) appendFileSync(out, JSON.stringify(f) + '\n');
}

/** `quick` for a shorter run; anything else is the full profile the issue asks for. */
export const PROFILE: 'full' | 'quick' = process.env.BRIMLINE_RELIABILITY_PROFILE === 'quick' ? 'quick' : 'full';

export function byProfile(full: number, quick: number): number {
  return PROFILE === 'quick' ? quick : full;
}
