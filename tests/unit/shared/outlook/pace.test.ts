import { describe, expect, it } from 'vitest';
import {
  computePace,
  paceStage,
  workingMsBetween,
  windowLengthMs,
  DAY_MS,
  HOUR_MS,
  MONDAY_TO_FRIDAY,
  type PaceStage,
} from '../../../../shared/outlook/pace';

const RESET = Date.parse('2026-07-03T12:00:00Z');

describe('pace', () => {
  it('expected percent is the share of the window elapsed; delta is used minus expected', () => {
    // Session window: 5 h, started 07:00; at 09:30 half of it is gone.
    const p = computePace({ kind: 'session', usedPercent: 62, resetsAt: new Date(RESET).toISOString() }, RESET - 2.5 * HOUR_MS);
    expect(p).toEqual({ expectedPercent: 50, deltaPercent: 12 });
    const w = computePace({ kind: 'weekly', usedPercent: 10, resetsAt: RESET }, RESET - 3.5 * DAY_MS);
    expect(w).toEqual({ expectedPercent: 50, deltaPercent: -40 });
    expect(computePace({ kind: 'weekly_model', usedPercent: 0, resetsAt: RESET }, RESET - 7 * DAY_MS)?.expectedPercent).toBe(0);
  });

  it('is null when it has no meaning', () => {
    expect(computePace({ kind: 'session', usedPercent: 5, resetsAt: null }, RESET)).toBeNull();
    expect(computePace({ kind: 'other', usedPercent: 5, resetsAt: RESET }, RESET - HOUR_MS)).toBeNull();
    expect(computePace({ kind: 'budget', usedPercent: 5, resetsAt: RESET }, RESET - HOUR_MS)).toBeNull();
    expect(computePace({ kind: 'session', usedPercent: 5, resetsAt: RESET }, RESET)).toBeNull();
    expect(computePace({ kind: 'session', usedPercent: 5, resetsAt: 'soon' }, RESET)).toBeNull();
    expect(windowLengthMs('other')).toBeNull();
  });

  it('clamps before the window start and keeps usage above 100 %', () => {
    const p = computePace({ kind: 'session', usedPercent: 130, resetsAt: RESET }, RESET - 6 * HOUR_MS);
    expect(p).toEqual({ expectedPercent: 0, deltaPercent: 130 });
  });

  it('working-days pace counts only the working days of a weekly window', () => {
    // Window Fri 2026-07-03 12:00 UTC back to Fri 2026-06-26 12:00 UTC. In UTC it has
    // Fri 12 h + Mon..Thu 4 × 24 h + Fri 12 h = 120 h of working time.
    const utc = { days: MONDAY_TO_FRIDAY, utcOffsetMinutes: () => 0 };
    expect(workingMsBetween(RESET - 7 * DAY_MS, RESET, utc)).toBe(120 * HOUR_MS);
    // Sunday 2026-06-28 23:00: only Friday's 12 h are gone, 10 % of the working time.
    const sunday = Date.parse('2026-06-28T23:00:00Z');
    const p = computePace({ kind: 'weekly', usedPercent: 10, resetsAt: RESET }, sunday, { workingDays: utc });
    expect(p).toEqual({ expectedPercent: 10, deltaPercent: 0 });
    // The calendar pace at the same moment: 59 h of 168.
    expect(computePace({ kind: 'weekly', usedPercent: 10, resetsAt: RESET }, sunday)!.expectedPercent).toBe(35.12);
    // The session window ignores working days.
    expect(computePace({ kind: 'session', usedPercent: 0, resetsAt: RESET }, RESET - HOUR_MS, { workingDays: utc })!.expectedPercent).toBe(
      80,
    );
  });

  it('working days follow the local zone', () => {
    // UTC+10: Saturday starts at Friday 14:00 UTC.
    const east = { days: MONDAY_TO_FRIDAY, utcOffsetMinutes: () => 600 };
    const fri = Date.parse('2026-07-03T00:00:00Z');
    expect(workingMsBetween(fri, fri + DAY_MS, east)).toBe(14 * HOUR_MS);
    expect(computePace({ kind: 'weekly', usedPercent: 1, resetsAt: RESET }, RESET - DAY_MS, { workingDays: { days: [] } })).toBeNull();
  });

  it('stages have a dead band and hysteresis', () => {
    expect(paceStage(4.9, null)).toBe('on_track');
    expect(paceStage(5, null)).toBe('ahead');
    expect(paceStage(-5, null)).toBe('behind');
    // Once ahead, it stays ahead until the delta falls below 3.
    expect(paceStage(3.5, 'ahead')).toBe('ahead');
    expect(paceStage(2.9, 'ahead')).toBe('on_track');
    expect(paceStage(-3.5, 'behind')).toBe('behind');
    expect(paceStage(-8, 'ahead')).toBe('behind');
    // A delta wobbling around the threshold does not flicker.
    let stage: PaceStage | null = null;
    const seen: PaceStage[] = [];
    for (const d of [4, 5.2, 4.6, 5.1, 4.2, 5.3, 3.9, 4.8]) seen.push((stage = paceStage(d, stage)));
    expect(seen).toEqual(['on_track', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead', 'ahead']);
  });
});
