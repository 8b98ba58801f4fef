/**
 * Settings › Accounts: each account (the user's names and order) with the folders and keys that
 * feed it; folders that reach no account yet; adding a Claude Code folder; folders removed earlier.
 * Each change sends the whole list or map it touches, since a patch replaces the field it names.
 */
import { useId, useState } from 'react';
import { reorderAccounts } from '../../shared/accounts';
import { snapshotKey } from '../../shared/domain';
import { isSecretName, parseSecretName, type AppState, type ClaudeFolder } from '../../shared/ipc';
import { MAX_ACCOUNT_FOLDERS } from '../../shared/settings';
import { domId, folderProblem, groupAccounts, guessHome, instanceName, normaliseFolder, tildify } from '../accounts';
import { ErrorActionView } from '../components/ErrorActionView';
import { accountLabel, errorLabel } from '../../shared/labels';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { AccountRow } from './AccountRow';
import { AddKey, RemoveKey } from './AddKey';
import { FieldError, Section } from './fields';

export function AccountsSection({ app }: { app: AppState }) {
  const { t } = useI18n();
  const update = useBrimline((s) => s.updateSettings);
  const prefs = app.settings.accounts;
  const { groups, unassigned } = groupAccounts(app.view, app.snapshots, prefs);
  const home = guessHome(app.claudeFolders);
  const shown = groups.map((g) => g.account);

  const connected = new Set(groups.flatMap((g) => g.snapshots.map((s) => s.folder).filter((f): f is string => !!f)));
  const notConnected = app.claudeFolders.filter((f) => !connected.has(f.dir));
  const otherUnassigned = unassigned.filter((s) => !s.folder);

  const removeFolder = (f: ClaudeFolder): void => {
    // A folder the user added leaves their list; one found on its own is remembered as removed, or it would come back.
    if (f.origin === 'settings') void update({ accounts: { folders: prefs.folders.filter((x) => normaliseFolder(x, home) !== f.dir) } });
    else void update({ accounts: { ignoredFolders: [...prefs.ignoredFolders.filter((x) => normaliseFolder(x, home) !== f.dir), f.dir] } });
  };

  return (
    <Section title={t('accounts.title')}>
      <p className="help">{t('accounts.help')}</p>
      {groups.length === 0 ? (
        <p className="help" data-testid="accounts-none">
          {t('accounts.none')}
        </p>
      ) : (
        <ul className="account-list" aria-label={t('accounts.title')}>
          {groups.map((g, i) => (
            <AccountRow
              key={g.account.id}
              group={g}
              defaultLabel={accountLabel(t, app.view.accounts.find((a) => a.id === g.account.id) ?? { ...g.account, label: g.account.id })}
              first={i === 0}
              last={i === groups.length - 1}
              home={home}
              onMove={(by) => void update({ accounts: { order: reorderAccounts(shown, g.account.id, by) } })}
            />
          ))}
        </ul>
      )}

      {notConnected.length > 0 || otherUnassigned.length > 0 ? (
        <div className="accounts-block" data-testid="accounts-not-connected">
          <h3>{t('accounts.notConnected')}</h3>
          <p className="help">{t('accounts.notConnected.help')}</p>
          <ul className="connections">
            {notConnected.map((f) => {
              const problem = app.snapshots.find((s) => s.folder === f.dir && s.error !== null) ?? null;
              return (
                <li key={f.dir} className="connection" data-testid={`not-connected-${domId(f.dir)}`}>
                  <div className="connection-line">
                    <span className="connection-name">{tildify(f.dir, home)}</span>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('accounts.folder.removeNamed', { folder: tildify(f.dir, home) })}
                      onClick={() => removeFolder(f)}
                    >
                      {t('accounts.folder.remove')}
                    </button>
                  </div>
                  <p className="connection-state connection-error">
                    {problem?.error ? errorLabel(t, problem.sourceId, problem.error.code) : t('accounts.notConnected.noData')}
                  </p>
                  {problem?.error?.action ? <ErrorActionView action={problem.error.action} /> : null}
                </li>
              );
            })}
            {otherUnassigned.map((s) => (
              <li key={snapshotKey(s)} className="connection" data-testid={`not-connected-${domId(snapshotKey(s))}`}>
                <div className="connection-line">
                  <span className="connection-name">{instanceName(t, s, home)}</span>
                  {/* A further key that reaches no account can go on its own; the first key is managed under Sources. */}
                  {isSecretName(s.keyName) && parseSecretName(s.keyName)?.slot ? (
                    <RemoveKey name={s.keyName} label={instanceName(t, s, home)} />
                  ) : null}
                </div>
                <p className="connection-state connection-error">
                  {s.error ? errorLabel(t, s.sourceId, s.error.code) : t('accounts.notConnected.noData')}
                </p>
                {s.error?.action ? <ErrorActionView action={s.error.action} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <AddFolder app={app} home={home} />
      <RemovedFolders app={app} home={home} />
      <AddKeys />
    </Section>
  );
}

/** Keys for further accounts and organisations: behind a disclosure, so the section stays a screen tall. */
function AddKeys() {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="accounts-block" data-testid="accounts-add-keys">
      <button type="button" className="btn btn-small disclosure" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
        {t('accounts.keys.more')}
      </button>
      <div id={id} className="accounts-keys" hidden={!open}>
        <p className="help" data-testid="accounts-keys">
          {t('accounts.keys')}
        </p>
        <AddKey kind="claudeSessionKey" />
        <AddKey kind="adminApiKey" />
      </div>
    </div>
  );
}

function AddFolder({ app, home }: { app: AppState; home: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const update = useBrimline((s) => s.updateSettings);
  const [draft, setDraft] = useState('');
  const [tried, setTried] = useState(false);
  const prefs = app.settings.accounts;
  const existing = [...app.claudeFolders.map((f) => f.dir), ...prefs.folders];
  const problem = folderProblem(draft, existing, home);
  const full = prefs.folders.length >= MAX_ACCOUNT_FOLDERS;
  // Say what is wrong as soon as there is something to judge; an empty field only after Add.
  const message =
    full && draft.trim() !== ''
      ? t('accounts.folder.tooMany', { max: MAX_ACCOUNT_FOLDERS })
      : problem === null || (problem === 'empty' && !tried)
        ? null
        : t(`accounts.folder.${problem}`);

  const add = (): void => {
    setTried(true);
    if (problem !== null || full) return;
    const folder = draft.trim();
    const wanted = normaliseFolder(folder, home);
    const ignored = prefs.ignoredFolders.filter((f) => normaliseFolder(f, home) !== wanted);
    void update({
      accounts: {
        folders: [...prefs.folders, folder],
        ...(ignored.length !== prefs.ignoredFolders.length ? { ignoredFolders: ignored } : {}),
      },
    });
    setDraft('');
    setTried(false);
  };

  return (
    <div className="field accounts-add" data-testid="accounts-add">
      <label htmlFor={id}>{t('accounts.folder.add')}</label>
      <p className="help" id={`${id}-help`}>
        {t('accounts.folder.addHelp')}
      </p>
      <div className="secret-row">
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="~/.claude-work"
          value={draft}
          aria-invalid={message !== null}
          aria-describedby={`${id}-help ${id}-error`}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setTried(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn" onClick={add}>
          {t('accounts.folder.addButton')}
        </button>
      </div>
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}

function RemovedFolders({ app, home }: { app: AppState; home: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const update = useBrimline((s) => s.updateSettings);
  const [open, setOpen] = useState(false);
  const ignored = app.settings.accounts.ignoredFolders;
  if (ignored.length === 0) return null;
  return (
    <div className="accounts-block" data-testid="accounts-removed">
      <button type="button" className="btn btn-small disclosure" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
        {t('accounts.removed', { count: ignored.length })}
      </button>
      <ul id={id} className="connections" hidden={!open}>
        {ignored.map((f) => (
          <li key={f} className="connection connection-line">
            <span className="connection-name">{tildify(f, home)}</span>
            <button
              type="button"
              className="btn btn-small"
              aria-label={t('accounts.removed.readAgainNamed', { folder: tildify(f, home) })}
              onClick={() => void update({ accounts: { ignoredFolders: ignored.filter((x) => x !== f) } })}
            >
              {t('accounts.removed.readAgain')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
