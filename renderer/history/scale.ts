/**
 * Scales and paths for the history charts: plain numbers in, SVG path data out (no chart library:
 * four small charts do not earn one's weight in the renderer's JS budget).
 */

export interface Scale {
  (v: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Linear map from [d0, d1] to [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  const f = ((v: number) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0))) as Scale;
  f.domain = [d0, d1];
  f.range = [r0, r1];
  return f;
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

/**
 * A polyline through the points; a new segment (M) starts where `breakBefore` says so, e.g. at a
 * reset, so a chart never draws a line down from one cycle's peak to the next cycle's start.
 */
export function linePath(points: readonly { x: number; y: number }[], breakBefore: (i: number) => boolean = () => false): string {
  let d = '';
  points.forEach((p, i) => {
    d += `${i === 0 || breakBefore(i) ? 'M' : 'L'}${fmt(p.x)} ${fmt(p.y)}`;
  });
  return d;
}

/** The y-axis top: 100 %, or more when usage (legally) went above it. */
export function percentCeiling(values: readonly number[]): number {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, v) : m), 0);
  return max <= 100 ? 100 : Math.ceil(max / 10) * 10;
}

export { fmt as formatCoord };
