/**
 * One account in Settings: its name (rename on blur or Enter; empty goes back to the default),
 * Move up / Move down, Remove with an inline confirmation, and the folders and keys that feed it.
 */
import { useId, useRef, useState } from 'react';
import { isSourceId, LOCAL_ACCOUNT_ID, snapshotKey, type SourceSnapshot } from '../../shared/domain';
import { isSecretName, parseSecretName, SOURCE_SECRETS } from '../../shared/ipc';
import { MAX_ACCOUNT_LABEL } from '../../shared/settings';
import { domId, instanceName, tildify, type AccountGroup } from '../accounts';
import { ErrorActionView } from '../components/ErrorActionView';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { errorLabel } from '../../shared/labels';
import { RemoveKey } from './AddKey';
import { Checkbox } from './fields';

/** Sources with one key each, listed under the account their key belongs to. */
/** The instances Settings lists under an account: one per folder, and one per saved key. */
function connectionsOf(group: AccountGroup): SourceSnapshot[] {
  return group.snapshots.filter((s) => s.folder || (isSourceId(s.sourceId) && SOURCE_SECRETS[s.sourceId] !== undefined));
}

export interface AccountRowProps {
  group: AccountGroup;
  /** The name the account has without the user's: its email, organisation or "This computer". */
  defaultLabel: string;
  first: boolean;
  last: boolean;
  home: string | null;
  onMove(by: -1 | 1): void;
}

export function AccountRow({ group, defaultLabel, first, last, home, onMove }: AccountRowProps) {
  const { t } = useI18n();
  const id = useId();
  const app = useBrimline((s) => s.app);
  const update = useBrimline((s) => s.updateSettings);
  const removeAccount = useBrimline((s) => s.removeAccount);
  const { account } = group;
  const labels = app?.settings.accounts.labels ?? {};
  const saved = labels[account.id] ?? null;
  const shownLabel = saved ?? defaultLabel;
  // Null while not being edited, so a rename made elsewhere (another window, a rollback) shows.
  const [editing, setEditing] = useState<string | null>(null);
  const draft = editing ?? shownLabel;
  const [confirming, setConfirming] = useState(false);
  const [deleteHistory, setDeleteHistory] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);

  const commit = (): void => {
    const name = draft.trim();
    const next = { ...labels };
    // Empty, or the default itself, means "no name of my own".
    if (name === '' || name === defaultLabel) delete next[account.id];
    else next[account.id] = name;
    if ((next[account.id] ?? null) !== saved) void update({ accounts: { labels: next } });
    setEditing(null);
  };

  const cancel = (): void => {
    setConfirming(false);
    setDeleteHistory(false);
    removeButton.current?.focus();
  };

  const connections = connectionsOf(group);
  const details = [
    account.plan !== null ? t('plan.label', { plan: account.plan }) : null,
    account.email !== shownLabel ? account.email : null,
  ]
    .filter((x): x is string => x !== null && x !== '')
    .join(' · ');

  return (
    <li className="account-row" data-testid={`account-setting-${domId(account.id)}`}>
      <div className="account-row-head">
        <div className="field account-name-field">
          <label htmlFor={`${id}-name`} className="visually-hidden">
            {t('accounts.name')}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={MAX_ACCOUNT_LABEL}
            value={draft}
            placeholder={defaultLabel}
            aria-label={t('accounts.nameOf', { account: defaultLabel })}
            aria-describedby={details !== '' ? `${id}-details` : undefined}
            onChange={(e) => setEditing(e.currentTarget.value)}
            onBlur={commit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
              }
            }}
          />
        </div>
        <div className="account-row-buttons">
          <button
            type="button"
            className="btn btn-small"
            disabled={first}
            aria-label={t('accounts.moveUpNamed', { account: shownLabel })}
            onClick={() => onMove(-1)}
          >
            {t('accounts.moveUp')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={last}
            aria-label={t('accounts.moveDownNamed', { account: shownLabel })}
            onClick={() => onMove(1)}
          >
            {t('accounts.moveDown')}
          </button>
          {/* "This computer" is the local logs' account: there is nothing to remove. */}
          {account.id !== LOCAL_ACCOUNT_ID ? (
            <button
              ref={removeButton}
              type="button"
              className="btn btn-small"
              aria-expanded={confirming}
              aria-controls={`${id}-confirm`}
              aria-label={t('accounts.removeNamed', { account: shownLabel })}
              onClick={() => setConfirming(!confirming)}
            >
              {t('accounts.remove')}
            </button>
          ) : null}
        </div>
      </div>
      {details !== '' ? (
        <p className="help" id={`${id}-details`}>
          {details}
        </p>
      ) : null}
      {account.id !== LOCAL_ACCOUNT_ID ? (
        <div
          id={`${id}-confirm`}
          className="notice notice-error account-confirm"
          role="group"
          aria-labelledby={`${id}-question`}
          hidden={!confirming}
          data-testid="account-remove-confirm"
        >
          <p className="notice-title" id={`${id}-question`}>
            {t('accounts.remove.question', { account: shownLabel })}
          </p>
          <p>{t('accounts.remove.explain')}</p>
          <Checkbox label={t('accounts.remove.history')} checked={deleteHistory} onChange={setDeleteHistory} />
          <div className="account-row-buttons">
            <button
              type="button"
              className="btn btn-small btn-danger"
              onClick={() => {
                setConfirming(false);
                void removeAccount({ accountId: account.id, deleteHistory });
              }}
            >
              {t('accounts.remove.confirm')}
            </button>
            <button type="button" className="btn btn-small" onClick={cancel}>
              {t('accounts.remove.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {connections.length > 0 ? (
        <ul className="connections" aria-label={t('accounts.connections', { account: shownLabel })}>
          {connections.map((s) => (
            <Connection key={snapshotKey(s)} snapshot={s} home={home} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Connection({ snapshot: s, home }: { snapshot: SourceSnapshot; home: string | null }) {
  const { t } = useI18n();
  const name = instanceName(t, s, home);
  let state: string;
  if (s.sameLoginAs) state = t('accounts.sameLogin', { folder: tildify(s.sameLoginAs, home) });
  else if (s.state === 'ok') state = t('accounts.state.ok');
  else if (s.error !== null) state = errorLabel(t, s.sourceId, s.error.code);
  else state = t('state.staleNever');
  const bad = s.state === 'error' || s.state === 'stale';
  return (
    <li className="connection" data-testid={`connection-${domId(snapshotKey(s))}`}>
      <div className="connection-line">
        <span className="connection-name">{name}</span>
        {/* A further key can go on its own; the account's Remove takes everything. */}
        {isSecretName(s.keyName) && parseSecretName(s.keyName)?.slot ? <RemoveKey name={s.keyName} label={name} /> : null}
      </div>
      <p className={bad ? 'connection-state connection-error' : 'connection-state connection-ok'}>{state}</p>
      {bad && s.error?.action ? <ErrorActionView action={s.error.action} /> : null}
    </li>
  );
}
