/** Settings › About: the version, where Brimline keeps its files (with a button to open the folder), the licence and links. */
import { useState } from 'react';
import { CLAUDE_USAGE_URL, type AppState } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { useBrimline } from '../../store-context';
import { Section } from '../fields';

/** Only allowed https hosts (shared/ipc.ts EXTERNAL_HOSTS); main checks again before opening. */
const LINKS = [
  { key: 'about.link.source', url: 'https://github.com/brimline-app/brimline' },
  { key: 'about.link.usage', url: CLAUDE_USAGE_URL },
  { key: 'about.link.help', url: 'https://support.anthropic.com/' },
] as const;

export function AboutSection({ app }: { app: AppState }) {
  const { t } = useI18n();
  const openExternal = useBrimline((s) => s.openExternal);
  const openDataFolder = useBrimline((s) => s.openDataFolder);
  const [openFailed, setOpenFailed] = useState(false);
  return (
    <Section title={t('settings.section.about')}>
      <p>
        <strong>{t('settings.version', { version: app.appVersion })}</strong>
        {' · '}
        {t('about.tagline')}
      </p>
      <dl className="about-list">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{app.appVersion}</dd>
        <dt>{t('about.dataFolder')}</dt>
        <dd>
          <code className="about-path" data-testid="about-data-folder">
            {app.dataFolder}
          </code>
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              void openDataFolder().then(
                (opened) => setOpenFailed(!opened),
                () => setOpenFailed(true),
              )
            }
          >
            {t('about.open')}
          </button>
          <span className="help">{t('about.dataFolder.help')}</span>
          {openFailed ? (
            <span className="field-error" role="alert">
              {t('about.openFailed')}
            </span>
          ) : null}
        </dd>
        <dt>{t('about.logFile')}</dt>
        <dd>
          <code className="about-path" data-testid="about-log-file">
            {app.logFile}
          </code>
        </dd>
        <dt>{t('about.licence')}</dt>
        <dd>{t('about.licence.text')}</dd>
        <dt>{t('about.links')}</dt>
        <dd>
          <ul className="about-links">
            {LINKS.map((l) => (
              <li key={l.url}>
                <button type="button" className="link-button" onClick={() => void openExternal(l.url)}>
                  {t(l.key)}
                </button>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </Section>
  );
}
