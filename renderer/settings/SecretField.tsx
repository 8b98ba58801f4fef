/**
 * A write-only secret: typed into a password field, sent once through the bridge, then shown
 * only as "Saved" with Remove. The value is never read back into the page.
 */
import { useId, useState } from 'react';
import type { SecretKind } from '../../shared/ipc';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';
import { RemoveSecretButton } from './AddKey';
import { FieldError, SecretInput } from './fields';

export function SecretField({ name }: { name: SecretKind }) {
  const { t } = useI18n();
  const id = useId();
  const saved = useBrimline((s) => s.app?.secrets.saved[name] ?? false);
  const busy = useBrimline((s) => s.secretBusy[name] ?? false);
  const failure = useBrimline((s) => s.secretErrors[name] ?? null);
  const saveSecret = useBrimline((s) => s.saveSecret);
  const [draft, setDraft] = useState('');
  const [emptyError, setEmptyError] = useState(false);

  const label = t(`settings.secret.${name}`);
  const error = emptyError ? t('settings.secret.empty') : failure !== null ? t('settings.secret.failed', { reason: failure }) : null;
  const describedBy = `${id}-help ${id}-error`;

  return (
    <div className="field secret" data-testid={`secret-${name}`}>
      {saved ? (
        <>
          <span className="label-text" id={`${id}-label`}>
            {label}
          </span>
          <div className="secret-saved">
            <span className="badge badge-ok">{t('settings.secret.saved')}</span>
            <RemoveSecretButton
              name={name}
              text={t('settings.secret.remove')}
              ariaLabel={t('settings.secret.removeNamed', { name: label })}
            />
          </div>
        </>
      ) : (
        <form
          className="secret-form"
          onSubmit={(e) => {
            e.preventDefault();
            const value = draft.trim();
            if (value === '') {
              setEmptyError(true);
              return;
            }
            void saveSecret(name, value).then((ok) => {
              if (ok) setDraft('');
            });
          }}
        >
          <label htmlFor={id}>{label}</label>
          <div className="secret-row">
            <SecretInput
              id={id}
              value={draft}
              invalid={error !== null}
              describedBy={describedBy}
              onChange={(value) => {
                setDraft(value);
                setEmptyError(false);
              }}
            />
            <button type="submit" className="btn" disabled={busy}>
              {t('settings.secret.save')}
            </button>
          </div>
        </form>
      )}
      <p id={`${id}-help`} className="help">
        {t(`settings.secret.${name}.help`)}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
