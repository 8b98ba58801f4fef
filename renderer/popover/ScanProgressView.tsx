/** Progress of the first scan of local logs, by bytes when known (files vary a lot in size). */
import type { ScanProgress } from '../../shared/domain';
import { ProgressBar } from '../components/ProgressBar';
import { useI18n } from '../i18n';

export function ScanProgressView({ scan }: { scan: ScanProgress }) {
  const i18n = useI18n();
  const { t } = i18n;
  const fraction = scan.bytesTotal > 0 ? scan.bytesDone / scan.bytesTotal : scan.filesTotal > 0 ? scan.filesDone / scan.filesTotal : 0;
  const percent = Math.min(100, fraction * 100);
  const files = t('scan.files', { done: new Intl.NumberFormat(i18n.locale).format(scan.filesDone), count: scan.filesTotal });
  return (
    <div className="window-row" data-testid="scan-progress">
      <div className="row-line">
        <span className="row-label">{t('scan.title')}</span>
        <span className="row-value">{i18n.percent(percent)}</span>
      </div>
      <ProgressBar value={percent} label={t('scan.barLabel')} valueText={`${i18n.percent(percent)} · ${files}`} />
      <div className="row-sub">{files}</div>
    </div>
  );
}
