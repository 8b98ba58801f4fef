/**
 * The app's local-logs source: each poll brings the scan up to date (only appended bytes after the
 * first time) and summarises today, the last 7 days and the active 5-hour block.
 */
import type { PollContext, PollResult, UsageSource } from '../source';
import { LockTimeoutError } from './lock';
import { LocalLogsScanner } from './scanner';
import { systemTimeZone } from '../../platform/day-key';
import { localSummary } from './summary';
import { loadUserPrices } from './user-prices';

export interface LocalLogsSourceOptions {
  configDirs: string[];
  dataDir: string;
  now?: () => number;
  /** IANA zone for "today" and "this week"; the system's by default. */
  timeZone?: string;
}

export function createLocalLogsSource(opts: LocalLogsSourceOptions): UsageSource & { readonly scanner: LocalLogsScanner } {
  const scanner = new LocalLogsScanner({ configDirs: opts.configDirs, dataDir: opts.dataDir, now: opts.now });
  return {
    id: 'local-logs',
    local: true,
    scanner,
    async poll(ctx: PollContext): Promise<PollResult> {
      let report;
      try {
        report = await scanner.scan({ signal: ctx.signal, onProgress: ctx.onProgress });
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const busy = err instanceof LockTimeoutError;
        return {
          ok: false,
          kind: 'transient',
          error: {
            code: 'scan_failed',
            message: busy
              ? 'Another Brimline process is reading the Claude Code logs. Brimline will try again shortly.'
              : `Reading the Claude Code logs failed (${err instanceof Error ? err.message : String(err)}). Brimline will try again; check that ${opts.dataDir} is writable.`,
            action: { kind: 'retry' },
          },
        };
      }
      if (!report.logsFound) {
        const where = opts.configDirs.map((d) => `${d}/projects`).join(' or ');
        return {
          ok: false,
          kind: 'unconfigured',
          error: {
            code: 'no_credentials',
            message: `No Claude Code logs found in ${where}. Use Claude Code once and Brimline will read its logs.`,
            action: { kind: 'run_command', command: 'claude' },
          },
        };
      }
      const now = (opts.now ?? ctx.now)();
      // Read on every poll (a small file): a fix to prices.json applies without a restart.
      const prices = loadUserPrices(opts.dataDir);
      const local = localSummary(scanner.store, {
        now,
        timeZone: opts.timeZone ?? systemTimeZone(),
        prices: prices.table,
        pricesProblem: prices.problem,
      });
      return { ok: true, data: { windows: [], plan: null, extraUsage: null, local } };
    },
  };
}
