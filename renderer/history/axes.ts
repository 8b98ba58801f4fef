/**
 * Ticks and labels for the history charts, in the user's locale and time zone: percent gridlines
 * (0–100, more when usage went above), dollar gridlines at round steps, and day boundaries.
 */

export interface Tick {
  at: number;
  /** Empty for a gridline drawn without a label. */
  label: string;
}

/** Gridlines every 25 %, labelled at 0, 50 and 100 (and at the top when usage went above 100). */
export function percentTicks(top: number, percent: (n: number) => string): Tick[] {
  const out: Tick[] = [];
  for (let v = 0; v <= top; v += 25) out.push({ at: v, label: v % 50 === 0 ? percent(v) : '' });
  if (top > 100 && top % 25 !== 0) out.push({ at: top, label: percent(top) });
  return out;
}

/** 1, 2, 2.5 or 5 times a power of ten: the step a person would pick for `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

/** Three or four dollar gridlines from 0 to at least `max`; the last one is the chart's top. */
export function moneyTicks(max: number, locale: string): Tick[] {
  const target = max > 0 ? max : 1;
  const step = niceStep(target / 3);
  const fmt = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: Number.isInteger(step) ? 0 : 2,
    minimumFractionDigits: 0,
  });
  const out: Tick[] = [];
  for (let v = 0; out.length === 0 || out[out.length - 1]!.at < target; v += step) out.push({ at: v, label: fmt.format(v) });
  return out;
}

const DAY_MS = 86_400_000;

/** Local midnight at or after `ms` (the renderer runs in the user's own time zone). */
function nextMidnight(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  if (d.getTime() < ms) d.setDate(d.getDate() + 1);
  return d.getTime();
}

/**
 * Day boundaries between `from` and `to`: every day over a week ("Mon"), every seventh over a
 * month ("6 Nov"), so labels never crowd a 300 px chart.
 */
export function dayTicks(from: number, to: number, locale: string): Tick[] {
  const long = to - from > 8 * DAY_MS;
  const fmt = new Intl.DateTimeFormat(locale, long ? { day: 'numeric', month: 'short' } : { weekday: 'short' });
  const out: Tick[] = [];
  for (let t = nextMidnight(from); t <= to;) {
    out.push({ at: t, label: fmt.format(t) });
    const d = new Date(t);
    d.setDate(d.getDate() + (long ? 7 : 1));
    t = d.getTime();
  }
  return out;
}

/** "Tue 1 Dec, 14:05": what a mark's tooltip and the text alternative say of a moment. */
export function momentLabel(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

/** "Tue 1 Dec" for a YYYY-MM-DD day of the local logs. */
export function dayLabel(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(y!, m! - 1, d!));
}
