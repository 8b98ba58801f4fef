/** Extra usage (credits beyond the plan) in the currency the source reported. */
import { severity, type ExtraUsage } from '../../shared/domain';
import { ProgressBar } from '../components/ProgressBar';
import { useI18n } from '../i18n';
import { orgCreditsText } from '../../shared/org-credits';

export function ExtraUsageRow({ extra, rowId, thresholds }: { extra: ExtraUsage; rowId: string; thresholds: readonly number[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labelId = `${rowId}-label`;
  const organisation = extra.scope === 'organisation' && extra.used !== null;
  let text: string;
  if (organisation) text = orgCreditsText(i18n, { used: extra.used ?? 0, limit: extra.limit, currency: extra.currency });
  else if (!extra.enabled) text = t('extra.off');
  else if (extra.used !== null && extra.limit !== null)
    text = t('extra.ofLimit', { used: i18n.money(extra.used, extra.currency), limit: i18n.money(extra.limit, extra.currency) });
  else if (extra.used !== null) text = t('extra.noLimit', { used: i18n.money(extra.used, extra.currency) });
  else text = t('extra.off');
  const percent = extra.percent ?? (extra.used !== null && extra.limit ? (extra.used / extra.limit) * 100 : null);
  return (
    <div className="window-row" data-testid="extra-usage">
      <div className="row-line">
        <span className="row-label" id={labelId}>
          {organisation ? t('org.credits.title') : t('extra.title')}
        </span>
        {extra.enabled && percent !== null ? <span className="row-value">{i18n.percent(percent)}</span> : null}
      </div>
      {extra.enabled && percent !== null ? (
        <ProgressBar value={percent} severity={severity(percent, thresholds)} labelledBy={labelId} valueText={text} />
      ) : null}
      <div className="row-sub">{text}</div>
    </div>
  );
}
