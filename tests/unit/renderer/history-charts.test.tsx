// @vitest-environment happy-dom
process.env['TZ'] = 'Europe/Paris';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CycleSparkline } from '../../../renderer/history/CycleSparkline';
import { DailyCostBars } from '../../../renderer/history/DailyCostBars';
import { PeakBars } from '../../../renderer/history/PeakBars';
import { MAX_POINT_MARKS, pointMarks, UsageLine } from '../../../renderer/history/UsageLine';
import { dayTicks, moneyTicks, niceStep, percentTicks } from '../../../renderer/history/axes';
import { makeTranslator } from '../../../shared/i18n/translator';
import { linearScale, linePath, percentCeiling } from '../../../renderer/history/scale';

afterEach(cleanup);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EN = makeTranslator('en', ['en-GB']);
const FR = makeTranslator('fr', ['fr-FR']);
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

  it('peak bars: one per cycle at its time, height by peak on a 0–100 % scale, the limit and the thresholds drawn', () => {
    const { container } = render(
      <PeakBars
        cycles={[
          { peakPercent: 50, peakAt: START + 10 * HOUR },
          { peakPercent: 100, peakAt: START + 5 * HOUR },
          { peakPercent: 25, peakAt: START },
        ]}
        fromMs={START - HOUR}
        toMs={START + 24 * HOUR}
        thresholds={[75, 90]}
        label="Session peaks: highest 100 %"
        i18n={EN}
      />,
    );
    expect(screen.getByRole('group', { name: 'Session peaks: highest 100 %' })).toBeTruthy();
    const bars = [...container.querySelectorAll('rect.chart-mark')];
    // Time order, each named with its time and value; the one at the limit says so.
    expect(bars.map((r) => r.getAttribute('aria-label'))).toEqual([
      'Fri 3 Jul, 14:00: 25%',
      'Fri 3 Jul, 19:00: 100%, reached the limit',
      'Sat 4 Jul, 00:00: 50%',
    ]);
    expect(bars.map((r) => r.getAttribute('class'))).toEqual([
      'chart-mark chart-bar',
      'chart-mark chart-bar chart-bar-over',
      'chart-mark chart-bar',
    ]);
    const h = bars.map((r) => Number(r.getAttribute('height')));
    expect(h[1]! / h[0]!).toBeCloseTo(4, 1);
    expect(h[2]! / h[0]!).toBeCloseTo(2, 1);
    const x = bars.map((r) => Number(r.getAttribute('x')));
    expect(x[1]! - x[0]!).toBeCloseTo((x[2]! - x[0]!) / 2, 0);
    // The y scale: 0, 50 and 100 % labelled, 100 % as the limit line; two faint threshold lines.
    expect([...container.querySelectorAll('text.chart-axis')].map((t) => t.textContent).slice(0, 3)).toEqual(['0%', '50%', '100%']);
    expect(container.querySelector('text.chart-axis-limit')!.textContent).toBe('100%');
    expect(container.querySelectorAll('line.chart-limit')).toHaveLength(1);
    expect([...container.querySelectorAll('line.chart-threshold')].map((l) => l.textContent)).toEqual(['Alert at 75%', 'Alert at 90%']);
    // The limit line sits where a 100 % bar ends.
    expect(Number(container.querySelector('line.chart-limit')!.getAttribute('y1'))).toBeCloseTo(Number(bars[1]!.getAttribute('y')), 1);
  });

  it('marks show their value and time on focus and hover, and the arrow keys, Home and End move between them', () => {
    const { container } = render(
      <PeakBars
        cycles={[0, 1, 2, 3].map((i) => ({ peakPercent: 20 + i * 10, peakAt: START + i * 5 * HOUR }))}
        fromMs={START - HOUR}
        toMs={START + 20 * HOUR}
        thresholds={[]}
        label="peaks"
        i18n={EN}
      />,
    );
    const bars = [...container.querySelectorAll<SVGElement>('rect.chart-mark')];
    // One tab stop: the latest mark.
    expect(bars.map((b) => b.getAttribute('tabindex'))).toEqual(['-1', '-1', '-1', '0']);
    expect(screen.queryByTestId('chart-tip')).toBeNull();
    act(() => bars[3]!.focus());
    expect(screen.getByTestId('chart-tip').textContent).toBe('Sat 4 Jul, 05:00: 50%');
    fireEvent.keyDown(bars[3]!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(bars[2]);
    expect(screen.getByTestId('chart-tip').textContent).toBe('Sat 4 Jul, 00:00: 40%');
    expect(bars.map((b) => b.getAttribute('tabindex'))).toEqual(['-1', '-1', '0', '-1']);
    fireEvent.keyDown(bars[2]!, { key: 'Home' });
    expect(document.activeElement).toBe(bars[0]);
    expect(screen.getByTestId('chart-tip').textContent).toBe('Fri 3 Jul, 14:00: 20%');
    fireEvent.keyDown(bars[0]!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(bars[0]);
    fireEvent.keyDown(bars[0]!, { key: 'End' });
    expect(document.activeElement).toBe(bars[3]);
    fireEvent.keyDown(bars[3]!, { key: 'Escape' });
    expect(screen.queryByTestId('chart-tip')).toBeNull();
    fireEvent.mouseEnter(bars[1]!);
    expect(screen.getByTestId('chart-tip').textContent).toBe('Fri 3 Jul, 19:00: 30%');
    fireEvent.mouseLeave(container.querySelector('.chart-marks')!);
    expect(screen.queryByTestId('chart-tip')).toBeNull();
  });

  it('usage line breaks at each reset and at gaps instead of drawing a drop, with a mark per sample', () => {
    const samples = [
      { t: START, usedPercent: 10, resetsAt: RESET },
      { t: START + HOUR, usedPercent: 60, resetsAt: RESET },
      { t: RESET + HOUR, usedPercent: 5, resetsAt: RESET + 5 * HOUR },
      { t: RESET + 2 * HOUR, usedPercent: 20, resetsAt: RESET + 5 * HOUR },
      { t: RESET + 9 * HOUR, usedPercent: 22, resetsAt: null },
    ];
    const { container } = render(
      <UsageLine samples={samples} fromMs={START} toMs={RESET + 10 * HOUR} thresholds={[50]} label="Session usage over a day" i18n={EN} />,
    );
    const d = screen.getByTestId('usage-line').getAttribute('d')!;
    expect(d.match(/M/g)).toHaveLength(3);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(screen.getByRole('group', { name: 'Session usage over a day' })).toBeTruthy();
    expect([...container.querySelectorAll('circle.chart-mark')].map((c) => c.getAttribute('aria-label'))).toEqual([
      'Fri 3 Jul, 14:00: 10%',
      'Fri 3 Jul, 15:00: 60%',
      'Fri 3 Jul, 20:00: 5%',
      'Fri 3 Jul, 21:00: 20%',
      'Sat 4 Jul, 04:00: 22%',
    ]);
    // The day boundary is on the x axis, in the user's language.
    expect([...container.querySelectorAll('text[data-tick]')].map((t) => t.textContent)).toEqual(['Sat']);
  });

  it('a long series keeps at most 48 focusable points, real samples, the latest among them', () => {
    const samples = Array.from({ length: 480 }, (_, i) => ({ t: i, usedPercent: i % 100 }));
    const marks = pointMarks(samples);
    expect(marks.length).toBeLessThanOrEqual(MAX_POINT_MARKS);
    expect(marks.length).toBeGreaterThan(MAX_POINT_MARKS / 2);
    expect(marks.at(-1)).toBe(samples.at(-1));
    expect(marks.every((m) => samples.includes(m))).toBe(true);
  });

  it('daily cost bars keep a slot for each day, label each bar over a week, and have a dollar scale above the highest', () => {
    const { container } = render(
      <DailyCostBars
        days={[
          { date: '2026-07-01', totalCost: 2 },
          { date: '2026-07-03', totalCost: 4.5 },
        ]}
        period={['2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04']}
        label="Cost per day: $6.50 in total"
        i18n={EN}
        width={200}
      />,
    );
    expect(screen.getByRole('group', { name: 'Cost per day: $6.50 in total' })).toBeTruthy();
    const rects = [...container.querySelectorAll('rect.chart-mark')];
    expect(rects.map((r) => r.getAttribute('aria-label'))).toEqual(['Wed 1 Jul: US$2.00', 'Fri 3 Jul: US$4.50']);
    const x = rects.map((r) => Number(r.getAttribute('x')));
    // The third day's bar sits two slots after the first.
    const slot = (200 - 34 - 6) / 4;
    expect(x[1]! - x[0]!).toBeCloseTo(2 * slot, 0);
    expect(Number(rects[0]!.getAttribute('height')) * 2.25).toBeCloseTo(Number(rects[1]!.getAttribute('height')), 0);
    expect([...container.querySelectorAll('text.chart-value')].map((t) => t.textContent)).toEqual(['$2', '$4.5']);
    expect([...container.querySelectorAll('text[data-tick]')].map((t) => t.textContent)).toEqual(['Wed', 'Thu', 'Fri', 'Sat']);
    const yLabels = [...container.querySelectorAll('text.chart-axis:not([data-tick])')].map((t) => t.textContent);
    expect(yLabels).toEqual(['$0', '$2', '$4', '$6']);
  });

  it('over a month the cost chart labels only the highest bar and every seventh day', () => {
    const period = Array.from({ length: 30 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`);
    const { container } = render(
      <DailyCostBars days={period.map((date, i) => ({ date, totalCost: i === 12 ? 31 : 3 }))} period={period} label="month" i18n={FR} />,
    );
    expect([...container.querySelectorAll('text.chart-value')].map((t) => t.textContent?.replace(/\s/g, ' '))).toEqual(['31 $']);
    expect([...container.querySelectorAll('text[data-tick]')].map((t) => t.textContent)).toEqual([
      '2 juin',
      '9 juin',
      '16 juin',
      '23 juin',
      '30 juin',
    ]);
  });
});

describe('chart axes', () => {
  it('percent gridlines every 25, labelled at 0, 50 and 100, and at the top above 100', () => {
    const pct = (n: number): string => `${n}%`;
    expect(percentTicks(100, pct).map((t) => [t.at, t.label])).toEqual([
      [0, '0%'],
      [25, ''],
      [50, '50%'],
      [75, ''],
      [100, '100%'],
    ]);
    expect(percentTicks(140, pct).at(-1)).toEqual({ at: 140, label: '140%' });
  });

  it('money steps a person would pick, reaching the highest value', () => {
    expect([0.3, 1.4, 2.2, 4, 7, 12].map(niceStep)).toEqual([0.5, 2, 2.5, 5, 10, 20]);
    expect(moneyTicks(13, 'en-US').map((t) => t.label)).toEqual(['$0', '$5', '$10', '$15']);
    expect(moneyTicks(0, 'en-US').at(-1)!.at).toBeGreaterThan(0);
  });

  it('days on the x axis: each day over a week, every seventh over a month, in the locale', () => {
    const from = Date.parse('2026-07-01T10:00:00');
    expect(dayTicks(from, from + 7 * DAY, 'en-GB').map((t) => t.label)).toEqual(['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']);
    expect(dayTicks(from, from + 7 * DAY, 'fr-FR')[0]!.label).toBe('jeu.');
    const month = dayTicks(from, from + 30 * DAY, 'en-GB');
    expect(month.map((t) => t.label)).toEqual(['2 Jul', '9 Jul', '16 Jul', '23 Jul', '30 Jul']);
    expect(new Date(month[0]!.at).getHours()).toBe(0);
  });
});
