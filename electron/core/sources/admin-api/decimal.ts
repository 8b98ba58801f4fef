/**
 * Exact decimal arithmetic for money sent as decimal strings ("123.78912" cents). A month of cost
 * buckets sums thousands of such strings; floats would drift, so values are BigInt units at a scale.
 */

export interface Decimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

const DECIMAL_RE = /^(-)?(\d{1,30})(?:\.(\d{1,30}))?$/;

export function parseDecimal(raw: string): Decimal | null {
  const m = DECIMAL_RE.exec(raw.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] ? -units : units, scale: frac.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

/** Divides by 10^places exactly (cents → dollars is `shiftDecimal(d, 2)`). */
export function shiftDecimal(d: Decimal, places: number): Decimal {
  return { units: d.units, scale: d.scale + places };
}

/** Plain decimal notation without trailing zeros: "1.2378912", "0", "-0.5". */
export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** The nearest double, for display and percentages; the exact string stays available. */
export function decimalToNumber(d: Decimal): number {
  return Number(formatDecimal(d));
}
