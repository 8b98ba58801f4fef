/**
 * Locale-aware formatting shared by the tray, notifications, the CLI and the renderer. All via
 * `Intl`, with the locale and time zone passed in so tests are deterministic.
 */

export interface FormatOptions {
  locale: string;
  /** IANA zone; undefined means the system's. */
  timeZone?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type UnitDisplay = 'short' | 'narrow';

function unit(locale: string, value: number, u: 'day' | 'hour' | 'minute', display: UnitDisplay = 'short'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: display }).format(value);
}

/**
 * A compact duration: "2 days 3 hr", "2 hr 13 min", "45 min", "<1 min". Rounds minutes up so a
 * countdown never shows "0 min" while time remains.
 */
export function formatDuration(ms: number, locale: string, display: UnitDisplay = 'short'): string {
  const u = (value: number, name: 'day' | 'hour' | 'minute'): string => unit(locale, value, name, display);
  if (ms <= 0) return u(0, 'minute');
  if (ms < MINUTE) return `<${u(1, 'minute')}`;
  const totalMin = Math.ceil(ms / MINUTE);
  const days = Math.floor(totalMin / (24 * 60));
  const hours = Math.floor((totalMin % (24 * 60)) / 60);
  const mins = totalMin % 60;
  if (days > 0) return hours > 0 ? `${u(days, 'day')} ${u(hours, 'hour')}` : u(days, 'day');
  if (hours > 0) return mins > 0 ? `${u(hours, 'hour')} ${u(mins, 'minute')}` : u(hours, 'hour');
  return u(mins, 'minute');
}

/** "14:05" today, "Tue 09:00" within a week, "3 Jul 09:00" beyond. */
export function formatResetClock(at: number, now: number, opts: FormatOptions): string {
  const time = new Intl.DateTimeFormat(opts.locale, { hour: 'numeric', minute: '2-digit', timeZone: opts.timeZone });
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone: opts.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  if (dayKey.format(at) === dayKey.format(now)) return time.format(at);
  if (at - now < 6 * DAY) {
    return new Intl.DateTimeFormat(opts.locale, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: opts.timeZone }).format(
      at,
    );
  }
  return new Intl.DateTimeFormat(opts.locale, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: opts.timeZone,
  }).format(at);
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    // An unknown currency code from a source must not break the view.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export function formatTokens(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: n >= 100_000 ? 'compact' : 'standard', maximumFractionDigits: 1 }).format(n);
}
