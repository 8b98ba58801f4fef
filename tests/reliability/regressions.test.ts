/**
 * Bugs the reliability suite found in the core, pinned by the smallest input that showed them.
 */
import { describe, expect, it } from 'vitest';
import { parseUsageResponse } from '../../electron/core/sources/claude-oauth/usage-parser';

describe('regressions found by the fuzzers', () => {
  it('a limit with an empty kind, or a flat key of underscores, still gets a label', () => {
    const r = parseUsageResponse({
      limits: [
        { kind: '', group: 'weekly', percent: 10, resets_at: null },
        { kind: '', group: '', percent: 4, resets_at: null },
      ],
      _: { utilization: 3, resets_at: null },
      ' ': { utilization: 2, resets_at: null },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.windows.length).toBeGreaterThan(0);
    for (const w of r.value.windows) expect(w.label.trim()).not.toBe('');
    expect(r.value.windows.find((w) => w.usedPercent === 10)?.label).toBe('Weekly');
  });
});
