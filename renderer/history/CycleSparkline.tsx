/**
 * The current cycle of one window: usage so far as a line, the forecast as a dashed line from the
 * latest sample to the reset, and the 100 % line. The caller gives the text alternative (it owns
 * the wording and its translation) and the window's start and reset.
 */
import { formatCoord, linearScale, linePath, percentCeiling } from './scale';

export interface SparklineForecast {
  currentPercent: number;
  observedAtMs: number;
  projectedPercentAtReset: number | null;
  runsOutAt: string | null;
}

export interface CycleSparklineProps {
  samples: readonly { t: number; usedPercent: number }[];
  windowStartMs: number;
  resetsAtMs: number;
  forecast: SparklineForecast | null;
  /** The text alternative, e.g. "Session: 62 % used; at this pace 100 % at 15:40". */
  label: string;
  width?: number;
  height?: number;
}

export function CycleSparkline({ samples, windowStartMs, resetsAtMs, forecast, label, width = 240, height = 44 }: CycleSparklineProps) {
  const pad = 2;
  const inCycle = samples.filter((s) => s.t >= windowStartMs && s.t <= resetsAtMs).sort((a, b) => a.t - b.t);
  const top = percentCeiling([...inCycle.map((s) => s.usedPercent), forecast?.projectedPercentAtReset ?? 0]);
  const x = linearScale(windowStartMs, resetsAtMs, pad, width - pad);
  const y = linearScale(0, top, height - pad, pad);
  const used = linePath(inCycle.map((s) => ({ x: x(s.t), y: y(s.usedPercent) })));
  const runsOut = forecast?.runsOutAt ? Date.parse(forecast.runsOutAt) : NaN;
  return (
    <svg className="chart chart-sparkline" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{label}</title>
      <line className="chart-limit" x1={pad} x2={width - pad} y1={formatCoord(y(100))} y2={formatCoord(y(100))} />
      {used && <path className="chart-line" d={used} data-testid="sparkline-used" />}
      {forecast && forecast.projectedPercentAtReset !== null && (
        <line
          className="chart-forecast"
          data-testid="sparkline-forecast"
          x1={formatCoord(x(forecast.observedAtMs))}
          y1={formatCoord(y(forecast.currentPercent))}
          x2={formatCoord(x(resetsAtMs))}
          y2={formatCoord(y(forecast.projectedPercentAtReset))}
        />
      )}
      {Number.isFinite(runsOut) && runsOut <= resetsAtMs && (
        <circle className="chart-runs-out" data-testid="sparkline-runs-out" cx={formatCoord(x(runsOut))} cy={formatCoord(y(100))} r={2.5} />
      )}
    </svg>
  );
}
