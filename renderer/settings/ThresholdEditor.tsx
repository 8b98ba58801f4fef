/** The alert threshold list: add and remove, 1–100, no duplicates, validated as you type. */
import { useId, useState } from 'react';
import { MAX_THRESHOLDS, normaliseThresholds, thresholdProblem } from '../../shared/settings';
import { useI18n } from '../i18n';
import { FieldError } from './fields';

export function ThresholdEditor({ thresholds, onChange }: { thresholds: readonly number[]; onChange(next: number[]): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [draft, setDraft] = useState('');
  const problem = draft.trim() === '' ? null : thresholdProblem(thresholds, draft);
  const message = problem === null ? null : t(`settings.thresholds.${problem}`, { max: MAX_THRESHOLDS });
  const canAdd = draft.trim() !== '' && problem === null;

  const add = (): void => {
    if (!canAdd) return;
    onChange(normaliseThresholds([...thresholds, Number(draft.trim())]));
    setDraft('');
  };

  return (
    <fieldset className="field thresholds">
      <legend>{t('settings.thresholds')}</legend>
      <p className="help" id={`${id}-help`}>
        {t('settings.thresholds.help')}
      </p>
      {thresholds.length === 0 ? (
        <p className="help">{t('settings.thresholds.none')}</p>
      ) : (
        <ul className="chips" aria-label={t('settings.thresholds')}>
          {thresholds.map((v) => (
            <li key={v} className="chip">
              <span>{i18n.percent(v)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={t('settings.thresholds.remove', { value: i18n.percent(v) })}
                onClick={() => onChange(thresholds.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="threshold-add">
        <label htmlFor={id}>{t('settings.thresholds.new')}</label>
        <div className="secret-row">
          <input
            id={id}
            type="text"
            inputMode="numeric"
            value={draft}
            aria-invalid={problem !== null}
            aria-describedby={`${id}-help ${id}-error`}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="btn" disabled={!canAdd} onClick={add}>
            {t('settings.thresholds.add')}
          </button>
        </div>
      </div>
      <FieldError id={`${id}-error`} message={message} />
    </fieldset>
  );
}
