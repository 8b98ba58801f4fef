/** The tray popover: a card per configured source, or a guide when there is none. */
import type { SourceSnapshot } from '../../shared/domain';
import { useTicker } from '../components/useTicker';
import { useI18n } from '../i18n';
import { useHeadroom } from '../store-context';
import { Footer } from './Footer';
import { NoSources } from './NoSources';
import { Notices } from './Notices';
import { SourceCard } from './SourceCard';

export function Popover() {
  useTicker(1000);
  const { t } = useI18n();
  const app = useHeadroom((s) => s.app);
  const now = useHeadroom((s) => s.now);
  if (app === null) return null;
  // Sources that need the user (errors, a first scan) come first so their fix is above the fold.
  const needsAttention = (s: SourceSnapshot): number => (s.state === 'error' || s.scan ? 0 : 1);
  const configured = app.snapshots.filter((s) => s.state !== 'unconfigured').sort((a, b) => needsAttention(a) - needsAttention(b));
  return (
    <div className="popover">
      <header className="popover-head">
        <h1>{t('app.name')}</h1>
      </header>
      {/* Focusable so keyboard users can scroll it when the cards overflow. */}
      <main className="popover-body" tabIndex={0} aria-label={t('popover.usage')}>
        <Notices />
        {app.trayHost.host !== 'present' ? (
          // No tray host (vanilla GNOME): this window opened itself at start, the icon being invisible.
          <p className="notice" role="status" data-testid="tray-host-note">
            {t(app.trayHost.note === 'gnome-appindicator' ? 'popover.trayHost.gnome' : 'popover.trayHost.none')}
          </p>
        ) : null}
        {configured.length === 0 ? (
          <NoSources />
        ) : (
          configured.map((s) => (
            <SourceCard
              key={s.sourceId}
              snapshot={s}
              now={now}
              thresholds={app.settings.thresholds}
              display={app.settings.tray.display}
              notified={app.alerts}
              outlook={app.outlook}
            />
          ))
        )}
      </main>
      <Footer snapshots={app.snapshots} now={now} />
    </div>
  );
}
