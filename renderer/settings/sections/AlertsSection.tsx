/** Settings › Alerts: thresholds and which notifications to send. */
import type { AppState } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { useBrimline } from '../../store-context';
import { Checkbox, Section } from '../fields';
import { ThresholdEditor } from '../ThresholdEditor';

export function AlertsSection({ app }: { app: AppState }) {
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
