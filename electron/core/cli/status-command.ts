/**
 * `brimline status [--json | --format <name>] [--watch]`: one poll of every configured source
 * through the app's own core and application service (status/session.ts), printed as the full
 * summary, JSON or a status-bar format (status/formats/); with --watch, kept running and printed
 * again at every change (status/watch.ts). Exit 0 when every configured source is ok, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import type { Account } from '../../../shared/domain';
import type { CoreOptions } from '../usage/app-core';
import type { CliIo } from './io';
import { frameExitCode, readFrame, resolveAccount } from './status/frame';
import { FORMAT_NAMES, isFormatName } from './status/formats';
import { renderOnce, renderUpdate, type OutputMode } from './status/output';
import { openStatusSession, type StatusSession } from './status/session';
import { realTimers, stopRequest, watchStatus, type WatchOptions } from './status/watch';

export { renderStatus } from './status/full-text';

export const STATUS_HELP = `Usage: brimline status [--json | --format <name>] [--watch] [--account <id|name>]

Polls every configured usage source once and prints the result, grouped by account; with
--watch, keeps running and prints again at every change.

Options:
  --account  Only this account: its id ("account:…" as --json prints it), the name you gave it
             in Settings, or its email.
  --json     Print {"generatedAt", "accounts", "windows", "warnings", "sources"} as JSON:
             windows[] is the merged view the tray shows, sources[] each source's snapshot
             (the Admin API's has apiSpend.monthToDateUsd, month-to-date spend in dollars).
             Each window has "pace" ({"expectedPercent", "deltaPercent"} or null) and
             "forecast" ({"runsOutAt", "projectedPercentAtReset", "lastsUntilReset", "basis"}, or
             null until the window has run a little: 15 min of a session, 2 % of a week). "basis"
             is "window_average" (from one observation on) or "last_hour" (once the history
             holds 15 minutes of samples, the last hour joins the average).
             Local sources (status line, Claude Code's cache, logs) are read afresh on every call.
  --format   A status bar's shape, for the tray's window (closest to its limit, or the one pinned
             in Settings) as used or remaining per Settings: ${FORMAT_NAMES.join(', ')}.
             See docs/guide/status-bars.md for each tool's configuration.
  --watch    Keep running: print again whenever the output changes (the sources are polled on
             the app's intervals; the status line, Claude Code's cache and logs are re-read as
             soon as they change), and at least once a minute (a heartbeat: with --json the same
             object with "heartbeat": true; a status-bar format repeats its line). --json prints
             one object per line. Ends with exit 0 on Ctrl-C, SIGTERM, or when its reader goes.
  -h, --help Show this help.

Sources: the ones switched on in Brimline's settings: Claude Code's login (OAuth usage endpoint),
its status line and cached usage, a claude.ai session key, the Admin API, Claude Code's local logs.
Environment: CLAUDE_CONFIG_DIR, BRIMLINE_ANTHROPIC_API_URL, BRIMLINE_DATA_DIR,
  ANTHROPIC_ADMIN_KEY (Admin API key) and BRIMLINE_CLAUDE_SESSION_KEY (claude.ai session key):
  exporting one switches its source on for this run.
Exit status: 0 when every configured source is ok, 1 otherwise (or when none is configured), 2 on bad usage.
  With --format: 0 once printed (the record says stale or error). With --watch: 0 when stopped.
`;

interface StatusArgs {
  mode: OutputMode;
  watch: boolean;
  account: string | null;
}

/** The parsed options, or the exit status when they were help or bad usage. */
function parseStatusArgs(args: string[], io: CliIo): StatusArgs | number {
  const usage = (what: string): number => {
    io.stderr(`brimline status: ${what}\n\n${STATUS_HELP}`);
    return 2;
  };
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        json: { type: 'boolean' },
        format: { type: 'string' },
        watch: { type: 'boolean' },
        account: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout(STATUS_HELP);
      return 0;
    }
    const format = values.format;
    if (format !== undefined && !isFormatName(format)) return usage(`unknown format '${format}'. Formats: ${FORMAT_NAMES.join(', ')}.`);
    if (format !== undefined && values.json) return usage('--json and --format cannot be used together.');
    const mode: OutputMode = format !== undefined ? { kind: 'format', name: format } : values.json ? { kind: 'json' } : { kind: 'full' };
    return { mode, watch: values.watch ?? false, account: values.account ?? null };
  } catch (err) {
    const what = err instanceof Error ? err.message.replace(/\. To specify.*$/s, '.') : String(err);
    return usage(what.replace(/^Unknown option/, 'unknown option'));
  }
}

export interface StatusCommandOptions {
  /** --watch's timers and intervals (tests). */
  watch?: Omit<WatchOptions, 'render' | 'only' | 'stop'>;
  /** The session the run opened (tests on a manual clock wait for its polls before time moves on). */
  onSession?: (session: StatusSession) => void;
}

export async function runStatusCommand(
  args: string[],
  io: CliIo,
  coreOpts: Partial<CoreOptions> = {},
  opts: StatusCommandOptions = {},
): Promise<number> {
  const parsed = parseStatusArgs(args, io);
  if (typeof parsed === 'number') return parsed;
  const stop = parsed.watch ? stopRequest(io) : null;
  // A watcher keeps the service's tick: time moves pace and forecast (the one-shot run never ticks).
  const tick = parsed.watch ? (opts.watch?.timers ?? realTimers) : null;
  const session = await openStatusSession(io, {
    watchFiles: parsed.watch,
    coreOpts,
    ...(tick ? { setInterval: tick.setInterval, clearInterval: tick.clearInterval } : {}),
  });
  opts.onSession?.(session);
  let only: Account | null = null;
  try {
    await Promise.race([session.pollRound(), ...(stop ? [stop.promise] : [])]);
    if (stop?.requested()) {
      await session.close();
      return 0;
    }
    for (const p of session.problems()) io.stderr(`brimline: ${p}\n`);
    if (parsed.account !== null) {
      const found = resolveAccount(session, parsed.account);
      if ('error' in found) {
        io.stderr(found.error);
        await session.close();
        return 2;
      }
      only = found.account;
    }
  } catch (err) {
    await session.close();
    throw err;
  }
  if (stop)
    return watchStatus(session, io, { ...opts.watch, only, stop: stop.promise, render: (frame) => renderUpdate(parsed.mode, frame) });
  const frame = readFrame(session, only, io.now());
  await session.close();
  io.stdout(renderOnce(parsed.mode, frame));
  // A status bar shows an error instead of the output for a status other than 0 (i3blocks), and
  // a format's record already says stale or error.
  return parsed.mode.kind === 'format' ? 0 : frameExitCode(frame);
}
