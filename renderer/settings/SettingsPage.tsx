/**
 * The settings window: a list of sections and the one chosen. Every change applies at once through
 * the bridge; there is no Save. The section shown is a setting (main remembers it, and sets it when
 * the tray or the popover asks for a section); `#settings/<section>` opens a new window there.
 */
import { useEffect, useRef, useState } from 'react';
import type { AppState } from '../../shared/ipc';
import { isSettingsSection, type SettingsSection } from '../../shared/settings';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { AccountsSection } from './AccountsSection';
import { AboutSection } from './sections/AboutSection';
import { AlertsSection } from './sections/AlertsSection';
import { GeneralSection } from './sections/GeneralSection';
import { SourcesSection } from './sections/SourcesSection';
import { SettingsTabs, panelId, tabId } from './SettingsTabs';

const SECTIONS: Record<SettingsSection, (props: { app: AppState }) => React.JSX.Element | null> = {
  general: GeneralSection,
  accounts: AccountsSection,
  sources: SourcesSection,
  alerts: AlertsSection,
  about: AboutSection,
};

/** `#settings/accounts` → 'accounts'; null for `#settings` or an unknown name. */
export function sectionFromHash(hash: string): SettingsSection | null {
  const part = hash.replace(/^#settings\/?/, '');
  return isSettingsSection(part) ? part : null;
}

/** The section on show: the hash's at first, then the remembered one whenever main changes it. */
function useSection(saved: SettingsSection): [SettingsSection, (s: SettingsSection) => void] {
  const update = useBrimline((s) => s.updateSettings);
  const [shown, setShown] = useState<SettingsSection>(() => sectionFromHash(window.location.hash) ?? saved);
  const last = useRef(saved);
  useEffect(() => {
    if (last.current !== saved) setShown(saved);
    last.current = saved;
  }, [saved]);
  const select = (s: SettingsSection): void => {
    setShown(s);
    if (s !== saved) void update({ ui: { settingsSection: s } });
  };
  return [shown, select];
}

export function SettingsPage() {
  const app = useBrimline((s) => s.app);
  return app === null ? null : <SettingsWindow app={app} />;
}

function SettingsWindow({ app }: { app: AppState }) {
  const { t } = useI18n();
  const settingsError = useBrimline((s) => s.settingsError);
  const [section, select] = useSection(app.settings.ui.settingsSection);
  const Body = SECTIONS[section];
  return (
    <div className="settings">
      <header className="settings-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sections')}>
          <SettingsTabs active={section} onSelect={select} />
        </nav>
        <main className="settings-body">
          {settingsError !== null ? (
            <p className="notice notice-error" role="alert">
              {t('settings.saveFailed', { reason: settingsError })}
            </p>
          ) : null}
          <div
            id={panelId(section)}
            role="tabpanel"
            aria-labelledby={tabId(section)}
            className="settings-panel"
            data-testid={`settings-${section}`}
          >
            <Body app={app} />
          </div>
        </main>
      </div>
    </div>
  );
}
