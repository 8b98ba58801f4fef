/**
 * Read-only discovery of Claude Code's OAuth login. Brimline never refreshes or rotates this token:
 * refresh tokens are single-use, and a third-party refresh would log the user out of Claude Code.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import type { ClaudeFolder } from '../../../../shared/ipc';
import { registerSecret } from '../log';
import type { Env } from '../paths';

export interface ClaudeCodeCredentials {
  accessToken: string;
  /** Epoch ms; null when the file does not say. */
  expiresAt: number | null;
  scopes: string[];
  subscriptionType: string | null;
  rateLimitTier: string | null;
  /** Human description of where it came from, e.g. "~/.claude/.credentials.json" or "macOS Keychain". */
  origin: string;
}

export type CredentialsProblem =
  { code: 'not_found'; detail: string } | { code: 'login_required'; detail: string } | { code: 'unreadable'; detail: string };

export type CredentialsResult = { ok: true; credentials: ClaudeCodeCredentials } | { ok: false; problem: CredentialsProblem };

const oauthSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().nullish(),
  expiresAt: z.union([z.number(), z.string()]).nullish(),
  scopes: z.array(z.string()).nullish(),
  subscriptionType: z.string().nullish(),
  rateLimitTier: z.string().nullish(),
});

const fileSchema = z.object({ claudeAiOauth: z.unknown().optional() });

/** Parses the JSON text of a credentials file or Keychain item. Never throws. */
export function parseCredentials(text: string, origin: string): CredentialsResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: 'unreadable', detail: `${origin} is not valid JSON` } };
  }
  const outer = fileSchema.safeParse(raw);
  if (!outer.success) return { ok: false, problem: { code: 'unreadable', detail: `${origin} is not a Claude Code credentials file` } };
  if (outer.data.claudeAiOauth === undefined || outer.data.claudeAiOauth === null) {
    return { ok: false, problem: { code: 'login_required', detail: `${origin} holds no Claude login` } };
  }
  const inner = oauthSchema.safeParse(outer.data.claudeAiOauth);
  if (!inner.success) return { ok: false, problem: { code: 'unreadable', detail: `${origin} has no usable access token` } };
  const o = inner.data;
  registerSecret(o.accessToken);
  registerSecret(o.refreshToken ?? null);
  const exp = typeof o.expiresAt === 'string' ? Number(o.expiresAt) : o.expiresAt;
  return {
    ok: true,
    credentials: {
      accessToken: o.accessToken,
      expiresAt: typeof exp === 'number' && Number.isFinite(exp) ? exp : null,
      scopes: o.scopes ?? [],
      subscriptionType: o.subscriptionType ?? null,
      rateLimitTier: o.rateLimitTier ?? null,
      origin,
    },
  };
}

/** `security` may print the item as hex when it contains non-ASCII bytes. */
export function decodeKeychainValue(out: string): string {
  const s = out.trim();
  if (s.length >= 2 && s.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(s) && !s.startsWith('{')) {
    const decoded = Buffer.from(s, 'hex').toString('utf8');
    if (decoded.trimStart().startsWith('{')) return decoded;
  }
  return s;
}

export function keychainServiceName(env: Env): string {
  const dir = env.CLAUDE_CONFIG_DIR?.trim();
  if (!dir) return 'Claude Code-credentials';
  return `Claude Code-credentials-${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`;
}

export type ExecFn = (
  file: string,
  args: string[],
  timeoutMs: number,
) => Promise<{ ok: true; stdout: string } | { ok: false; notFound: boolean }>;

const defaultExec: ExecFn = (file, args, timeoutMs) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 256 * 1024 }, (err, stdout) => {
      if (err) {
        // `security` exits 44 when the item does not exist.
        const code: unknown = (err as { code?: unknown }).code;
        resolve({ ok: false, notFound: code === 44 || code === 'ENOENT' });
      } else resolve({ ok: true, stdout });
    });
  });

export interface DiscoveryOptions {
  env?: Env;
  platform?: NodeJS.Platform;
  home?: string;
  exec?: ExecFn;
  readText?: (file: string) => Promise<string | null>;
  user?: string;
}

const defaultRead = async (file: string): Promise<string | null> => {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
};

/** The credentials files to look at, in order. */
export function credentialFiles(env: Env, home: string): string[] {
  const raw = env.CLAUDE_CONFIG_DIR?.trim();
  if (raw) {
    const first = raw
      .split(',')
      .map((d) => d.trim())
      .find((d) => d.length > 0);
    if (first) return [path.join(path.resolve(first.startsWith('~') ? path.join(home, first.slice(1)) : first), '.credentials.json')];
  }
  return [path.join(home, '.claude', '.credentials.json'), path.join(home, '.config', 'claude', '.credentials.json')];
}

