import { describe, expect, it } from 'vitest';
import { effectiveUsedPercent, isPastReset, msUntilReset, remainingPercent, severity, type UsageWindow } from '../../../shared/domain';

const w = (usedPercent: number, resetsAt: string | null): UsageWindow => ({
  id: 'five_hour',
  kind: 'session',
  label: 'Session',
  usedPercent,
  resetsAt,
});
const NOW = Date.parse('2026-07-02T20:00:00Z');

describe('domain helpers', () => {
  it('knows when a window is past its reset', () => {
    expect(isPastReset(w(50, '2026-07-02T19:59:59Z'), NOW)).toBe(true);
    expect(isPastReset(w(50, '2026-07-02T20:00:00Z'), NOW)).toBe(true);
    expect(isPastReset(w(50, '2026-07-02T20:00:01Z'), NOW)).toBe(false);
    expect(isPastReset(w(50, null), NOW)).toBe(false);
    expect(isPastReset(w(50, 'garbage'), NOW)).toBe(false);
  });

  it('never counts down below zero', () => {
    expect(msUntilReset(w(50, '2026-07-02T19:00:00Z'), NOW)).toBe(0);
    expect(msUntilReset(w(50, '2026-07-02T22:13:00Z'), NOW)).toBe((2 * 60 + 13) * 60_000);
    expect(msUntilReset(w(50, null), NOW)).toBeNull();
  });

  it('computes remaining percent, never negative, and knows neither once the reset time has passed', () => {
    expect(remainingPercent(w(42, '2026-07-03T00:00:00Z'), NOW)).toBe(58);
    expect(remainingPercent(w(117, '2026-07-03T00:00:00Z'), NOW)).toBe(0);
    expect(effectiveUsedPercent(w(117, '2026-07-03T00:00:00Z'), NOW)).toBe(117);
    // The endpoint keeps answering the old percent after a reset: unknown, not 117 and not 0.
    expect(effectiveUsedPercent(w(117, '2026-07-02T00:00:00Z'), NOW)).toBeNull();
    expect(remainingPercent(w(117, '2026-07-02T00:00:00Z'), NOW)).toBeNull();
    expect(effectiveUsedPercent(w(30, null), NOW)).toBe(30);
  });

  it('grades severity against the thresholds', () => {
    expect(severity(49.9)).toBe('ok');
    expect(severity(50)).toBe('warn');
    expect(severity(89)).toBe('warn');
    expect(severity(90)).toBe('critical');
    expect(severity(140)).toBe('critical');
    expect(severity(30, [25])).toBe('critical');
    expect(severity(99, [])).toBe('ok');
  });
});
