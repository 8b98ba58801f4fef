/** The settings window. Every change applies at once through the bridge; there is no Save. */
import { SOURCE_IDS } from '../../shared/domain';
import { MAX_POLL_MINUTES, MIN_POLL_MINUTES, type Language, type Theme, type TrayDisplay } from '../../shared/settings';
import { accountLabel } from '../../shared/labels';
import type { AppState } from '../../shared/ipc';
import { useI18n, type I18n } from '../i18n';
import { presentAccounts } from '../../shared/accounts';
import { windowLabel } from '../../shared/labels';
import { useBrimline } from '../store-context';
import { AccountsSection } from './AccountsSection';
import { Checkbox, RadioGroup, Section, Select, type Option } from './fields';
import { NumberField } from './NumberField';
import { SECRET_SOURCES, SourceOptions } from './SourceOptions';
import { ThresholdEditor } from './ThresholdEditor';

export function SettingsPage() {
  const { t } = useI18n();
  const app = useBrimline((s) => s.app);
  const settingsError = useBrimline((s) => s.settingsError);
  if (app === null) return null;

  return (
    <div className="settings">
      <header className="settings-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <main className="settings-body">
        {settingsError !== null ? (
          <p className="notice notice-error" role="alert">
            {t('settings.saveFailed', { reason: settingsError })}
          </p>
        ) : null}

        <AccountsSection app={app} />
        <SourcesSection app={app} />
        <AlertsSection app={app} />
        <GeneralSection app={app} />
        <p className="version">{t('settings.version', { version: app.appVersion })}</p>
      </main>
    </div>
  );
}

