/** The words for a window's pace and forecast, shared by its row and its sparkline's text alternative. */
import type { WindowOutlookView } from '../../shared/ipc';
import type { I18n } from '../i18n';

/** "Ahead of pace by 12%", "Behind pace by 8%", "On pace"; null when pace has no meaning. */
export function paceText(o: WindowOutlookView, i18n: I18n): string | null {
  if (o.pace === null || o.stage === null) return null;
  const percent = i18n.percent(Math.round(Math.abs(o.pace.deltaPercent)));
  if (o.stage === 'ahead') return i18n.t('window.paceAhead', { percent });
  if (o.stage === 'behind') return i18n.t('window.paceBehind', { percent });
  return i18n.t('window.paceOnTrack');
}

/** "At this pace: 100% at 15:40, 35 min before reset (from the last hour)", "On pace to finish at 70% (from the window average)", "Not enough data yet". */
export function forecastText(o: WindowOutlookView, i18n: I18n, now: number): string {
  const f = o.forecast;
  if (f === null) return i18n.t('window.notEnoughData');
  if (f.method === 'exhausted') return i18n.t('window.forecastOut');
  let text: string;
  if (f.runsOutAt !== null && f.marginMs !== null)
    text = i18n.t('window.forecastRunsOut', { clock: i18n.clock(Date.parse(f.runsOutAt), now), duration: i18n.duration(f.marginMs) });
  else
    text = i18n.t('window.forecastLasts', {
      percent: i18n.percent(Math.round(Math.min(100, f.projectedPercentAtReset ?? f.currentPercent))),
    });
  // Which kind of forecast it is: the window average alone, or with the last hour of samples.
  text = i18n.t('forecast.withBasis', { forecast: text, basis: i18n.t(`forecast.basis.${f.basis}`) });
  return f.idle ? `${i18n.t('window.forecastIdle', { clock: i18n.clock(f.idleSinceMs, now) })} · ${text}` : text;
}
