/**
 * `brimline status [--json]`: one poll of every configured source through the app's own core and
 * application service (same sources, same scheduler rules: a persisted 429 gate or a poll under a
 * minute ago is honoured, and the last data is shown instead), without alerts, so a crossing seen
 * here is still notified by the app. Exit 0 when every configured source is ok, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { findAccount, presentAccounts } from '../../../shared/accounts';
import {
  effectiveUsedPercent,
  isPastReset,
  msUntilReset,
  windowKey,
  type Account,
  type SourceSnapshot,
  type UsageView,
} from '../../../shared/domain';
import { forecastContract } from '../../../shared/outlook/forecast';
import type { WindowOutlookView } from '../../../shared/ipc';
import type { Translator } from '../../../shared/i18n/translator';
import { accountLabel, apiSpendLine, sourceLabel, windowLabel } from '../../../shared/labels';
import { createBrimlineCore, type CoreOptions } from '../usage/app-core';
import { tildifyHome } from '../usage/claude-folders';
import { startAppService } from '../app/app-service';
import { HistoryService } from '../history/history-service';
import { nullLogger } from '../platform/log';
import { createSources } from '../sources/registry';
import { envSecrets, withEnvSources } from './env-secrets';
import type { CliIo } from './io';
import { table } from './table';

export const STATUS_HELP = `Usage: brimline status [--json] [--account <id|name>]

Polls every configured usage source once and prints the result, grouped by account.

Options:
  --account  Only this account: its id ("account:…" as --json prints it), the name you gave it
             in Settings, or its email.  
  --json     Print {"generatedAt", "accounts", "windows", "warnings", "sources"} as JSON:
             windows[] is the merged view the tray shows, sources[] each source's snapshot
             (the Admin API's has apiSpend.monthToDateUsd, month-to-date spend in dollars).
             Each window has "pace" ({"expectedPercent", "deltaPercent"} or null) and
             "forecast" ({"runsOutAt", "projectedPercentAtReset", "lastsUntilReset"}, or null
             until the usage history holds enough of the window's current cycle).
  -h, --help Show this help.

Sources: the ones switched on in Brimline's settings: Claude Code's login (OAuth usage endpoint),
its status line and cached usage, a claude.ai session key, the Admin API, Claude Code's local logs.
Environment: CLAUDE_CONFIG_DIR, BRIMLINE_ANTHROPIC_API_URL, BRIMLINE_DATA_DIR,
  ANTHROPIC_ADMIN_KEY (Admin API key) and BRIMLINE_CLAUDE_SESSION_KEY (claude.ai session key):
  exporting one switches its source on for this run.
Exit status: 0 when every configured source is ok, 1 otherwise (or when none is configured), 2 on bad usage.
`;

/** The system's locales as the environment names them (LC_ALL, LC_MESSAGES, LANG). */
export function envLocales(env: Record<string, string | undefined>): string[] {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = raw.split('.')[0]!.replace('_', '-');
  if (tag === '' || tag === 'C' || tag === 'POSIX') return [];
  try {
    return Intl.getCanonicalLocales(tag);
  } catch {
    return [];
  }
}

