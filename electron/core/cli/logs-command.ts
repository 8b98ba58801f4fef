/**
 * `brimline logs daily|session|blocks`: reports over Claude Code's local transcripts, with
 * ccusage's JSON field names. The scan is incremental and its state lives in BRIMLINE_DATA_DIR,
 * so repeated runs only read what Claude Code appended since.
 */
import type { ScanProgress } from '../../../shared/domain';
import { claudeConfigDirs, dataDir } from '../platform/paths';
import { COST_MODES, type CostMode } from '../sources/local-logs/cost';
import { assertTimeZone, InvalidTimeZoneError, systemTimeZone } from '../platform/day-key';
import { dailyReport, sessionReport, type UsageRow } from '../sources/local-logs/reports';
import { blocksReport, type BlockJson } from '../sources/local-logs/blocks';
import { LocalLogsScanner } from '../sources/local-logs/scanner';
import { PRICING_UPDATED } from '../sources/local-logs/pricing';
import { loadUserPrices } from '../sources/local-logs/user-prices';
import { pricesJson, pricesText } from './prices-table';
import type { CliIo } from './io';
import { table } from './table';
import { parseArgs } from 'node:util';

export const LOGS_HELP = `Usage: brimline logs <daily|session|blocks> [options]
       brimline logs --prices [--json]

Reports from Claude Code's local transcripts (<CLAUDE_CONFIG_DIR>/projects/**/*.jsonl).
Requests are deduplicated on message.id:requestId; JSON field names follow ccusage.

Reports:
  daily      Usage per calendar day.
  session    Usage per Claude Code session.
  blocks     5-hour blocks; the active one with burn rate and projection.

Options:
  --json             Print JSON instead of a table.
  --timezone TZ      IANA time zone for calendar days (default: the system's).
  --since DATE       First day to include (YYYY-MM-DD or YYYYMMDD).
  --until DATE       Last day to include.
  --mode MODE        auto (use costUSD from the logs, else price it; default),
                     calculate (always price from Brimline's table), display (costUSD only).
  --active           blocks: only the active block.
  --prices           Print the price table in use and where each row comes from.
  -h, --help         Show this help.

Prices: bundled table dated ${PRICING_UPDATED}, overridden or extended by prices.json in the data
folder (see docs/pricing.md). Models no table knows are listed as unpriced, never counted as $0.
`;

const REPORTS = ['daily', 'session', 'blocks'] as const;
type Report = (typeof REPORTS)[number];

interface Parsed {
  report: Report;
  json: boolean;
  timeZone: string;
  since: string | null;
  until: string | null;
  mode: CostMode;
  activeOnly: boolean;
}

class UsageProblem extends Error {}

function parseDate(flag: string, raw: string | undefined): string {
  const m = raw === undefined ? null : /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
  if (!m) throw new UsageProblem(`${flag} needs a date as YYYY-MM-DD (got ${raw === undefined ? 'nothing' : `"${raw}"`}).`);
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== day)
    throw new UsageProblem(`${flag}: "${raw}" is not a calendar date.`);
  return day;
}

function parseLogsArgs(args: string[]): Parsed | 'help' | { prices: true; json: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean', short: 'j' },
        timezone: { type: 'string', short: 'z' },
        since: { type: 'string', short: 's' },
        until: { type: 'string', short: 'u' },
        mode: { type: 'string', short: 'm' },
        active: { type: 'boolean', short: 'a' },
        prices: { type: 'boolean' },
      },
    });
  } catch (err) {
    // node:util names the flag and the problem ("Unknown option '--x'", "Option '--since <value>' argument missing").
    throw new UsageProblem(err instanceof Error ? err.message.replace(/\. To specify.*$/s, '.') : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.prices) {
    if (positionals.length > 0) throw new UsageProblem('--prices prints the price table: give it no report.');
    return { prices: true, json: values.json ?? false };
  }
  if (positionals.length > 1) throw new UsageProblem(`Unexpected argument "${positionals[1]}".`);
  const first = positionals[0];
  if (first === undefined) throw new UsageProblem('Say which report: daily, session or blocks.');
  if (!REPORTS.includes(first as Report)) throw new UsageProblem(`Unknown report "${first}": use daily, session or blocks.`);
  let timeZone = systemTimeZone();
  if (values.timezone !== undefined) {
    if (values.timezone === '') throw new UsageProblem('--timezone needs a time zone name, e.g. --timezone Europe/Paris.');
    assertTimeZone(values.timezone);
    timeZone = values.timezone;
  }
  const mode = values.mode ?? 'auto';
  if (!COST_MODES.includes(mode as CostMode)) throw new UsageProblem(`--mode must be one of ${COST_MODES.join(', ')}.`);
  const out: Parsed = {
    report: first as Report,
    json: values.json ?? false,
    timeZone,
    since: values.since === undefined ? null : parseDate('--since', values.since),
    until: values.until === undefined ? null : parseDate('--until', values.until),
    mode: mode as CostMode,
    activeOnly: values.active ?? false,
  };
  if (out.since && out.until && out.since > out.until) throw new UsageProblem(`--since ${out.since} is after --until ${out.until}.`);
  return out;
}

