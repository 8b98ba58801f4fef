/**
 * A small logger for main and the CLI. Every line passes through `redact`, so a token that slips
 * into an error message never reaches the log file or the console.
 */
import { appendFile, mkdir, stat, rename } from 'node:fs/promises';
import * as path from 'node:path';

const SECRET_PATTERNS: RegExp[] = [
  /sk-ant-[a-z]{2,6}\d{0,3}-[A-Za-z0-9_-]{8,}/g,
  /(authorization\s*[:=]\s*)(bearer\s+)?[^\s,;"']+/gi,
  /(sessionKey=)[^\s;,"']+/gi,
  /("?(?:accessToken|refreshToken|access_token|refresh_token|x-api-key|apiKey)"?\s*[:=]\s*"?)[^\s,;"'}]+/gi,
];

const registered = new Set<string>();

/** Secrets known at run time (keychain values, the Claude Code token) are scrubbed verbatim too. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) registered.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of registered) out = out.split(s).join('[redacted]');
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (_m, prefix?: string, bearer?: string) =>
      typeof prefix === 'string' ? `${prefix}${bearer ?? ''}[redacted]` : '[redacted]',
    );
  }
  return out;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const MAX_LOG_BYTES = 1024 * 1024;

/** Appends to `<dir>/brimline.log`, rotating once at 1 MB. Write failures are swallowed (a full disk must not crash the app). */
export function fileLogger(file: string, now: () => number = Date.now, echo: ((line: string) => void) | null = null): Logger {
  let chain: Promise<void> = Promise.resolve();
  const write = (level: LogLevel, message: string): void => {
    const line = `${new Date(now()).toISOString()} ${level.toUpperCase()} ${redact(message)}\n`;
    echo?.(line);
    chain = chain
      .then(async () => {
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        const st = await stat(file).catch(() => null);
        if (st && st.size > MAX_LOG_BYTES) await rename(file, `${file}.1`);
        await appendFile(file, line, { mode: 0o600 });
      })
      .catch(() => undefined);
  };
  return {
    log: write,
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

export const nullLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };
