/** Picks the view from the location hash and applies the language and theme to the document. */
import { useEffect, useState } from 'react';
import { HistoryView } from './history/HistoryView';
import { useI18n } from './i18n';
import { Popover } from './popover/Popover';
import { SettingsPage } from './settings/SettingsPage';
import { useBrimline } from './store-context';

export type View = 'popover' | 'settings' | 'history';

export function viewFromHash(hash: string): View {
  // `#settings/<section>` is the settings view at a section.
  const name = hash.replace(/^#/, '').split('/')[0];
  return name === 'settings' || name === 'history' ? name : 'popover';
}

function useView(): View {
  const [view, setView] = useState<View>(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return view;
}

function useDocumentPreferences(view: View): void {
  const { locale, t } = useI18n();
  const theme = useBrimline((s) => s.app?.settings.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dataset['view'] = view;
    // "system" leaves the attribute off so the stylesheet follows prefers-color-scheme.
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
    document.title =
      view === 'settings'
        ? `${t('settings.title')} · ${t('app.name')}`
        : view === 'history'
          ? `${t('history.title')} · ${t('app.name')}`
          : t('app.name');
  }, [locale, theme, view, t]);
}

export function App() {
  const view = useView();
  useDocumentPreferences(view);
  const status = useBrimline((s) => s.status);
  const reload = useBrimline((s) => s.reload);
  const { t } = useI18n();
  if (status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (status === 'failed') {
    return (
      <main className="load-failed">
        <h1>{t('app.name')}</h1>
        <p role="alert">{t('app.loadFailed')}</p>
        <button type="button" className="btn btn-primary" onClick={() => void reload()}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (view === 'settings') return <SettingsPage />;
  return view === 'history' ? <HistoryView /> : <Popover />;
}
