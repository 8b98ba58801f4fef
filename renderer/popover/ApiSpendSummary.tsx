/** Admin API spend: month to date in dollars (the budget bar is the `budget` window above it) and today's tokens per model. */
import type { ApiSpend } from '../../shared/domain';
import { apiSpendLine } from '../../shared/labels';
import { useI18n } from '../i18n';

export function ApiSpendSummary({ spend }: { spend: ApiSpend }) {
  const i18n = useI18n();
  const { t } = i18n;
  const today = spend.todayByModel;
  return (
    <div className="local" data-testid="api-spend">
      <dl className="local-list">
        <div className="local-item">
          <dt>{t('api.title')}</dt>
          <dd>{apiSpendLine(i18n, spend)}</dd>
        </div>
        <div className="local-item">
          <dt>{t('api.today')}</dt>
          <dd>
            {today === null ? (
              t('api.todayUnknown')
            ) : today.length === 0 ? (
              t('api.todayNone')
            ) : (
              <ul className="api-models">
                {today.map((m) => (
                  <li key={m.model}>
                    <span className="api-model">{m.model}</span> <span>{t('api.tokens', { tokens: i18n.tokens(m.totalTokens) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="row-sub">{t('api.lag')}</p>
    </div>
  );
}