export async function runStatusCommand(args: string[], io: CliIo, coreOpts: Partial<CoreOptions> = {}): Promise<number> {
  let json = false;
  let accountQuery: string | null = null;
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: { json: { type: 'boolean' }, account: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout(STATUS_HELP);
      return 0;
    }
    json = values.json ?? false;
    accountQuery = values.account ?? null;
  } catch (err) {
    const what = err instanceof Error ? err.message.replace(/\. To specify.*$/s, '.') : String(err);
    io.stderr(`brimline status: ${what.replace(/^Unknown option/, 'unknown option')}\n\n${STATUS_HELP}`);
    return 2;
  }

  const core = createBrimlineCore({
    env: io.env,
    watchFiles: false,
    secrets: envSecrets(io.env),
    sources: (settings, ctx) => createSources(withEnvSources(settings, io.env), ctx),
    ...coreOpts,
  });
  let tr: Translator;
  let outlook: Record<string, WindowOutlookView> = {};
  // A short-lived process only records its poll into the history (so a later call has data);
  // compaction and the Claude Desktop import are the app's.
  const history = new HistoryService(core.dataDir, { now: io.now, maintenance: false, desktopHistoryFile: null });
  try {
    await core.start();
    const service = await startAppService({
      core,
      secrets: {
        status: async () => ({ saved: { claudeSessionKey: false, adminApiKey: false }, backend: 'memory', keychainProblem: null }),
        set: unsupported,
        remove: unsupported,
      },
      logger: nullLogger,
      systemLocales: envLocales(io.env),
      platform: process.platform,
      appVersion: '',
      now: io.now,
      history,
      setInterval: () => null,
      clearInterval: () => undefined,
    });
    tr = service.translator();
    // Poll now every source the rules allow (a persisted 429 gate or a poll under a minute old is
    // respected, and the saved data shown instead), then wait for those polls.
    // If the sources were rebuilt meanwhile, the new ones are asked too (within the same rules).
    for (let round = 0; round < 3; round++) {
      const asked = core.scheduler;
      service.refresh();
      await core.idle();
      if (asked === core.scheduler) break;
    }
    await service.settled();
    outlook = service.appState().outlook;
    service.dispose();
  } finally {
    await core.stop();
  }
  const merged = core.usage.view();
  const accounts = presentAccounts(merged.accounts, core.settings.get().accounts);
  for (const p of [...core.startupProblems(), ...history.startupProblems()]) io.stderr(`brimline: ${p}\n`);
  let only: Account | null = null;
  if (accountQuery !== null) {
    only = findAccount(accounts, accountQuery);
    if (only === null) {
      const known = accounts.map((a) => `  ${a.id}  ${accountLabel(tr.t, a)}`).join('\n');
      io.stderr(`brimline status: no single account is called "${accountQuery}". Known accounts:\n${known || '  (none yet)'}\n`);
      return 2;
    }
  }
  const mine = <T extends { accountId: string }>(list: readonly T[]): T[] =>
    only ? list.filter((x) => x.accountId === only.id) : [...list];
  const snapshots = mine(core.usage.snapshots());
  const view: UsageView = {
    accounts: only ? [only] : accounts,
    windows: mine(merged.windows),
    extraUsage: mine(merged.extraUsage),
    warnings: merged.warnings,
  };

  if (json) {
    const out = {
      generatedAt: new Date(io.now()).toISOString(),
      accounts: view.accounts,
      windows: view.windows.map((w) => {
        const o = outlook[windowKey(w.accountId, w.id)];
        return { ...w, pace: o?.pace ?? null, forecast: forecastContract(o?.forecast ?? null) };
      }),
      warnings: view.warnings,
      sources: snapshots,
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
  } else io.stdout(renderStatus(view, snapshots, io.now(), tr));

  const configured = snapshots.filter((s) => s.state !== 'unconfigured');
  return configured.length > 0 && configured.every((s) => s.state === 'ok') ? 0 : 1;
}

async function unsupported(): Promise<never> {
  throw new Error('The command line reads secrets from the environment; it does not store them.');
}

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
    const rows = windows.map((w) => {
      let reset = t('window.notStarted');
      if (isPastReset(w, now)) reset = t('window.reset');
      else if (w.resetsAt)
        reset = t('window.resetsIn', { duration: tr.duration(msUntilReset(w, now) ?? 0), clock: tr.clock(Date.parse(w.resetsAt), now) });
      const used = effectiveUsedPercent(w, now);
      return [
        windowLabel(t, w),
        used === null ? t('window.unknown') : tr.percent(Math.round(used)),
        `${reset} · ${sourceLabel(t, w.sourceId)}${w.stale ? ` (${t('cli.stale')})` : ''}`,
      ];
    });
    if (rows.length > 0) out.push(table(null, rows, '  ').trimEnd());
    if (extra) {
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
