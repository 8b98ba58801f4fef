/**
 * What a switched-on source needs from the user, under its switch: the claude.ai session key and
 * organisation, the Admin API key and monthly budget. Sources that need nothing render nothing.
 */
import type { SourceId } from '../../shared/domain';
import type { AppState } from '../../shared/ipc';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { Select, type Option } from './fields';
import { NumberField } from './NumberField';
import { SecretField } from './SecretField';

/** Sources that read a secret, in the order their fields appear. */
export const SECRET_SOURCES: readonly SourceId[] = ['claude-web', 'admin-api'];

export function SourceOptions({ id, app, memoryNotice }: { id: SourceId; app: AppState; memoryNotice: boolean }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const openExternal = useBrimline((s) => s.openExternal);
  const notice =
    memoryNotice && app.secrets.backend === 'memory' ? (
      <p className="notice" role="note" data-testid="memory-only">
        {t('settings.secret.memoryOnly', { reason: app.secrets.keychainProblem ?? t('error.keychain_unavailable') })}
      </p>
    ) : null;

  if (id === 'claude-web') {
    const orgs = app.claudeWebOrganizations;
    const chosen = app.settings.claudeWebOrganization;
    const options: Option<string>[] = orgs.map((o) => ({ value: o.uuid, label: o.name }));
    if (chosen === null) options.unshift({ value: '', label: t('settings.claudeWeb.organization.choose') });
    else if (!orgs.some((o) => o.uuid === chosen))
      options.push({ value: chosen, label: t('settings.claudeWeb.organization.gone', { uuid: chosen }) });
    return (
      <div className="source-options" data-testid="options-claude-web">
        {notice}
        <SecretField name="claudeSessionKey" />
        <p className="help" data-testid="session-key-where">
          {t('settings.claudeWeb.where')}{' '}
          <button type="button" className="btn btn-small" onClick={() => void openExternal('https://claude.ai')}>
            {t('settings.claudeWeb.open')}
          </button>
        </p>
        {/* One chat organisation is followed without asking; several need the user's choice. */}
        {orgs.length > 1 ? (
          <div data-testid="organization-picker">
            <Select
              label={t('settings.claudeWeb.organization')}
              value={chosen ?? ''}
              options={options}
              onChange={(uuid) => void update({ claudeWebOrganization: uuid === '' ? null : uuid })}
            />
            <p className="help">{t('settings.claudeWeb.organization.help')}</p>
          </div>
        ) : null}
      </div>
    );
  }

  if (id === 'admin-api') {
    return (
      <div className="source-options" data-testid="options-admin-api">
        {notice}
        <SecretField name="adminApiKey" />
        <NumberField
          label={t('settings.budget')}
          help={t('settings.budget.help')}
          value={app.settings.monthlyApiBudget}
          min={0}
          step="any"
          parse={(raw) => {
            if (raw.trim() === '') return { ok: true, value: null };
            const n = Number(raw);
            return Number.isFinite(n) && n > 0 && n <= 1e9 ? { ok: true, value: n } : { ok: false, error: t('settings.budget.invalid') };
          }}
          onApply={(monthlyApiBudget) => void update({ monthlyApiBudget })}
        />
        <p className="help">{t('settings.adminApi.lag')}</p>
      </div>
    );
  }
  if (id === 'statusline') return <StatuslineOptions />;
  return null;
}

/** Claude Code's status line: set up (chaining any existing one) or removed, in its settings.json. */
function StatuslineOptions() {
  const { t } = useI18n();
  const setup = useBrimline((s) => s.app?.statusline ?? null);
  const busy = useBrimline((s) => s.statuslineBusy);
  const setStatusline = useBrimline((s) => s.setStatusline);
  // The CLI is where it is set up when the app cannot reach Claude Code's settings.
  if (setup === null) return <p className="help">{t('settings.statusline.cli')}</p>;
  const installed = setup.kind === 'installed';
  return (
    <div className="source-options" data-testid="options-statusline">
      <p className="help" data-testid="statusline-state">
        {setup.kind === 'installed'
          ? setup.chained
            ? t('settings.statusline.installedChained', { file: setup.file, command: setup.chained })
            : t('settings.statusline.installed', { file: setup.file })
          : setup.kind === 'other'
            ? t('settings.statusline.other', { file: setup.file, description: setup.description ?? '' })
            : setup.kind === 'unreadable'
              ? t('settings.statusline.unreadable', { file: setup.file, reason: setup.description ?? '' })
              : t('settings.statusline.none', { file: setup.file })}
      </p>
      {setup.kind !== 'unreadable' ? (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void setStatusline(!installed)}>
          {t(installed ? 'settings.statusline.remove' : 'settings.statusline.install')}
        </button>
      ) : null}
      {setup.message ? (
        <p className="help" role="status" data-testid="statusline-message">
          {setup.message}
        </p>
      ) : null}
    </div>
  );
}
