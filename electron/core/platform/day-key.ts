/**
 * Calendar days in a time zone. Intl is slow per call, so the day is computed once per
 * 15-minute slot (every UTC offset in use is a multiple of 15 minutes) and cached.
 */

const SLOT_MS = 15 * 60 * 1000;

export class InvalidTimeZoneError extends Error {
  override name = 'InvalidTimeZoneError';
}

export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new InvalidTimeZoneError(`Unknown time zone "${timeZone}". Use an IANA name such as UTC, Europe/Paris or Asia/Kolkata.`);
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export class DayKeyer {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly cache = new Map<number, string>();

  constructor(readonly timeZone: string) {
    assertTimeZone(timeZone);
    this.fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** `YYYY-MM-DD` of an epoch-ms instant in this time zone. */
  day(ts: number): string {
    const slot = Math.floor(ts / SLOT_MS);
    let d = this.cache.get(slot);
    if (d === undefined) {
      d = this.format(slot * SLOT_MS);
      this.cache.set(slot, d);
    }
    return d;
  }

  private format(ts: number): string {
    let y = '';
    let m = '';
    let d = '';
    for (const p of this.fmt.formatToParts(ts)) {
      if (p.type === 'year') y = p.value;
      else if (p.type === 'month') m = p.value;
      else if (p.type === 'day') d = p.value;
    }
    return `${y.padStart(4, '0')}-${m}-${d}`;
  }
}

/** The day `n` days before `day` (`YYYY-MM-DD`, calendar arithmetic). */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
