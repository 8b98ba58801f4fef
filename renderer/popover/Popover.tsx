/**
 * The tray popover: a card per account (the user's names and order), then what is not connected
 * yet; a guide when nothing is set up. Test ids the tests rely on: `account-<domId(accountId)>`
 * (a card; `account-local` for this computer), `account-attention` (the last card), `account-top`
 * (a folded card's most-used window), `window-<windowIdentity>` (a row, e.g. `window-session`,
 * `window-weekly_model:opus`) with `window-source` (its provenance), `notice-context` (which
 * instance a notice is about).
 */
import { groupAccounts, guessHome } from '../accounts';
import { useTicker } from '../components/useTicker';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { AccountCard } from './AccountCard';
import { AttentionCard } from './AttentionCard';
import { Footer } from './Footer';
import { NoSources } from './NoSources';
import { Notices } from './Notices';

export function Popover() {
  useTicker(1000);
  const { t } = useI18n();
  const app = useBrimline((s) => s.app);
  const now = useBrimline((s) => s.now);
  const update = useBrimline((s) => s.updateSettings);
  const openSettings = useBrimline((s) => s.openSettings);
  if (app === null) return null;
  const { settings } = app;
  const { groups, unassigned } = groupAccounts(app.view, app.snapshots, settings.accounts);
  const home = guessHome(app.claudeFolders);
  const collapsed = settings.accounts.collapsed;
  // The whole list goes with each change: a patch replaces the field it names.
  const toggle = (id: string): void =>
    void update({ accounts: { collapsed: collapsed.includes(id) ? collapsed.filter((c) => c !== id) : [...collapsed, id] } });
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
        {groups.length === 0 && unassigned.length === 0 ? <NoSources /> : null}
        {groups.map((g) => (
          <AccountCard
            key={g.account.id}
            group={g}
            home={home}
            now={now}
            thresholds={settings.thresholds}
            display={settings.tray.display}
            notified={app.alerts}
            outlook={app.outlook}
            collapsed={collapsed.includes(g.account.id)}
            onToggle={() => toggle(g.account.id)}
            compact={settings.ui.compact}
          />
        ))}
        {unassigned.length > 0 ? <AttentionCard snapshots={unassigned} home={home} now={now} /> : null}
        {groups.length > 0 ? (
          <button type="button" className="link-button add-account" onClick={() => void openSettings('accounts')}>
            {t('action.addAccount')}
          </button>
        ) : null}
      </main>
      <Footer snapshots={app.snapshots} now={now} />
    </div>
  );
}
