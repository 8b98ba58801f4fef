/** Shown when no source is set up: a short guide to add one. */
import { CopyCommand } from '../components/CopyCommand';
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';

export function NoSources() {
  const { t } = useI18n();
  const openSettings = useBrimline((s) => s.openSettings);
  return (
    <section className="card empty" aria-labelledby="empty-title" data-testid="no-sources">
      <h2 id="empty-title">{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <ol className="steps">
        <li>
          <p>{t('empty.step1')}</p>
          <CopyCommand command="claude" />
        </li>
        <li>
          <p>{t('empty.step2')}</p>
          <button type="button" className="btn btn-small" onClick={() => void openSettings('sources')}>
            {t('action.openSettings')}
          </button>
        </li>
      </ol>
    </section>
  );
}
