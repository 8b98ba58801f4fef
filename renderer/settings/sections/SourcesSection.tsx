/** Settings › Sources: Claude Code detection, then each source's switch and what it needs once on. */
import { SOURCE_IDS } from '../../../shared/domain';
import type { AppState } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { useBrimline } from '../../store-context';
import { Checkbox, Section } from '../fields';
import { SECRET_SOURCES, SourceOptions } from '../SourceOptions';

export function SourcesSection({ app }: { app: AppState }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const { settings, claudeCode } = app;
  // The memory-only keychain notice shows once, above the first secret field.
  const firstSecretSource = SECRET_SOURCES.find((id) => settings.sources[id].enabled) ?? null;
  return (
    <Section title={t('settings.sources')}>
      <div className="field" data-testid="claude-code">
        <span className="label-text">{t('settings.claudeCode')}</span>
        <p className={claudeCode.found ? 'detect detect-ok' : 'detect detect-missing'}>
          {claudeCode.found
            ? t('settings.claudeCode.found', { detail: claudeCode.detail })
            : t('settings.claudeCode.notFound', { detail: claudeCode.detail })}
        </p>
      </div>
      {/* Each source's switch, and under it what that source needs once it is on. */}
      {SOURCE_IDS.map((id) => (
        <div key={id} className="source-setting" data-testid={`source-setting-${id}`}>
          <Checkbox
            label={t(`settings.enable.${id}`)}
            checked={settings.sources[id].enabled}
            onChange={(enabled) => void update({ sources: { [id]: { enabled } } })}
          />
          {settings.sources[id].enabled ? <SourceOptions id={id} app={app} memoryNotice={id === firstSecretSource} /> : null}
        </div>
      ))}
    </Section>
  );
}
