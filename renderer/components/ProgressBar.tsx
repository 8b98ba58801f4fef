/** A labelled progress bar; the fill width is set through CSSOM, which the strict CSP allows. */
import type { Severity } from '../../shared/domain';

export interface ProgressBarProps {
  /** 0–100 is drawn; values above 100 fill the bar and are still announced as they are. */
  value: number;
  severity?: Severity | 'neutral';
  label?: string;
  labelledBy?: string;
  valueText?: string;
  /** Where the user "should" be at this point of the window (pace), drawn as a tick; the row says it in words. */
  marker?: number | null;
}

export function ProgressBar({ value, severity = 'neutral', label, labelledBy, valueText, marker = null }: ProgressBarProps) {
  const shown = Math.round(Math.max(0, value));
  const width = Math.min(100, Math.max(0, value));
  return (
    <div
      className={`bar bar-${severity}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={Math.max(100, shown)}
      aria-valuenow={shown}
      aria-valuetext={valueText}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      <div className="bar-fill" style={{ width: `${width}%` }} />
      {marker !== null ? (
        <div className="bar-tick" data-testid="pace-tick" aria-hidden="true" style={{ left: `${Math.min(100, Math.max(0, marker))}%` }} />
      ) : null}
    </div>
  );
}
