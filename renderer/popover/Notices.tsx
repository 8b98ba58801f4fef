/**
 * What the user should know before the numbers: problems found at start-up (a settings file set
 * aside…) and warnings about the data (Claude Code billing an API key instead of the plan).
 */
import { useI18n } from '../i18n';
import { useBrimline } from '../store-context';

export function Notices() {
  const { t } = useI18n();
  const problems = useBrimline((s) => s.app?.problems ?? []);
  const warnings = useBrimline((s) => s.app?.view.warnings ?? []);
  if (problems.length === 0 && warnings.length === 0) return null;
  return (
    <section className="notice notice-warn" aria-label={t('problems.title')} data-testid="notices">
      <p className="notice-title">{t('problems.title')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code} data-testid={`warning-${w.code}`}>
            {w.message}
          </li>
        ))}
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </section>
  );
}
