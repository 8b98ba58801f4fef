/**
 * Cost per day from the local logs, one slot per day of the period (days without use stay empty),
 * on a dollar scale; over a week every bar carries its amount, over a month the highest does.
 */
import type { Translator } from '../../shared/i18n/translator';
import { dayLabel, moneyTicks, type Tick } from './axes';
import { Chart, type ChartMark } from './Chart';
import { formatCoord } from './scale';

export interface DailyCostBarsProps {
  /** YYYY-MM-DD and USD. */
  days: readonly { date: string; totalCost: number }[];
  /** Every day of the period in order, so a day without use keeps its place. */
  period: readonly string[];
  /** The text alternative, e.g. "Cost per day over 7 days: $23.40 in total, highest $6.10". */
  label: string;
  i18n: Translator;
  width?: number;
  height?: number;
}

/** "$13", "$4.5": short enough to sit over a bar a seventh of the chart wide, in any locale. */
function shortMoney(v: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 0,
    maximumFractionDigits: v >= 10 ? 0 : 1,
  }).format(v);
}

/** A label under each day over a week; under every seventh day (ending today) over a month. */
function dayTicksOf(period: readonly string[], locale: string): Tick[] {
  const short = period.length <= 8;
  const wd = new Intl.DateTimeFormat(locale, short ? { weekday: 'short' } : { day: 'numeric', month: 'short' });
  return period.flatMap((date, i) => {
    if (!short && (period.length - 1 - i) % 7 !== 0) return [];
    const [y, m, d] = date.split('-').map(Number);
    return [{ at: i + 0.5, label: wd.format(new Date(y!, m! - 1, d!)) }];
  });
}

export function DailyCostBars({ days, period, label, i18n, width = 300, height = 96 }: DailyCostBarsProps) {
  const byDate = new Map(days.map((d) => [d.date, d.totalCost]));
  const max = Math.max(0, ...period.map((p) => byDate.get(p) ?? 0));
  // Room above the highest bar for its amount label.
  const ticks = moneyTicks(max * 1.15, i18n.locale);
  const top = ticks[ticks.length - 1]!.at;
  const marks: ChartMark[] = period.flatMap((date, i) => {
    const cost = byDate.get(date);
    if (cost === undefined || !(cost > 0)) return [];
    return [
      {
        key: date,
        x: i + 0.15,
        y: cost,
        width: 0.7,
        text: i18n.t('chart.mark', { time: dayLabel(date, i18n.locale), value: i18n.money(cost, 'USD') }),
      },
    ];
  });
  const labelled = period.length <= 8 ? marks : marks.filter((m) => m.y === max).slice(0, 1);
  return (
    <Chart
      label={label}
      width={width}
      height={height}
      x={{ from: 0, to: Math.max(1, period.length), ticks: dayTicksOf(period, i18n.locale) }}
      y={{ top, ticks: ticks.map((t) => ({ at: t.at, label: t.label })) }}
      marks={marks}
      className="chart-cost"
      testId="chart-cost"
    >
      {(sx, sy) =>
        labelled.map((m) => (
          <text
            key={m.key}
            className="chart-value"
            x={formatCoord(sx(m.x + 0.35))}
            y={formatCoord(sy(m.y) - 3)}
            textAnchor="middle"
            data-date={m.key}
          >
            {shortMoney(m.y, i18n.locale)}
          </text>
        ))
      }
    </Chart>
  );
}
