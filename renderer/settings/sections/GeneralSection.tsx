/** Settings › General: polling, what the tray and the popover show, login, the global shortcut, language and theme. */
import type { AppState } from '../../../shared/ipc';
import { accountLabel, windowLabel } from '../../../shared/labels';
import { presentAccounts } from '../../../shared/accounts';
import { MAX_POLL_MINUTES, MIN_POLL_MINUTES, type Language, type Theme, type TrayDisplay } from '../../../shared/settings';
import { useI18n, type I18n } from '../../i18n';
import { useBrimline } from '../../store-context';
import { Checkbox, RadioGroup, Section, Select, type Option } from '../fields';
import { NumberField } from '../NumberField';
import { ShortcutField } from '../ShortcutField';

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

export function GeneralSection({ app }: { app: AppState }) {
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
      <Checkbox label={t('settings.compact')} checked={settings.ui.compact} onChange={(compact) => void update({ ui: { compact } })} />
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
      <ShortcutField app={app} />
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
