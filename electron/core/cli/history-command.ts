/**
 * `brimline history [--json] [--days N] [--window ID]`: the usage history Brimline has recorded
 * (polls, the status line, imports), per account and window, with the peak of each reset cycle,
 * the current pace and forecast, and the local-log totals per day. Reads the store; polls nothing.
 */
import { parseArgs } from 'node:util';
import { cyclePeaks } from '../../../shared/outlook/cycles';
import { computeForecast, forecastContract } from '../../../shared/outlook/forecast';
import { computePace } from '../../../shared/outlook/pace';
import { DailyTotalsStore } from '../history/daily-totals';
import { HistoryStore } from '../history/history-store';
import type { HistorySample } from '../history/types';
import { dataDir } from '../platform/paths';
import type { CliIo } from './io';

export const HISTORY_HELP = `Usage: brimline history [--json] [--days N] [--window ID]
       brimline history export [--format csv|json] [--days N] [--out FILE] [...]
       brimline history --csv [...]      (the same as: history export --format csv)

Usage history recorded by Brimline (and imported from Claude Desktop), per account and window.
\`history export\` writes every sample and daily total as CSV or JSON (see: brimline history export --help).

Options:
  --json         Print JSON: {"generatedAt", "days", "since", "windows": [...], "daily": [...], "problems"}.
  --days N       How many days back, 1 to 90 (default 7).
  --window ID    Only this window (e.g. five_hour, seven_day, weekly_model:opus).
  -h, --help     Show this help.
`;

const DAY_MS = 86_400_000;

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
const short = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';

interface WindowHistory {
  accountId: string;
  windowId: string;
  kind: string;
  samples: HistorySample[];
}

function group(samples: readonly HistorySample[]): WindowHistory[] {
  const map = new Map<string, WindowHistory>();
  for (const s of samples) {
    const key = `${s.accountId}\u0000${s.windowId}`;
    let g = map.get(key);
    if (!g) map.set(key, (g = { accountId: s.accountId, windowId: s.windowId, kind: s.kind, samples: [] }));
    g.samples.push(s);
    // The latest observation names the kind (a window's kind does not change, but be exact).
    g.kind = s.kind;
  }
  return [...map.values()].sort((a, b) => (a.accountId + a.windowId < b.accountId + b.windowId ? -1 : 1));
}

function outlook(g: WindowHistory, now: number) {
  const last = g.samples[g.samples.length - 1]!;
  // Only a live observation knows its reset time; imported samples have none.
  const withReset = [...g.samples].reverse().find((s) => s.resetsAt !== null);
  const resetsAt = withReset?.resetsAt ?? null;
  const pace = resetsAt === null ? null : computePace({ kind: g.kind, usedPercent: withReset!.usedPercent, resetsAt }, now);
  const forecast = resetsAt === null ? null : computeForecast({ kind: g.kind, resetsAt, samples: g.samples, now });
  return { last, resetsAt, pace, forecast };
}

export async function runHistoryCommand(args: string[], io: CliIo): Promise<number> {
  // `--csv` is the export's shorthand: there is no CSV summary. `--json` stays the summary,
  // which scripts read; the JSON export is `history export --format json`.
  if (args[0] === 'export' || args.includes('--csv')) {
    const { runHistoryExportCommand } = await import('./history-export-command');
    const rest = args[0] === 'export' ? args.slice(1) : args.filter((a) => a !== '--csv');
    return runHistoryExportCommand(args[0] === 'export' ? rest : ['--format', 'csv', ...rest], io);
  }
  let values: { json?: boolean; days?: string; window?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, days: { type: 'string' }, window: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    io.stderr(`brimline history: ${err instanceof Error ? err.message : String(err)}\n\n${HISTORY_HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HISTORY_HELP);
    return 0;
  }
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    io.stderr(`brimline history: --days needs a whole number from 1 to 90 (got "${values.days}").\n`);
    return 2;
  }
  const windowId = values.window?.trim() || undefined;

  const now = io.now();
  const since = now - days * DAY_MS;
  const dir = dataDir(io.env);
  const store = new HistoryStore(dir, { now: io.now });
  const samples = await store.read({ sinceMs: since, untilMs: now, ...(windowId ? { windowId } : {}) });
  const dailyStore = new DailyTotalsStore(dir, { now: io.now });
  const daily = (await dailyStore.load()).filter((d) => d.date >= new Date(since).toISOString().slice(0, 10));
  const problems = [...store.problems, ...(dailyStore.loadProblem ? [dailyStore.loadProblem] : [])];
  const windows = group(samples);

  if (values.json) {
    const out = {
      generatedAt: iso(now),
      days,
      since: iso(since),
      windows: windows.map((g) => {
        const o = outlook(g, now);
        return {
          accountId: g.accountId,
          windowId: g.windowId,
          kind: g.kind,
          pace: o.pace,
          forecast: forecastContract(o.forecast),
          cycles: cyclePeaks(g.samples).map((c) => ({
            resetsAt: iso(c.resetsAt),
            peakPercent: c.peakPercent,
            peakAt: iso(c.peakAt),
            samples: c.samples,
          })),
          samples: g.samples.map((s) => ({
            t: iso(s.t),
            usedPercent: s.usedPercent,
            resetsAt: iso(s.resetsAt),
            sourceId: s.sourceId,
            imported: s.imported,
          })),
        };
      }),
      daily,
      problems,
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }

  const lines: string[] = [`Usage history, last ${days} day${days === 1 ? '' : 's'} (since ${short(since)})`, ''];
  for (const p of problems) lines.push(`! ${p}`);
  if (windows.length === 0) {
    lines.push(
      windowId
        ? `No history for window "${windowId}" yet.`
        : 'No history yet. Brimline records usage while the app runs, from `brimline status` and from the status line.',
    );
  }
  for (const g of windows) {
    const o = outlook(g, now);
    const imported = g.samples.filter((s) => s.imported).length;
    lines.push(
      `${g.windowId} (${g.kind}) · account ${g.accountId}: ${g.samples.length} samples${imported ? ` (${imported} imported)` : ''}, latest ${o.last.usedPercent}% at ${short(o.last.t)}`,
    );
    if (o.pace)
      lines.push(`  pace: ${o.pace.expectedPercent}% expected now, ${o.pace.deltaPercent >= 0 ? '+' : ''}${o.pace.deltaPercent} points`);
    if (o.resetsAt !== null && o.resetsAt > now) {
      const f = o.forecast;
      if (f === null) lines.push('  forecast: not enough data yet');
      else if (f.runsOutAt !== null)
        lines.push(`  forecast: 100% at ${short(Date.parse(f.runsOutAt))}, ${Math.round((f.marginMs ?? 0) / 60_000)} min before the reset`);
      else
        lines.push(
          `  forecast: lasts until the reset, about ${Math.round(f.projectedPercentAtReset ?? f.currentPercent)}% then${f.idle ? ' (idle)' : ''}`,
        );
    }
    const cycles = cyclePeaks(g.samples).slice(-6);
    lines.push(`  peaks: ${cycles.map((c) => `${c.peakPercent}% (${short(c.peakAt)})`).join(', ')}`);
  }
  if (daily.length > 0) {
    lines.push('', 'Local logs per day:');
    for (const d of daily) lines.push(`  ${d.date}  $${d.totalCost.toFixed(2)}  ${d.totalTokens.toLocaleString('en-US')} tokens`);
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
