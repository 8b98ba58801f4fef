/** Today, the last 7 days and the active 5-hour block from local Claude Code logs (USD). */
import type { CostedTokens, LocalUsageSummary } from '../../shared/domain';
import { useI18n } from '../i18n';

export function LocalSummary({ local, now }: { local: LocalUsageSummary; now: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const line = (c: CostedTokens): string =>
    t('local.tokensCost', { tokens: i18n.tokens(c.totalTokens), cost: i18n.money(c.totalCost, 'USD') });
  const block = local.activeBlock;
  const blockEnd = block === null ? NaN : Date.parse(block.endTime);
  return (
    <div className="local" data-testid="local-summary">
      <dl className="local-list">
        <div className="local-item">
          <dt>{t('local.today')}</dt>
          <dd>{line(local.today)}</dd>
        </div>
        <div className="local-item">
          <dt>{t('local.week')}</dt>
          <dd>{line(local.week)}</dd>
        </div>
        {block !== null ? (
          <div className="local-item">
            <dt>{t('local.block')}</dt>
            <dd>
              {line(block)}
              {block.burnRate !== null ? (
                <span className="local-extra">
                  {t('local.burnRate', {
                    cost: i18n.money(block.burnRate.costPerHour, 'USD'),
                    tokens: i18n.tokens(block.burnRate.tokensPerHour),
                  })}
                </span>
              ) : null}
              {block.projection !== null && Number.isFinite(blockEnd) ? (
                <span className="local-extra">
                  {t('local.projection', { cost: i18n.money(block.projection.totalCost, 'USD'), clock: i18n.clock(blockEnd, now) })}
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {local.unpricedModels.length > 0 ? <p className="row-sub">{t('local.unpriced', { count: local.unpricedModels.length })}</p> : null}
      {local.pricesProblem ? (
        <p className="row-sub" role="alert">
          {t('local.pricesProblem', { problem: local.pricesProblem })}
        </p>
      ) : null}
    </div>
  );
}
