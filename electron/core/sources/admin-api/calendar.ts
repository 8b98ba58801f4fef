/**
 * Calendar boundaries in the user's time zone (month to date starts at local midnight on the 1st),
 * computed with Intl so no time-zone database is bundled and the zone can be injected in tests.
 */

interface LocalParts {
  year: number;
  month: number;
  day: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** Local wall-clock time minus UTC, in ms, at instant `t`. */
function offsetAt(fmt: Intl.DateTimeFormat, t: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return asUtc - Math.floor(t / 1000) * 1000;
}

function localParts(fmt: Intl.DateTimeFormat, t: number): LocalParts {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day! };
}

/** The UTC instant of local midnight starting `year-month-day` (month 1-based; overflow rolls over). */
function localMidnight(fmt: Intl.DateTimeFormat, year: number, month: number, day: number): number {
  const wall = Date.UTC(year, month - 1, day);
  let t = wall - offsetAt(fmt, wall);
  // Once more with the offset at the guess, for days when the offset changes (DST).
  t = wall - offsetAt(fmt, t);
  return t;
}

/** Throws RangeError for an unknown zone; callers validate the zone first with `isValidTimeZone`. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface Boundaries {
  monthStart: number;
  nextMonthStart: number;
  todayStart: number;
}

export function boundaries(now: number, timeZone: string): Boundaries {
  const fmt = formatter(timeZone);
  const { year, month, day } = localParts(fmt, now);
  return {
    monthStart: localMidnight(fmt, year, month, 1),
    nextMonthStart: localMidnight(fmt, year, month + 1, 1),
    todayStart: localMidnight(fmt, year, month, day),
  };
}
