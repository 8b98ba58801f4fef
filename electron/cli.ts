/**
 * Headless entry over the same core the app runs: `brimline status`, `brimline logs`,
 * `brimline statusline`. Run with `npm run --silent brimline -- <command>`, or the built bin
 * (`npm run build` → out/cli/brimline.mjs, see scripts/build-cli.mjs).
 *
 * Each command is imported only when it runs: `statusline` runs after every Claude Code response
 * and must not pay for the app core (zod, every source) that `status` loads.
 */
import type { CliIo } from './core/cli/io';
import { migrateAtCliStart } from './core/migration/cli-start';

export const HELP = `Usage: brimline <command> [options]

Commands:
  status [--json|--format <name>] [--watch]
                                    Poll every configured source and print usage: once, or at
                                    every change with --watch. Formats for status bars: text,
                                    waybar, polybar, i3blocks, tmux, xbar (see: brimline status --help).
  statusline [install|uninstall|show]
                                    Claude Code's status line: record its usage numbers, print one line.
  logs daily|session|blocks [...]   Reports from Claude Code's local logs (see: brimline logs --help).
  history [--json] [...]            Recorded usage per window: peaks, pace, forecast (see: brimline history --help).
  history export [--format csv|json] [--out FILE] [...]
                                    Every recorded sample and daily total, as CSV or JSON.
  help                              Show this help.

Environment:
  CLAUDE_CONFIG_DIR           Claude config dirs, comma-separated (default ~/.config/claude and ~/.claude).
  BRIMLINE_ANTHROPIC_API_URL  Base URL instead of https://api.anthropic.com (proxies, tests).
  BRIMLINE_DATA_DIR           Where settings, history and state live.
`;

export async function main(argv: string[], cliIo: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // Before any command reads its data folder: the upgrade from a development build.
  const io =
    command === undefined || command === 'help' || command === '-h' || command === '--help' ? cliIo : await migrateAtCliStart(cliIo);
  switch (command) {
    case 'status': {
      const { runStatusCommand } = await import('./core/cli/status-command');
      return runStatusCommand(rest, io);
    }
    case 'statusline': {
      const { runStatuslineCommand } = await import('./core/cli/statusline-command');
      return runStatuslineCommand(rest, io);
    }
    case 'logs': {
      const { runLogsCommand } = await import('./core/cli/logs-command');
      return runLogsCommand(rest, io);
    }
    case 'history': {
      const { runHistoryCommand } = await import('./core/cli/history-command');
      return runHistoryCommand(rest, io);
    }
    case '--toggle':
      // The desktop app's flag (electron/main.ts); this is the command line, which has no popover.
      io.stderr(
        "brimline: --toggle opens or closes the desktop app's popover: run it with the app (the installed `brimline` on Linux, the AppImage, or the app binary), not its command line.\n",
      );
      return 2;
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`brimline: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}

/**
 * Runs the CLI in this process. Output piped into `head` (or any reader that stops early) raises
 * EPIPE on stdout: that is the reader's choice, not an error, so the rest of the output is dropped
 * quietly instead of crashing with a stack trace.
 */
export function runCli(argv: string[]): void {
  let stdoutOpen = true;
  let stderrOpen = true;
  const stop = stopSignals();
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    stdoutOpen = false;
    if (err.code !== 'EPIPE') process.exitCode = 1;
    stop.emit('stdout-closed');
  });
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  const io: CliIo = {
    stdout: (s) => void (stdoutOpen && process.stdout.write(s)),
    stderr: (s) => void (stderrOpen && process.stderr.write(s)),
    env: process.env,
    now: () => Date.now(),
    isTTY: Boolean(process.stderr.isTTY),
    onStop: stop.subscribe,
  };
  main(argv, io).then(
    (code) => {
      if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
    },
    (err: unknown) => {
      io.stderr(`brimline: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

type StopReason = 'signal' | 'stdout-closed';

/**
 * SIGINT and SIGTERM are caught only once a command asks (`status --watch`), so every other command
 * keeps the default of dying at once. A second signal while stopping ends the process.
 */
function stopSignals(): { subscribe: NonNullable<CliIo['onStop']>; emit: (why: StopReason) => void } {
  const listeners = new Set<(why: StopReason) => void>();
  let signalled = false;
  const onSignal = (): void => {
    if (signalled) process.exit(1);
    signalled = true;
    emit('signal');
  };
  const emit = (why: StopReason): void => {
    for (const l of listeners) l(why);
  };
  return {
    emit,
    subscribe(listener) {
      if (listeners.size === 0) {
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      };
    },
  };
}

const isEntry = (() => {
  const entry = process.argv[1] ?? '';
  return /(^|[\\/])cli\.(ts|js|mjs|cjs)$/.test(entry);
})();

if (isEntry) runCli(process.argv.slice(2));
