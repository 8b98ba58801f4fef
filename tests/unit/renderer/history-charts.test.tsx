// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CycleSparkline } from '../../../renderer/history/CycleSparkline';
import { DailyCostBars } from '../../../renderer/history/DailyCostBars';
import { PeakBars } from '../../../renderer/history/PeakBars';
import { UsageLine } from '../../../renderer/history/UsageLine';
import { linearScale, linePath, percentCeiling } from '../../../renderer/history/scale';

afterEach(cleanup);

const HOUR = 3_600_000;
const START = Date.parse('2026-07-03T12:00:00Z');
const RESET = START + 5 * HOUR;

function numbers(d: string): number[][] {
  return [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('chart scales', () => {
  it('maps linearly, breaks lines where told, and lifts the ceiling above 100 % only when needed', () => {
    const s = linearScale(0, 10, 0, 100);
    expect([s(0), s(5), s(10)]).toEqual([0, 50, 100]);
    expect(linearScale(3, 3, 7, 9)(3)).toBe(7);
    expect(
      linePath(
        [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
          { x: 2, y: 2 },
        ],
        (i) => i === 2,
      ),
    ).toBe('M0 0L1 1M2 2');
    expect(percentCeiling([12, 99])).toBe(100);
    expect(percentCeiling([12, 131])).toBe(140);
  });
});

describe('history charts', () => {
  it('sparkline: the cycle so far, the forecast dashed to the reset, the run-out point, and a text alternative', () => {
    const samples = [0, 1, 2].map((h) => ({ t: START + h * HOUR, usedPercent: h * 30 }));
    const { container } = render(
      <CycleSparkline
        samples={samples}
        windowStartMs={START}
        resetsAtMs={RESET}
        forecast={{
          currentPercent: 60,
          observedAtMs: START + 2 * HOUR,
          projectedPercentAtReset: 150,
          runsOutAt: new Date(START + 3.33 * HOUR).toISOString(),
        }}
        label="Session: 60 % used; at this pace 100 % at 15:20"
        width={250}
        height={50}
      />,
    );
    const svg = screen.getByRole('img', { name: 'Session: 60 % used; at this pace 100 % at 15:20' });
    expect(svg.querySelector('title')!.textContent).toBe('Session: 60 % used; at this pace 100 % at 15:20');
    const pts = numbers(screen.getByTestId('sparkline-used').getAttribute('d')!);
    expect(pts).toHaveLength(3);
    // x runs from the window start (pad 2) to the reset (width − 2); y is inverted.
    expect(pts[0]![0]).toBe(2);
    expect(pts[2]![0]).toBeCloseTo(2 + (2 / 5) * 246, 0);
    expect(pts[1]![1]).toBeGreaterThan(pts[2]![1]!);
    const f = screen.getByTestId('sparkline-forecast');
    expect(Number(f.getAttribute('x2'))).toBe(248);
    expect(Number(f.getAttribute('x1'))).toBeCloseTo(pts[2]![0]!, 0);
    // Projected 150 %: the ceiling rises to 150 so the dashed line ends at the top.
    expect(Number(f.getAttribute('y2'))).toBe(2);
    expect(container.querySelector('.chart-forecast')).toBe(f);
    expect(screen.getByTestId('sparkline-runs-out')).toBeTruthy();
  });

  it('sparkline without a forecast draws no dashed line', () => {
    render(
      <CycleSparkline
        samples={[{ t: START, usedPercent: 3 }]}
        windowStartMs={START}
        resetsAtMs={RESET}
        forecast={null}
        label="Not enough data yet"
      />,
    );
    expect(screen.getByRole('img', { name: 'Not enough data yet' })).toBeTruthy();
    expect(screen.queryByTestId('sparkline-forecast')).toBeNull();
    expect(screen.queryByTestId('sparkline-runs-out')).toBeNull();
  });

  it('peak bars: one per cycle in time order, height by peak, over 100 % marked', () => {
    const { container } = render(
      <PeakBars
        cycles={[
          { peakPercent: 50, peakAt: START + 10 * HOUR },
          { peakPercent: 120, peakAt: START + 5 * HOUR },
          { peakPercent: 25, peakAt: START },
        ]}
        label="Session peaks: highest 120 %"
        barTitle={(c) => `${c.peakPercent} %`}
        height={62}
      />,
    );
    expect(screen.getByRole('img', { name: 'Session peaks: highest 120 %' })).toBeTruthy();
    const rects = [...container.querySelectorAll('rect')];
    expect(rects.map((r) => r.querySelector('title')!.textContent)).toEqual(['25 %', '120 %', '50 %']);
    const h = rects.map((r) => Number(r.getAttribute('height')));
    // Ceiling 120: heights proportional to the peaks over 58 px of drawing height.
    expect(h[1]).toBeCloseTo(58, 0);
    expect(h[0]! / h[2]!).toBeCloseTo(0.5, 1);
    expect(rects.map((r) => r.getAttribute('class'))).toEqual(['chart-bar', 'chart-bar chart-bar-over', 'chart-bar']);
  });

  it('usage line breaks at each reset and at gaps instead of drawing a drop', () => {
    const samples = [
      { t: START, usedPercent: 10, resetsAt: RESET },
      { t: START + HOUR, usedPercent: 60, resetsAt: RESET },
      { t: RESET + HOUR, usedPercent: 5, resetsAt: RESET + 5 * HOUR },
      { t: RESET + 2 * HOUR, usedPercent: 20, resetsAt: RESET + 5 * HOUR },
      { t: RESET + 9 * HOUR, usedPercent: 22, resetsAt: null },
    ];
    render(<UsageLine samples={samples} fromMs={START} toMs={RESET + 10 * HOUR} label="Session usage over a day" />);
    const d = screen.getByTestId('usage-line').getAttribute('d')!;
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'Session usage over a day' })).toBeTruthy();
  });

  it('daily cost bars keep a slot for each day of the period and skip empty days', () => {
    const { container } = render(
      <DailyCostBars
        days={[
          { date: '2026-07-01', totalCost: 2 },
          { date: '2026-07-03', totalCost: 4 },
        ]}
        period={['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04']}
        label="Cost per day: $6.00 in total"
        width={84}
      />,
    );
    expect(screen.getByRole('img', { name: 'Cost per day: $6.00 in total' })).toBeTruthy();
    const rects = [...container.querySelectorAll('rect')];
    expect(rects.map((r) => r.getAttribute('data-date'))).toEqual(['2026-07-01', '2026-07-03']);
    const x = rects.map((r) => Number(r.getAttribute('x')));
    // Slots of 20 px: the third day's bar sits two slots after the first.
    expect(x[1]! - x[0]!).toBeCloseTo(40, 0);
    expect(Number(rects[0]!.getAttribute('height')) * 2).toBeCloseTo(Number(rects[1]!.getAttribute('height')), 0);
  });
});
