/**
 * Adding another account's claude.ai session key or another organisation's Admin key: a password
 * field sent once through the bridge, which saves it in the keychain under a new slot. The value
 * is never read back; the key then shows as its own source under the account it reaches.
 */
import { useId, useState } from 'react';
import type { SecretKind, SecretName } from '../../shared/ipc';
import { useI18n } from '../i18n';
import { addingKeyName } from '../store';
import { useBrimline } from '../store-context';
import { FieldError, SecretInput } from './fields';

export function AddKey({ kind }: { kind: SecretKind }) {
  const { t } = useI18n();
  const id = useId();
  const addKey = useBrimline((s) => s.addKey);
  const busy = useBrimline((s) => s.secretBusy[addingKeyName(kind)] ?? false);
  const failure = useBrimline((s) => s.secretErrors[addingKeyName(kind)] ?? null);
  const [draft, setDraft] = useState('');
  const [empty, setEmpty] = useState(false);
  const [added, setAdded] = useState(false);
  const error = empty ? t('settings.secret.empty') : failure !== null ? t('settings.secret.failed', { reason: failure }) : null;

  const add = async (): Promise<void> => {
    setAdded(false);
    if (draft.trim() === '') {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    const ok = await addKey(kind, draft);
    // Cleared either way: a value stays out of the page once it has been sent.
    setDraft('');
    setAdded(ok);
  };

  return (
    <div className="field accounts-add" data-testid={`accounts-add-key-${kind}`}>
      <label htmlFor={id}>{t(`accounts.key.add.${kind}`)}</label>
      <p className="help" id={`${id}-help`}>
        {t('accounts.key.addHelp')}
      </p>
      <div className="secret-row">
        <SecretInput
          id={id}
          value={draft}
          invalid={error !== null}
          describedBy={`${id}-help ${id}-error ${id}-done`}
          onChange={(value) => {
            setDraft(value);
            setEmpty(false);
            setAdded(false);
          }}
          onEnter={() => void add()}
        />
        <button type="button" className="btn" disabled={busy} onClick={() => void add()}>
          {t('accounts.key.addButton')}
        </button>
      </div>
      <FieldError id={`${id}-error`} message={error} />
      <p id={`${id}-done`} className="help" role="status">
        {added ? t('accounts.key.added') : ''}
      </p>
    </div>
  );
}

/** Removes one further key (its slot and its source go with it); the first key of each kind is removed under Sources. */
export function RemoveKey({ name, label }: { name: SecretName; label: string }) {
  const { t } = useI18n();
  return <RemoveSecretButton name={name} text={t('accounts.key.remove')} ariaLabel={t('accounts.key.removeNamed', { name: label })} />;
}

/** The one Remove button for a saved key: deletes it from the keychain through the bridge, disabled while that is under way. */
export function RemoveSecretButton({ name, text, ariaLabel }: { name: SecretName; text: string; ariaLabel: string }) {
  const removeSecret = useBrimline((s) => s.removeSecret);
  const busy = useBrimline((s) => s.secretBusy[name] ?? false);
  return (
    <button type="button" className="btn btn-small" disabled={busy} aria-label={ariaLabel} onClick={() => void removeSecret(name)}>
      {text}
    </button>
  );
}