/** A one-line progress bar, redrawn in place; only used when stderr is a terminal. */
function progressBar(io: CliIo): { update: (p: ScanProgress) => void; done: () => void } {
  let shown = false;
  return {
    update(p) {
      if (p.bytesTotal < 16 * 1024 * 1024) return; // small scans finish before a bar helps
      const frac = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1;
      const width = 30;
      const fill = Math.round(frac * width);
      io.stderr(
        `\rScanning Claude Code logs [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${Math.floor(frac * 100)}% ${p.filesDone}/${p.filesTotal} files`,
      );
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const usd = (n: number): string => `$${n.toFixed(2)}`;

const usageCells = (
  r:
    | UsageRow
    | {
        inputTokens: number;
        outputTokens: number;
        cacheCreationTokens: number;
        cacheReadTokens: number;
        totalTokens: number;
        totalCost: number;
      },
): string[] => [
  int(r.inputTokens),
  int(r.outputTokens),
  int(r.cacheCreationTokens),
  int(r.cacheReadTokens),
  int(r.totalTokens),
  usd(r.totalCost),
];

const USAGE_HEADERS = ['Input', 'Output', 'Cache create', 'Cache read', 'Total tokens', 'Cost'];

function blockCells(b: BlockJson): string[] {
  const status = b.isGap ? 'gap' : b.isActive ? 'ACTIVE' : '';
  const rate = b.burnRate ? `${int(b.burnRate.tokensPerHour)} tok/h, ${usd(b.burnRate.costPerHour)}/h` : '';
  const proj = b.projection ? `${int(b.projection.totalTokens)} tok, ${usd(b.projection.totalCost)}` : '';
  return [b.startTime.slice(0, 16).replace('T', ' ') + 'Z', status, String(b.entries), int(b.totalTokens), usd(b.costUSD), rate, proj];
}

export async function runLogsCommand(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseLogsArgs>;
  try {
    parsed = parseLogsArgs(args);
  } catch (err) {
    if (err instanceof UsageProblem || err instanceof InvalidTimeZoneError) {
      io.stderr(`brimline logs: ${err.message}\nRun 'brimline logs --help' for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (parsed === 'help') {
    io.stdout(LOGS_HELP);
    return 0;
  }
  const userPrices = loadUserPrices(dataDir(io.env));
  if (userPrices.problem) io.stderr(`brimline logs: ${userPrices.problem}\n`);
  if ('prices' in parsed) {
    io.stdout(parsed.json ? JSON.stringify(pricesJson(userPrices), null, 2) + '\n' : pricesText(userPrices));
    return 0;
  }
  const p = { ...parsed, prices: userPrices.table };
  const configDirs = claudeConfigDirs(io.env);
  const scanner = new LocalLogsScanner({ configDirs, dataDir: dataDir(io.env), now: io.now });
  const bar = io.isTTY ? progressBar(io) : null;
  let scan;
  try {
    scan = await scanner.scan({ onProgress: bar?.update });
  } catch (err) {
    bar?.done();
    io.stderr(`brimline logs: reading the Claude Code logs failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    bar?.done();
  }
  for (const problem of scan.problems) io.stderr(`brimline logs: ${problem}\n`);
  if (!scan.logsFound) {
    io.stderr(
      `brimline logs: no Claude Code logs found in ${configDirs.map((d) => `${d}/projects`).join(' or ')}. Use Claude Code once, or set CLAUDE_CONFIG_DIR.\n`,
    );
    return 1;
  }
  if (scan.malformedLines > 0) io.stderr(`brimline logs: skipped ${scan.malformedLines} unreadable usage line(s).\n`);

  const store = scanner.store;
  let unpriced: string[];
  if (p.report === 'daily') {
    const r = dailyReport(store, p);
    unpriced = r.unpricedModels;
    if (p.json) io.stdout(JSON.stringify(r, null, 2) + '\n');
    else
      io.stdout(
        table(
          ['Date', ...USAGE_HEADERS, 'Models'],
          [...r.daily.map((d) => [d.date, ...usageCells(d), d.modelsUsed.join(', ')]), ['Total', ...usageCells(r.totals), '']],
        ),
      );
  } else if (p.report === 'session') {
    const r = sessionReport(store, p);
    unpriced = r.unpricedModels;
    if (p.json) io.stdout(JSON.stringify(r, null, 2) + '\n');
    else
      io.stdout(
        table(
          ['Session', ...USAGE_HEADERS, 'Last activity'],
          [
            ...r.sessions.map((s) => [`${s.projectPath}/${s.sessionId}`, ...usageCells(s), s.lastActivity.slice(0, 10)]),
            ['Total', ...usageCells(r.totals), ''],
          ],
        ),
      );
  } else {
    const r = blocksReport(store, {
      now: io.now(),
      mode: p.mode,
      activeOnly: p.activeOnly,
      timeZone: p.timeZone,
      since: p.since,
      until: p.until,
      prices: p.prices,
    });
    unpriced = r.unpricedModels;
    if (p.json) io.stdout(JSON.stringify(r, null, 2) + '\n');
    else if (r.blocks.length === 0) io.stdout(p.activeOnly ? 'No active 5-hour block.\n' : 'No usage.\n');
    else
      io.stdout(table(['Start (UTC)', 'Status', 'Requests', 'Tokens', 'Cost', 'Burn rate', 'Projected at end'], r.blocks.map(blockCells)));
  }
  if (unpriced.length > 0) io.stderr(`brimline logs: no price known for ${unpriced.join(', ')}; their cost is not included.\n`);
  return 0;
}
