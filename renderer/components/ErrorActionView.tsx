/** Turns an error's `ErrorAction` into the control that fixes it. */
import type { ErrorAction } from '../../shared/domain';
import { isAllowedExternalUrl } from '../../shared/ipc';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { CopyCommand } from './CopyCommand';

export function ErrorActionView({ action }: { action: ErrorAction }) {
  const { t, clock, duration } = useI18n();
  const now = useBrimline((s) => s.now);
  const refresh = useBrimline((s) => s.refresh);
  const refreshing = useBrimline((s) => s.refreshing);
  const openSettings = useBrimline((s) => s.openSettings);
  const openExternal = useBrimline((s) => s.openExternal);

  switch (action.kind) {
    case 'run_command':
      return (
        <div className="action">
          <p className="action-lead">{t('action.runCommand')}</p>
          <CopyCommand command={action.command} />
        </div>
      );
    case 'retry_at': {
      const at = Date.parse(action.at);
      if (!Number.isFinite(at) || at <= now) return <p className="action-note">{t('state.nextAttemptNow')}</p>;
      return <p className="action-note">{t('state.nextAttempt', { clock: clock(at, now), duration: duration(at - now) })}</p>;
    }
    case 'retry':
      return (
        <button type="button" className="btn btn-small" disabled={refreshing} onClick={() => void refresh()}>
          {t('action.retry')}
        </button>
      );
    case 'open_settings':
      // Errors that send the user to Settings are about a source's key or switch.
      return (
        <button type="button" className="btn btn-small" onClick={() => void openSettings('sources')}>
          {t('action.openSettings')}
        </button>
      );
    case 'open_url':
      if (!isAllowedExternalUrl(action.url)) return null;
      return (
        <button type="button" className="btn btn-small" onClick={() => void openExternal(action.url)}>
          {t('action.openUrl')}
        </button>
      );
  }
}