/** Claude Code's login, then each source's switch and, under it, what that source needs once it is on. */
function SourcesSection({ app }: { app: AppState }) {
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

/** Thresholds, whether and what to notify, and what the OS says about notifications. */
function AlertsSection({ app }: { app: AppState }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const { settings, notifications } = app;
  return (
    <Section title={t('settings.alerts')}>
      <ThresholdEditor thresholds={settings.thresholds} onChange={(thresholds) => void update({ thresholds })} />
      <Checkbox
        label={t('settings.notifications')}
        checked={settings.notifications.enabled}
        onChange={(enabled) => void update({ notifications: { enabled } })}
      />
      {notifications.blocked ? (
        <div className="notice" role="status" data-testid="notifications-blocked">
          <p className="notice-title">{t('settings.notifications.blocked', { reason: notifications.reason ?? '' })}</p>
          <p>{t(`settings.notifications.allow.${app.platform}`)}</p>
        </div>
      ) : !notifications.supported ? (
        <p className="help" data-testid="notifications-unsupported">
          {t('settings.notifications.unsupported')}
        </p>
      ) : null}
      {notifications.supported ? <NotificationTest /> : null}
      <Checkbox
        label={t('settings.onReset')}
        checked={settings.notifications.onReset}
        disabled={!settings.notifications.enabled}
        onChange={(onReset) => void update({ notifications: { onReset } })}
      />
      <Checkbox
        label={t('settings.runsOut')}
        checked={settings.notifications.runsOut}
        disabled={!settings.notifications.enabled}
        onChange={(runsOut) => void update({ notifications: { runsOut } })}
      />
      <Checkbox
        label={t('settings.unusedAtReset')}
        checked={settings.notifications.unusedAtReset}
        disabled={!settings.notifications.enabled}
        onChange={(unusedAtReset) => void update({ notifications: { unusedAtReset } })}
      />
    </Section>
  );
}

/** The tray's window and account choices, from what the view holds (and the saved choice, even when gone). */
function trayChoices(app: AppState, t: I18n['t']) {
  const { settings } = app;
  // The tray shows merged windows, so a pin names a window whichever source reports it.
  const windows: Option<string>[] = [{ value: 'auto', label: t('settings.trayWindow.auto') }];
  for (const w of app.view.windows) {
    if (!windows.some((o) => o.value === w.id)) windows.push({ value: w.id, label: windowLabel(t, w) });
  }
  if (!windows.some((o) => o.value === settings.tray.window)) windows.push({ value: settings.tray.window, label: settings.tray.window });
  const accounts = presentAccounts(app.view.accounts, settings.accounts);
  const accountOptions: Option<string>[] = [
    { value: 'auto', label: t('accounts.tray.auto') },
    ...accounts.map((a) => ({ value: a.id, label: accountLabel(t, a) })),
  ];
  if (!accountOptions.some((o) => o.value === settings.tray.account))
    accountOptions.push({ value: settings.tray.account, label: t('accounts.tray.gone', { id: settings.tray.account }) });
  // Which account the tray follows matters only once there are several.
  return { windows, accounts: accounts.length > 1 ? accountOptions : null };
}

/** Polling, the tray, pace, launch at login, language and theme. */
function GeneralSection({ app }: { app: AppState }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const { settings } = app;
  const tray = trayChoices(app, t);
  const languages: Option<Language>[] = (['system', 'en', 'fr'] as const).map((v) => ({ value: v, label: t(`settings.language.${v}`) }));
  const themes: Option<Theme>[] = (['system', 'light', 'dark'] as const).map((v) => ({ value: v, label: t(`settings.theme.${v}`) }));
  const displays: Option<TrayDisplay>[] = (['used', 'remaining'] as const).map((v) => ({
    value: v,
    label: t(`settings.trayDisplay.${v}`),
  }));
  return (
    <Section title={t('settings.general')}>
      <NumberField
        label={t('settings.poll')}
        value={settings.pollIntervalMinutes}
        min={MIN_POLL_MINUTES}
        max={MAX_POLL_MINUTES}
        step={1}
        parse={(raw) => {
          const n = Number(raw);
          return raw.trim() !== '' && Number.isInteger(n) && n >= MIN_POLL_MINUTES && n <= MAX_POLL_MINUTES
            ? { ok: true, value: n }
            : { ok: false, error: t('settings.poll.invalid', { min: MIN_POLL_MINUTES, max: MAX_POLL_MINUTES }) };
        }}
        onApply={(v) => {
          if (v !== null) void update({ pollIntervalMinutes: v });
        }}
      />
      <Select
        label={t('settings.trayWindow')}
        value={settings.tray.window}
        options={tray.windows}
        onChange={(window) => void update({ tray: { window } })}
      />
      {tray.accounts !== null ? (
        <Select
          label={t('accounts.tray')}
          value={settings.tray.account}
          options={tray.accounts}
          onChange={(account) => void update({ tray: { account } })}
        />
      ) : null}
      <RadioGroup
        legend={t('settings.trayDisplay')}
        name="tray-display"
        value={settings.tray.display}
        options={displays}
        onChange={(display) => void update({ tray: { display } })}
      />
      <Checkbox
        label={t('settings.paceMarker')}
        checked={settings.tray.paceMarker}
        onChange={(paceMarker) => void update({ tray: { paceMarker } })}
      />
      <Checkbox
        label={t('settings.workingDaysPace')}
        checked={settings.pace.workingDaysOnly}
        onChange={(workingDaysOnly) => void update({ pace: { workingDaysOnly } })}
      />
      <Checkbox
        label={t('settings.launchAtLogin')}
        checked={settings.launchAtLogin}
        onChange={(launchAtLogin) => void update({ launchAtLogin })}
      />
      {app.loginItemNeedsApproval ? (
        <p className="notice" role="status" data-testid="login-item-approval">
          {t('settings.launchAtLogin.approve')}
        </p>
      ) : null}
      <Select
        label={t('settings.language')}
        value={settings.language}
        options={languages}
        onChange={(language) => void update({ language })}
      />
      <Select label={t('settings.theme')} value={settings.theme} options={themes} onChange={(theme) => void update({ theme })} />
    </Section>
  );
}

const TEST_RESULT_KEYS = {
  shown: 'settings.notifications.test.shown',
  failed: 'settings.notifications.test.failed',
  unsupported: 'settings.notifications.test.unsupported',
  'no-answer': 'settings.notifications.test.noAnswer',
} as const;

/** A test notification on request: on macOS the first one is what brings the permission prompt. */
function NotificationTest() {
  const { t } = useI18n();
  const result = useBrimline((s) => s.notificationTest);
  const send = useBrimline((s) => s.testNotification);
  return (
    <div className="field">
      <button type="button" className="btn" disabled={result === 'sending'} onClick={() => void send()}>
        {t('settings.notifications.test')}
      </button>
      {result !== null && result !== 'sending' ? (
        <p className="help" role="status" data-testid="notification-test">
          {t(TEST_RESULT_KEYS[result])}
        </p>
      ) : null}
    </div>
  );
}