/**
 * The environment Claude Code has when it uses this folder: `~/.claude` is its default (no
 * `CLAUDE_CONFIG_DIR`, and the Keychain item without a hash); any other folder is what
 * `CLAUDE_CONFIG_DIR=<folder> claude` would see.
 */
function folderEnv(folder: Pick<ClaudeFolder, 'dir'>, env: Env, home: string): Env {
  const isDefault = folder.dir === path.join(home, '.claude');
  return { ...env, CLAUDE_CONFIG_DIR: isDefault ? undefined : folder.dir };
}

/**
 * The command that logs Claude Code in to this folder: `claude` for `~/.claude`; for another
 * folder, `claude` with that folder (plain `claude` would log in to `~/.claude` instead).
 */
export function folderLoginCommand(folder: Pick<ClaudeFolder, 'dir'>, home: string, platform: NodeJS.Platform = process.platform): string {
  if (folder.dir === path.join(home, '.claude')) return 'claude';
  const shown = folder.dir.startsWith(home + path.sep) ? `~${folder.dir.slice(home.length)}` : folder.dir;
  if (platform === 'win32') return `$env:CLAUDE_CONFIG_DIR='${folder.dir.replace(/'/g, "''")}'; claude`;
  // `~/…` stays readable and the shell expands it; any other path is quoted as a shell word.
  const word = /^~?[/\w.-]+$/.test(shown) ? shown : `'${folder.dir.replace(/'/g, `'\\''`)}'`;
  return `CLAUDE_CONFIG_DIR=${word} claude`;
}

/** The credentials files of one config folder, in the order they are read. */
export function folderCredentialFiles(folder: Pick<ClaudeFolder, 'dir'>, home: string): string[] {
  return credentialFiles(folderEnv(folder, {}, home), home);
}

/** Claude Code's login for one config folder (its file, and on macOS its own Keychain item). Read-only. */
export function readFolderCredentials(
  folder: Pick<ClaudeFolder, 'dir'>,
  opts: Omit<DiscoveryOptions, 'env'> & { env: Env },
): Promise<CredentialsResult> {
  const home = opts.home ?? os.homedir();
  return discoverClaudeCodeCredentials({ ...opts, home, env: folderEnv(folder, opts.env, home) });
}

function tildify(p: string, home: string): string {
  return p.startsWith(home + path.sep) ? `~${p.slice(home.length)}` : p;
}

/**
 * Finds Claude Code's login: the credentials file(s), and on macOS the Keychain item read through
 * `/usr/bin/security` (an API read would prompt for the password each time Claude Code rewrites the
 * item). When several are usable, the one that expires last wins.
 */
export async function discoverClaudeCodeCredentials(opts: DiscoveryOptions = {}): Promise<CredentialsResult> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? os.homedir();
  const read = opts.readText ?? defaultRead;
  const found: ClaudeCodeCredentials[] = [];
  const problems: CredentialsProblem[] = [];

  for (const file of credentialFiles(env, home)) {
    let text: string | null;
    try {
      text = await read(file);
    } catch (err) {
      problems.push({
        code: 'unreadable',
        detail: `${tildify(file, home)} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      continue;
    }
    if (text === null) continue;
    const parsed = parseCredentials(text, tildify(file, home));
    if (parsed.ok) found.push(parsed.credentials);
    else problems.push(parsed.problem);
  }

  if (platform === 'darwin') {
    const exec = opts.exec ?? defaultExec;
    const service = keychainServiceName(env);
    const user = opts.user ?? safeUserName();
    const args = ['find-generic-password', '-s', service, ...(user ? ['-a', user] : []), '-w'];
    const res = await exec('/usr/bin/security', args, 5000);
    if (res.ok) {
      const parsed = parseCredentials(decodeKeychainValue(res.stdout), 'macOS Keychain');
      if (parsed.ok) found.push(parsed.credentials);
      else problems.push(parsed.problem);
    } else if (!res.notFound) {
      problems.push({ code: 'unreadable', detail: 'the macOS Keychain item could not be read (access denied or timed out)' });
    }
  }

  if (found.length > 0) {
    found.sort((a, b) => (b.expiresAt ?? -1) - (a.expiresAt ?? -1));
    return { ok: true, credentials: found[0]! };
  }
  const login = problems.find((p) => p.code === 'login_required');
  if (login) return { ok: false, problem: login };
  const unreadable = problems.find((p) => p.code === 'unreadable');
  if (unreadable) return { ok: false, problem: unreadable };
  const where = credentialFiles(env, home).map((f) => tildify(f, home));
  return {
    ok: false,
    problem: {
      code: 'not_found',
      detail: `no Claude Code login in ${where.join(' or ')}${platform === 'darwin' ? ' or the macOS Keychain' : ''}`,
    },
  };
}

function safeUserName(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}
