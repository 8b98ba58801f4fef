import { describe, expect, it } from 'vitest';
import { thin } from '../../../../electron/core/history/usage-history';

describe('thinning a series for drawing', () => {
  it('keeps short series as they are', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps at most the limit, evenly spread, always with the first and the latest point', () => {
    const list = Array.from({ length: 8640 }, (_, i) => i);
    const out = thin(list, 480);
    expect(out).toHaveLength(480);
    expect(out[0]).toBe(0);
    expect(out[479]).toBe(8639);
    const gaps = out.slice(1).map((v, i) => v - out[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });
});
