/** Last updated, and the Refresh, Settings and Quit buttons. */
import type { SourceSnapshot } from '../../shared/domain';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';

function lastUpdated(snapshots: readonly SourceSnapshot[]): number | null {
  let latest: number | null = null;
  for (const s of snapshots) {
    const t = s.fetchedAt === null ? NaN : Date.parse(s.fetchedAt);
    if (Number.isFinite(t) && (latest === null || t > latest)) latest = t;
  }
  return latest;
}

export function Footer({ snapshots, now }: { snapshots: readonly SourceSnapshot[]; now: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const refreshing = useBrimline((s) => s.refreshing);
  const refreshAllowedAt = useBrimline((s) => s.app?.refreshAllowedAt ?? null);
  const refusedUntil = useBrimline((s) => s.refreshRefusedUntil);
  const refresh = useBrimline((s) => s.refresh);
  const openSettings = useBrimline((s) => s.openSettings);
  const quit = useBrimline((s) => s.quit);

  const updated = lastUpdated(snapshots);
  const gate = [refreshAllowedAt, refusedUntil].map((v) => (v === null ? NaN : Date.parse(v))).filter((v) => Number.isFinite(v) && v > now);
  const gatedUntil = gate.length > 0 ? Math.max(...gate) : null;
  return (
    <footer className="footer">
      <div className="footer-status" role="status">
        <span>{updated === null ? t('footer.never') : t('footer.updated', { ago: i18n.duration(Math.max(0, now - updated)) })}</span>
        {gatedUntil !== null ? <span className="footer-gate">{t('footer.refreshAt', { clock: i18n.clock(gatedUntil, now) })}</span> : null}
      </div>
      <div className="footer-buttons">
        <button type="button" className="btn btn-primary" disabled={refreshing || gatedUntil !== null} onClick={() => void refresh()}>
          {refreshing ? t('footer.refreshing') : t('footer.refresh')}
        </button>
        <button type="button" className="btn" onClick={() => void openSettings()}>
          {t('footer.settings')}
        </button>
        <button type="button" className="btn" onClick={() => (window.location.hash = '#history')}>
          {t('footer.history')}
        </button>
        <button type="button" className="btn" onClick={() => void quit()}>
          {t('footer.quit')}
        </button>
      </div>
    </footer>
  );
}
