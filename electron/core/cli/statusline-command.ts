/**
 * `brimline statusline`: Claude Code's `statusLine` command. Reads the JSON Claude Code pipes in,
 * records one observation, prints one line, and never fails loudly (it would break Claude Code's
 * status bar): bad input prints a short fallback, records nothing, and exits 0.
 *
 * `brimline statusline install | uninstall | show` edit Claude Code's settings.json.
 *
 * Hot path: this module and what it imports stay small (no zod, no app core); see
 * scripts/bench-statusline.mjs for the budget.
 */
import { FALLBACK_LINE, statusLineText } from '../statusline/line';
import { keepKnown, lastObservation } from '../statusline/keep-known';
import { recordObservation } from '../statusline/observation-store';
import { parseStatuslinePayload } from '../statusline/payload';
import { appendTrail } from '../statusline/trail';
import { chainedCommand, claudeSettingsFile } from '../statusline/install-state';
import { dataDir } from '../platform/paths';
import type { CliIo } from './io';

export const STATUSLINE_HELP = `Usage: brimline statusline [install|uninstall|show]

Without an argument: Claude Code's status line command. Reads the JSON Claude Code pipes to it,
records the 5-hour and weekly numbers for Brimline, and prints a line like "5h 42% ↺1h12m · 7d 18%".

  install    Point Claude Code's status line at Brimline (settings.json in CLAUDE_CONFIG_DIR or ~/.claude).
             An existing status line is kept and chained: its output is printed before Brimline's.
  uninstall  Put back exactly what was there before.
  show       Say what Claude Code's status line is now.

Environment: CLAUDE_CONFIG_DIR, BRIMLINE_DATA_DIR.
`;

/** Real payloads are a few KB; anything near this is not Claude Code talking. */
export const MAX_STDIN_BYTES = 256 * 1024;
export const STDIN_TIMEOUT_MS = 1000;
export const CHAIN_TIMEOUT_MS = 2000;
const MAX_CHAIN_OUTPUT = 64 * 1024;

export interface StatuslineDeps {
  /** The CLI's entry script, for the launcher that settings.json points at. Default process.argv[1]. */
  entry?: string;
  stdinTimeoutMs?: number;
  chainTimeoutMs?: number;
}

type StdinRead = { kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'timeout' } | { kind: 'tty' } | { kind: 'error' };

export function readStdin(stream: NodeJS.ReadableStream & { isTTY?: boolean }, maxBytes: number, timeoutMs: number): Promise<StdinRead> {
  if (stream.isTTY) return Promise.resolve({ kind: 'tty' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (r: StdinRead): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      // Stop reading, so a writer that keeps going cannot keep this process alive.
      if (r.kind !== 'ok') (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve(r);
    };
    const onData = (c: Buffer | string): void => {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      size += b.length;
      if (size > maxBytes) finish({ kind: 'too_large' });
      else chunks.push(b);
    };
    const onEnd = (): void => finish({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    const onError = (): void => finish({ kind: 'error' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/** Runs the status line install found, with the same stdin; its stdout, or '' if it fails or hangs. */
export async function runChained(
  command: string,
  input: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<string> {
  // Loaded only when there is something to chain: most runs never pay for it.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const childEnv = { ...env };
    // Set by Brimline's launcher for its own binary; another tool must not inherit it.
    delete childEnv.ELECTRON_RUN_AS_NODE;
    let out = '';
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(out.replace(/\r?\n+$/, ''));
    };
    let child: import('node:child_process').ChildProcess;
    try {
      child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'ignore'], env: childEnv, windowsHide: true });
    } catch {
      resolve('');
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout?.destroy();
      child.unref();
      finish();
    }, timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (s: string) => {
      if (out.length < MAX_CHAIN_OUTPUT) out += s.slice(0, MAX_CHAIN_OUTPUT - out.length);
    });
    child.on('error', finish);
    child.on('close', finish);
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** The other tool's status line, if install chained one; started at once so it runs while Brimline records. */
function startChained(dir: string, input: string, io: CliIo, deps: StatuslineDeps): Promise<string> {
  try {
    const cmd = chainedCommand(dir, claudeSettingsFile(io.env));
    return cmd ? runChained(cmd, input, io.env, deps.chainTimeoutMs ?? CHAIN_TIMEOUT_MS).catch(() => '') : Promise.resolve('');
  } catch {
    return Promise.resolve('');
  }
}

async function runHotPath(io: CliIo, deps: StatuslineDeps): Promise<number> {
  let line = FALLBACK_LINE;
  let chained: Promise<string> = Promise.resolve('');
  try {
    const dir = dataDir(io.env);
    const read = await readStdin(io.stdin ?? process.stdin, MAX_STDIN_BYTES, deps.stdinTimeoutMs ?? STDIN_TIMEOUT_MS);
    // The chained command gets the same stdin, even when Brimline cannot use it.
    chained = startChained(dir, read.kind === 'ok' ? read.text : '', io, deps);
    if (read.kind === 'ok') {
      const parsed = parseStatuslinePayload(read.text, { env: io.env, now: io.now });
      if (parsed.ok) {
        // A session's first payload has no numbers: what the folder knew stays (keep-known.ts).
        const known = keepKnown(await lastObservation(dir, parsed.value.configDir), parsed.value);
        line = statusLineText(known, io.now());
        // A full disk or a read-only data dir must not take Claude Code's status line down.
        await recordObservation(dir, known).catch(() => undefined);
        // The history's copy: the observation file keeps only the latest (see statusline/trail.ts).
        await appendTrail(dir, parsed.value).catch(() => undefined);
      }
    }
  } catch {
    line = FALLBACK_LINE;
  }
  const theirs = await chained;
  io.stdout(`${theirs ? `${theirs} | ` : ''}${line}\n`);
  return 0;
}

export async function runStatuslineCommand(args: string[], io: CliIo, deps: StatuslineDeps = {}): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) return runHotPath(io, deps);
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    io.stdout(STATUSLINE_HELP);
    return 0;
  }
  if (rest.length > 0 || !['install', 'uninstall', 'show'].includes(sub)) {
    io.stderr(`brimline statusline: unknown argument '${[sub, ...rest].join(' ')}'\n\n${STATUSLINE_HELP}`);
    return 2;
  }
  const { installStatusline, uninstallStatusline, showStatusline } = await import('../statusline/settings-file');
  const { currentCliTarget, shimPath, writeLauncherShim } = await import('../statusline/launcher-shim');
  const dir = dataDir(io.env);
  const ctx = { env: io.env, dataDir: dir, launcher: shimPath(dir), now: io.now };
  if (sub === 'show') {
    io.stdout(await showStatusline(ctx));
    return 0;
  }
  try {
    if (sub === 'install') {
      const target = currentCliTarget(deps.entry ?? process.argv[1] ?? '');
      await writeLauncherShim(dir, target);
      const res = await installStatusline(ctx);
      (res.ok ? io.stdout : io.stderr)(res.message + '\n');
      if (res.ok && /tsx(\.cmd)?$/.test(target.executable) && res.changed)
        io.stdout('Tip: run `npm run build` so the status line starts the built CLI, which is much faster than tsx.\n');
      return res.ok ? 0 : 1;
    }
    const res = await uninstallStatusline(ctx);
    (res.ok ? io.stdout : io.stderr)(res.message + '\n');
    return res.ok ? 0 : 1;
  } catch (err) {
    io.stderr(`brimline statusline ${sub}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
