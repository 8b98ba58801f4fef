/** Usage of one window over a period (7 or 30 days); the line breaks at each reset instead of dropping. */
import { formatCoord, linearScale, linePath, percentCeiling } from './scale';

export interface UsageLineProps {
  samples: readonly { t: number; usedPercent: number; resetsAt: number | null }[];
  fromMs: number;
  toMs: number;
  /** The text alternative, e.g. "Weekly usage over 30 days, from 0 % to 87 %". */
  label: string;
  width?: number;
  height?: number;
}

/** Points further apart than this are a gap in the data (app closed), not a straight line. */
const GAP_MS = 3 * 3_600_000;

export function UsageLine({ samples, fromMs, toMs, label, width = 280, height = 64 }: UsageLineProps) {
  const pad = 2;
  const shown = samples.filter((s) => s.t >= fromMs && s.t <= toMs).sort((a, b) => a.t - b.t);
  const x = linearScale(fromMs, toMs, pad, width - pad);
  const y = linearScale(0, percentCeiling(shown.map((s) => s.usedPercent)), height - pad, pad);
  const d = linePath(
    shown.map((s) => ({ x: x(s.t), y: y(s.usedPercent) })),
    (i) => {
      const prev = shown[i - 1]!;
      const cur = shown[i]!;
      const resetBetween = prev.resetsAt !== null && cur.t >= prev.resetsAt;
      return resetBetween || cur.usedPercent < prev.usedPercent - 3 || cur.t - prev.t > GAP_MS;
    },
  );
  return (
    <svg className="chart chart-usage" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{label}</title>
      <line className="chart-limit" x1={pad} x2={width - pad} y1={formatCoord(y(100))} y2={formatCoord(y(100))} />
      {d && <path className="chart-line" d={d} data-testid="usage-line" />}
    </svg>
  );
}
