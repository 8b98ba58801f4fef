/**
 * The frame every history chart shares: a y scale with gridlines, the x axis's labels, the user's
 * alert thresholds as faint lines, the 100 % line marked, and marks (bars or points) that show
 * their value and time on hover and on focus. The marks are one tab stop (roving tabindex); the
 * arrow keys, Home and End move between them. The chart's own name is its text alternative, and
 * each mark is named with what its tooltip says.
 */
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatCoord, linearScale, type Scale } from './scale';
import type { Tick } from './axes';

export interface ChartMark {
  key: string;
  /** Data units: a time, or a slot index for categorical bars. */
  x: number;
  y: number;
  /** What the tooltip and the mark's accessible name say, e.g. "Tue 1 Dec, 14:05: 88 %". */
  text: string;
  /** Bars have a width in data units; points have none. */
  width?: number;
  className?: string;
}

export interface ChartProps {
  /** The text alternative, stating the chart's numbers. */
  label: string;
  width: number;
  height: number;
  x: { from: number; to: number; ticks: readonly Tick[] };
  y: { top: number; ticks: readonly Tick[] };
  /** Faint lines, each with its name ("Alert at 75 %"). */
  thresholds?: readonly { at: number; label: string }[];
  /** The y value drawn as the limit line (100 for percent charts). */
  limit?: number;
  marks: readonly ChartMark[];
  /** Drawn under the marks: lines, labels. */
  children?: (sx: Scale, sy: Scale) => ReactNode;
  className?: string;
  testId?: string;
}

export const MARGIN = { left: 34, right: 6, top: 8, bottom: 16 } as const;

const NEXT: Readonly<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function Chart({ label, width, height, x, y, thresholds = [], limit, marks, children, className, testId }: ChartProps) {
  const sx = linearScale(x.from, x.to, MARGIN.left, width - MARGIN.right);
  const sy = linearScale(0, y.top, height - MARGIN.bottom, MARGIN.top);
  // The mark that holds the tab stop (the latest, at first) and whether its tooltip shows.
  const [active, setActive] = useState(marks.length - 1);
  const [showing, setShowing] = useState(false);
  const current = Math.min(Math.max(active, 0), marks.length - 1);
  const tip = showing ? marks[current] : undefined;

  const onKeyDown = (e: KeyboardEvent<SVGElement>): void => {
    let next: number;
    if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = marks.length - 1;
    else if (NEXT[e.key] !== undefined) next = Math.min(Math.max(current + NEXT[e.key]!, 0), marks.length - 1);
    else if (e.key === 'Escape') {
      setShowing(false);
      return;
    } else return;
    e.preventDefault();
    setActive(next);
    setShowing(true);
    const svg = e.currentTarget.ownerSVGElement ?? e.currentTarget;
    svg.querySelector<SVGElement>(`[data-mark="${next}"]`)?.focus();
  };

  const tipX = tip ? sx(tip.x + (tip.width ?? 0) / 2) : 0;
  return (
    <div className={`chart-wrap ${className ?? ''}`} style={{ maxWidth: width }} data-testid={testId}>
      <svg className="chart" role="group" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <g aria-hidden="true">
          <ChartAxes {...{ width, height, x, y, thresholds, limit, sx, sy }} />
          {children?.(sx, sy)}
        </g>
        <g className="chart-marks" onKeyDown={onKeyDown} onMouseLeave={() => setShowing(false)}>
          {marks.map((m, i) => {
            const common = {
              'data-mark': i,
              role: 'img',
              'aria-label': m.text,
              tabIndex: i === current ? 0 : -1,
              onFocus: () => {
                setActive(i);
                setShowing(true);
              },
              onBlur: () => setShowing(false),
              onMouseEnter: () => {
                setActive(i);
                setShowing(true);
              },
            };
            if (m.width !== undefined) {
              const x0 = sx(m.x);
              const w = Math.max(1.5, sx(m.x + m.width) - x0);
              const top = sy(Math.max(0, Math.min(m.y, y.top)));
              return (
                <rect
                  key={m.key}
                  {...common}
                  className={`chart-mark ${m.className ?? 'chart-bar'}`}
                  x={formatCoord(x0)}
                  y={formatCoord(top)}
                  width={formatCoord(w)}
                  height={formatCoord(Math.max(0.5, sy(0) - top))}
                />
              );
            }
            return (
              <circle
                key={m.key}
                {...common}
                className={`chart-mark ${m.className ?? 'chart-point'}`}
                cx={formatCoord(sx(m.x))}
                cy={formatCoord(sy(Math.max(0, Math.min(m.y, y.top))))}
                r={i === current && showing ? 4 : 2.5}
              />
            );
          })}
        </g>
      </svg>
      {tip ? (
        // The mark's own name says the same to assistive technology; this is for the eye.
        <div
          className="chart-tip"
          aria-hidden="true"
          data-testid="chart-tip"
          style={{
            left: `${Math.min(Math.max((tipX / width) * 100, 22), 78)}%`,
            top: `${(sy(Math.min(tip.y, y.top)) / height) * 100}%`,
          }}
        >
          {tip.text}
        </div>
      ) : null}
    </div>
  );
}

interface AxesProps extends Pick<ChartProps, 'width' | 'height' | 'x' | 'y' | 'thresholds' | 'limit'> {
  sx: Scale;
  sy: Scale;
}

/** Gridlines and their labels, the limit and threshold lines, and the x axis's ticks. */
function ChartAxes({ width, height, x, y, thresholds = [], limit, sx, sy }: AxesProps) {
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  return (
    <>
      {y.ticks.map((t) => (
        <g key={`y${t.at}`}>
          <line
            className={t.at === limit ? 'chart-limit' : 'chart-grid'}
            x1={left}
            x2={right}
            y1={formatCoord(sy(t.at))}
            y2={formatCoord(sy(t.at))}
          />
          {t.label !== '' ? (
            <text
              className={t.at === limit ? 'chart-axis chart-axis-limit' : 'chart-axis'}
              x={left - 4}
              y={formatCoord(sy(t.at) + 3)}
              textAnchor="end"
            >
              {t.label}
            </text>
          ) : null}
        </g>
      ))}
      {limit !== undefined && !y.ticks.some((t) => t.at === limit) ? (
        <line className="chart-limit" x1={left} x2={right} y1={formatCoord(sy(limit))} y2={formatCoord(sy(limit))} />
      ) : null}
      {thresholds
        .filter((t) => t.at > 0 && t.at < y.top && t.at !== limit)
        .map((t) => (
          <line key={`t${t.at}`} className="chart-threshold" x1={left} x2={right} y1={formatCoord(sy(t.at))} y2={formatCoord(sy(t.at))}>
            <title>{t.label}</title>
          </line>
        ))}
      {x.ticks.map((t, i) => {
        const px = sx(t.at);
        // The outer labels lean inwards so they stay inside the chart.
        const anchor = px - left < 14 ? 'start' : right - px < 14 ? 'end' : 'middle';
        return (
          <g key={`x${t.at}`}>
            <line
              className="chart-tick"
              x1={formatCoord(px)}
              x2={formatCoord(px)}
              y1={height - MARGIN.bottom}
              y2={height - MARGIN.bottom + 3}
            />
            <text className="chart-axis" x={formatCoord(px)} y={height - 3} textAnchor={anchor} data-tick={i}>
              {t.label}
            </text>
          </g>
        );
      })}
    </>
  );
}
