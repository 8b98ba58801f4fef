/**
 * `headroom status [--json]`: one poll of every configured source through the app's own core
 * (same sources, same scheduler rules: a persisted 429 gate or a poll under a minute ago is honoured,
 * and the last data is shown instead). Exit 0 when every configured source is ok, 1 otherwise.
 */
import { effectiveUsedPercent, isPastReset, msUntilReset, type SourceSnapshot } from '../../../shared/domain';
import { formatDuration, formatMoney, formatResetClock, formatTokens } from '../../../shared/format';
import { createHeadroomCore, type CoreOptions } from '../app-core';
import type { CliIo } from './io';

export const STATUS_HELP = `Usage: headroom status [--json]

Polls every configured usage source once and prints the result.

Options:
  --json     Print {"generatedAt", "sources": [SourceSnapshot...]} as JSON.
  -h, --help Show this help.

Sources: Claude Code's login (OAuth usage endpoint) and Claude Code's local logs.
Environment: CLAUDE_CONFIG_DIR, HEADROOM_ANTHROPIC_API_URL, HEADROOM_DATA_DIR.
Exit status: 0 when every configured source is ok, 1 otherwise (or when none is configured), 2 on bad usage.
`;

export async function runStatusCommand(args: string[], io: CliIo, coreOpts: Partial<CoreOptions> = {}): Promise<number> {
  let json = false;
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a === '-h' || a === '--help') {
      io.stdout(STATUS_HELP);
      return 0;
    } else {
      io.stderr(`headroom status: unknown option '${a}'\n\n${STATUS_HELP}`);
      return 2;
    }
  }

  const core = createHeadroomCore({ env: io.env, watchCredentials: false, ...coreOpts });
  try {
    await core.start();
    // Poll now every source the rules allow (a persisted 429 gate or a poll under a minute old is
    // respected, and the saved data shown instead), then wait for those polls.
    core.refreshNow();
    await core.idle();
  } finally {
    await core.stop();
  }
  const snapshots = core.snapshots();
  for (const p of core.startupProblems()) io.stderr(`headroom: ${p}\n`);

  if (json) io.stdout(JSON.stringify({ generatedAt: new Date(io.now()).toISOString(), sources: snapshots }, null, 2) + '\n');
  else io.stdout(renderStatus(snapshots, io.now(), locale(io.env)));

  const configured = snapshots.filter((s) => s.state !== 'unconfigured');
  return configured.length > 0 && configured.every((s) => s.state === 'ok') ? 0 : 1;
}

function locale(env: Record<string, string | undefined>): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en';
  const tag = raw.split('.')[0]!.replace('_', '-');
  try {
    return Intl.getCanonicalLocales(tag === 'C' || tag === 'POSIX' ? 'en' : tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const SOURCE_NAMES: Record<string, string> = { 'claude-oauth': 'Claude plan', 'local-logs': 'Claude Code logs' };

export function renderStatus(snapshots: SourceSnapshot[], now: number, loc: string): string {
  const out: string[] = [];
  if (snapshots.length === 0) out.push('No usage source is enabled. Enable one in Headroom’s settings.');
  for (const s of snapshots) {
    const name = SOURCE_NAMES[s.sourceId] ?? s.sourceId;
    const plan = s.plan ? ` (${s.plan.name})` : '';
    const updated = s.fetchedAt ? `, updated ${formatResetClock(Date.parse(s.fetchedAt), now, { locale: loc })}` : '';
    out.push(`${name}${plan}: ${s.state}${updated}`);
    if (s.error) {
      out.push(`  ! ${s.error.message}`);
      if (s.error.action?.kind === 'retry_at')
        out.push(`    Next attempt: ${formatResetClock(Date.parse(s.error.action.at), now, { locale: loc })}`);
    }
    const width = Math.max(0, ...s.windows.map((w) => w.label.length));
    for (const w of s.windows) {
      const pct = `${Math.round(effectiveUsedPercent(w, now))}%`.padStart(5);
      let reset = 'not started';
      if (isPastReset(w, now)) reset = 'has reset';
      else if (w.resetsAt)
        reset = `resets in ${formatDuration(msUntilReset(w, now) ?? 0, loc)} (${formatResetClock(Date.parse(w.resetsAt), now, { locale: loc })})`;
      out.push(`  ${w.label.padEnd(width)} ${pct}  ${reset}`);
    }
    const e = s.extraUsage;
    if (e) {
      if (!e.enabled) out.push('  Extra usage: off');
      else {
        const used = e.used === null ? '?' : formatMoney(e.used, e.currency, loc);
        const limit = e.limit === null ? 'no limit' : formatMoney(e.limit, e.currency, loc);
        out.push(`  Extra usage: ${used} of ${limit}${e.percent === null ? '' : ` (${Math.round(e.percent)}%)`}`);
      }
    }
    const l = s.local;
    if (l) {
      out.push(`  Today: ${formatMoney(l.today.totalCost, 'USD', loc)} · ${formatTokens(l.today.totalTokens, loc)} tokens`);
      out.push(`  Last 7 days: ${formatMoney(l.week.totalCost, 'USD', loc)} · ${formatTokens(l.week.totalTokens, loc)} tokens`);
      const b = l.activeBlock;
      if (b) {
        const rate = b.burnRate ? ` · ${formatMoney(b.burnRate.costPerHour, 'USD', loc)}/h` : '';
        const proj = b.projection ? ` · projected ${formatMoney(b.projection.totalCost, 'USD', loc)}` : '';
        out.push(
          `  Current 5-hour block: ${formatMoney(b.totalCost, 'USD', loc)}${rate}${proj}, ends ${formatResetClock(Date.parse(b.endTime), now, { locale: loc })}`,
        );
      }
      if (l.unpricedModels.length > 0) out.push(`  Unpriced models (not in cost): ${l.unpricedModels.join(', ')}`);
    }
  }
  return out.join('\n') + '\n';
}
