/**
 * Headless entry over the same core the app runs: `headroom status`, `headroom logs`.
 * Run with `npm run --silent headroom -- <command>`.
 */
import { runStatusCommand } from './core/cli/status-command';
import type { CliIo } from './core/cli/io';

export const HELP = `Usage: headroom <command> [options]

Commands:
  status [--json]                   Poll every configured source once and print usage.
  logs daily|session|blocks [...]   Reports from Claude Code's local logs (see: headroom logs --help).
  history [--json] [...]            Recorded usage per window: peaks, pace, forecast (see: headroom history --help).
  help                              Show this help.

Environment:
  CLAUDE_CONFIG_DIR           Claude config dirs, comma-separated (default ~/.config/claude and ~/.claude).
  HEADROOM_ANTHROPIC_API_URL  Base URL instead of https://api.anthropic.com (proxies, tests).
  HEADROOM_DATA_DIR           Where settings, history and state live.
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'status':
      return runStatusCommand(rest, io);
    case 'logs': {
      const { runLogsCommand } = await import('./core/cli/logs-command');
      return runLogsCommand(rest, io);
    }
    case 'history': {
      const { runHistoryCommand } = await import('./core/cli/history-command');
      return runHistoryCommand(rest, io);
    }
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`headroom: unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}

const isEntry = (() => {
  const entry = process.argv[1] ?? '';
  return /(^|[\\/])cli\.(ts|js|mjs|cjs)$/.test(entry);
})();

if (isEntry) {
  const io: CliIo = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    now: () => Date.now(),
    isTTY: Boolean(process.stderr.isTTY),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`headroom: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
