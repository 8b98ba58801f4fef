/** `brimline status` without a format: the full, readable summary grouped by account. */
import { effectiveUsedPercent, isPastReset, msUntilReset, type SourceSnapshot, type UsageView } from '../../../../shared/domain';
import type { Translator } from '../../../../shared/i18n/translator';
import { accountLabel, apiSpendLine, sourceLabel, windowLabel, windowMoneyText } from '../../../../shared/labels';
import { isOrganisationCredits, memberSpendText, orgCreditsText } from '../../../../shared/org-credits';
import { openGrants, resetGrantText } from '../../../../shared/resets';
import { tildifyHome } from '../../usage/claude-folders';
import { table } from '../table';

/**
 * Per account (in the user's order): its merged windows, extra usage and the state of each of its
 * sources; then the sources no account has data from yet (a folder without a login), and warnings.
 */
export function renderStatus(view: UsageView, snapshots: readonly SourceSnapshot[], now: number, tr: Translator): string {
  const { t } = tr;
  const out: string[] = [];
  if (snapshots.length === 0) out.push(t('cli.noSources'));
  const severalFolders = new Set(snapshots.map((s) => s.folder).filter((f) => f)).size > 1;
  const listed = new Set<SourceSnapshot>();
  for (const account of view.accounts) {
    const windows = view.windows.filter((w) => w.accountId === account.id);
    const extra = view.extraUsage.find((e) => e.accountId === account.id);
    const sources = snapshots.filter((s) => s.accountId === account.id && (s.fetchedAt !== null || s.state !== 'unconfigured'));
    if (windows.length === 0 && !extra && sources.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(account.plan ? `${accountLabel(t, account)} · ${t('plan.label', { plan: account.plan })}` : accountLabel(t, account));
    const rows = windows
      .filter((w) => !isOrganisationCredits(w))
      .map((w) => {
        let reset = t('window.notStarted');
        if (isPastReset(w, now)) reset = t('window.reset');
        else if (w.resetsAt)
          reset = t('window.resetsIn', { duration: tr.duration(msUntilReset(w, now) ?? 0), clock: tr.clock(Date.parse(w.resetsAt), now) });
        const used = effectiveUsedPercent(w, now);
        const dollars = windowMoneyText(t, tr.money, w);
        return [
          dollars === null ? windowLabel(t, w) : `${windowLabel(t, w)} · ${dollars}`,
          used === null ? t('window.unknown') : tr.percent(Math.round(used)),
          `${reset} · ${sourceLabel(t, w.sourceId)}${w.stale ? ` (${t('cli.stale')})` : ''}`,
        ];
      });
    if (rows.length > 0) out.push(table(null, rows, '  ').trimEnd());
    out.push(...teamLines(view, account.id, now, tr));
    if (extra?.scope === 'organisation' && extra.used !== null) {
      out.push(`  ${orgCreditsText(tr, { used: extra.used, limit: extra.limit, currency: extra.currency })}`);
    } else if (extra) {
      if (!extra.enabled) out.push(`  ${t('extra.title')}: ${t('extra.off')}`);
      else {
        const used = extra.used === null ? '?' : tr.money(extra.used, extra.currency);
        const line =
          extra.limit === null ? t('extra.noLimit', { used }) : t('extra.ofLimit', { used, limit: tr.money(extra.limit, extra.currency) });
        out.push(`  ${t('extra.title')}: ${line}${extra.percent === null ? '' : ` (${tr.percent(Math.round(extra.percent))})`}`);
      }
    }
    for (const s of sources) {
      listed.add(s);
      out.push(...sourceLines(s, now, tr, severalFolders, '  '));
    }
  }
  const rest = snapshots.filter((s) => !listed.has(s));
  if (rest.length > 0 && out.length > 0) out.push('');
  for (const s of rest) out.push(...sourceLines(s, now, tr, severalFolders, ''));
  for (const w of view.warnings) out.push(`! ${w.message}`);
  return out.join('\n') + '\n';
}

/** An organisation's credits (with their age and source), the member's own spend, and open reset grants. */
function teamLines(view: UsageView, accountId: string, now: number, tr: Translator): string[] {
  const out: string[] = [];
  for (const w of view.windows) {
    if (w.accountId !== accountId || !isOrganisationCredits(w)) continue;
    const percent = tr.percent(Math.round(w.usedPercent));
    out.push(`  ${orgCreditsText(tr, w.money)} · ${percent} · ${sourceLabel(tr.t, w.sourceId)}${w.stale ? ` (${tr.t('cli.stale')})` : ''}`);
  }
  const spend = view.memberSpend?.find((m) => m.accountId === accountId);
  if (spend) out.push(`  ${memberSpendText(tr, spend.spend)}`);
  const grants = openGrants(view.resets?.find((r) => r.accountId === accountId)?.grants, now);
  for (const g of grants) out.push(`  ${resetGrantText(tr, g)}`);
  return out;
}

/** A source's state line (naming its Claude Code folder when there are several), its error, local totals and API spend. */
function sourceLines(s: SourceSnapshot, now: number, tr: Translator, severalFolders: boolean, indent: string): string[] {
  const { t } = tr;
  const out: string[] = [];
  const updated = s.fetchedAt ? `, ${t('cli.updated', { clock: tr.clock(Date.parse(s.fetchedAt), now) })}` : '';
  const name = sourceLabel(t, s.sourceId);
  const label = severalFolders && s.folder ? t('tray.sourceIn', { source: name, folder: tildifyHome(s.folder) }) : name;
  const same = s.sameLoginAs ? ` · ${t('cli.sameLoginAs', { folder: tildifyHome(s.sameLoginAs) })}` : '';
  out.push(`${label}: ${t(`cli.state.${s.state}`)}${updated}${same}`);
  if (s.error) {
    out.push(`  ! ${s.error.message}`);
    if (s.error.action?.kind === 'retry_at')
      out.push(`    ${t('cli.nextAttempt', { clock: tr.clock(Date.parse(s.error.action.at), now) })}`);
  }
  const l = s.local;
  if (l) {
    const cost = (c: { totalCost: number; totalTokens: number }): string =>
      t('local.tokensCost', { tokens: tr.tokens(c.totalTokens), cost: tr.money(c.totalCost, 'USD') });
    out.push(`  ${t('local.today')}: ${cost(l.today)}`);
    out.push(`  ${t('local.week')}: ${cost(l.week)}`);
    const b = l.activeBlock;
    if (b) {
      const rate = b.burnRate
        ? ` · ${t('local.burnRate', { cost: tr.money(b.burnRate.costPerHour, 'USD'), tokens: tr.tokens(b.burnRate.tokensPerHour) })}`
        : '';
      const proj = b.projection
        ? ` · ${t('local.projection', { cost: tr.money(b.projection.totalCost, 'USD'), clock: tr.clock(Date.parse(b.endTime), now) })}`
        : '';
      out.push(`  ${t('local.block')}: ${cost(b)}${rate}${proj}`);
    }
    if (l.unpricedModels.length > 0)
      out.push(`  ${t('local.unpriced', { count: l.unpricedModels.length })}: ${l.unpricedModels.join(', ')}`);
    if (l.pricesProblem) out.push(`  ${t('local.pricesProblem', { problem: l.pricesProblem })}`);
  }
  const spend = s.apiSpend;
  if (spend) {
    out.push(`  ${t('api.title')}: ${apiSpendLine(tr, spend)}`);
    if (spend.todayByModel === null) out.push(`  ${t('api.today')}: ${t('api.todayUnknown')}`);
    else if (spend.todayByModel.length === 0) out.push(`  ${t('api.today')}: ${t('api.todayNone')}`);
    else
      for (const m of spend.todayByModel)
        out.push(`  ${t('api.today')} · ${m.model}: ${t('api.tokens', { tokens: tr.tokens(m.totalTokens) })}`);
  }
  return out.map((line) => indent + line);
}
