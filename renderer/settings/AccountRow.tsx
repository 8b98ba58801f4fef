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
  const { account } = group;
  const shownLabel = app?.settings.accounts.labels[account.id] ?? defaultLabel;
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);

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
        <AccountNameField
          id={id}
          accountId={account.id}
          defaultLabel={defaultLabel}
          describedBy={details !== '' ? `${id}-details` : undefined}
        />
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
        <RemoveConfirm
          id={id}
          accountId={account.id}
          shownLabel={shownLabel}
          open={confirming}
          onClose={() => {
            setConfirming(false);
            removeButton.current?.focus();
          }}
          onRemoved={() => setConfirming(false)}
        />
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

interface AccountNameFieldProps {
  id: string;
  accountId: string;
  defaultLabel: string;
  describedBy: string | undefined;
}

/** The account's name: saved on Enter or when the field loses focus; empty (or the default) means none of the user's own. */
function AccountNameField({ id, accountId, defaultLabel, describedBy }: AccountNameFieldProps) {
  const { t } = useI18n();
  const labels = useBrimline((s) => s.app?.settings.accounts.labels) ?? {};
  const update = useBrimline((s) => s.updateSettings);
  const saved = labels[accountId] ?? null;
  // Null while not being edited, so a rename made elsewhere (another window, a rollback) shows.
  const [editing, setEditing] = useState<string | null>(null);
  const draft = editing ?? saved ?? defaultLabel;

  const commit = (): void => {
    const name = draft.trim();
    const next = { ...labels };
    if (name === '' || name === defaultLabel) delete next[accountId];
    else next[accountId] = name;
    if ((next[accountId] ?? null) !== saved) void update({ accounts: { labels: next } });
    setEditing(null);
  };

  return (
    <div className="field account-name-field">
      {/* The field says the name; the label is for screen readers, to keep the section a screen tall. */}
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
        aria-describedby={describedBy}
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
  );
}

interface RemoveConfirmProps {
  /** The row's id prefix: the remove button controls `${id}-confirm`. */
  id: string;
  accountId: string;
  shownLabel: string;
  open: boolean;
  /** Cancelled: the focus goes back to the remove button. */
  onClose(): void;
  onRemoved(): void;
}

/** "Remove this account?" with the choice to delete its history too. */
function RemoveConfirm({ id, accountId, shownLabel, open, onClose, onRemoved }: RemoveConfirmProps) {
  const { t } = useI18n();
  const removeAccount = useBrimline((s) => s.removeAccount);
  const [deleteHistory, setDeleteHistory] = useState(false);
  return (
    <div
      id={`${id}-confirm`}
      className="notice notice-error account-confirm"
      role="group"
      aria-labelledby={`${id}-question`}
      hidden={!open}
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
            onRemoved();
            void removeAccount({ accountId, deleteHistory });
          }}
        >
          {t('accounts.remove.confirm')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setDeleteHistory(false);
            onClose();
          }}
        >
          {t('accounts.remove.cancel')}
        </button>
      </div>
    </div>
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
