/**
 * The Claude plan source: reads Claude Code's login (read-only, every attempt, so a fresh login is
 * picked up at once) and polls the OAuth usage endpoint, plus the profile every few hours.
 */
import { safeJson } from '../../platform/net/json';
import type { Plan } from '../../../../shared/domain';
import {
  discoverClaudeCodeCredentials,
  type ClaudeCodeCredentials,
  type CredentialsProblem,
  type CredentialsResult,
} from '../../platform/credentials/claude-code';
import { hostOf, httpGet, retryAfterMs } from '../../platform/net/http';
import { USER_AGENT } from '../../platform/net/user-agent';
import type { AccountHint, PollContext, PollResult, UsageSource } from '../source';
import { tokenFingerprint, type LoginLedger } from './login-ledger';
import { badResponse, fail, loginExpired, mapHttpFailure } from './errors';
import { parseProfileResponse, planNameFromTier, type Profile } from './profile-parser';
import { parseUsageResponse } from './usage-parser';

export const OAUTH_BETA = 'oauth-2025-04-20';
const PROFILE_EVERY_MS = 3 * 60 * 60_000;

export interface ClaudeOAuthOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Injected for tests; defaults to reading the real files / macOS Keychain. */
  credentials?: () => Promise<CredentialsResult>;
  /** The Claude Code config folder this login belongs to (see `primaryConfigDir`). */
  configDir?: string | null;
  /** The instance's key when the plan source runs once per folder. */
  key?: string;
  adopts?: string;
  /** Shared by the instances of all folders, so a login two folders hold is polled once. */
  ledger?: LoginLedger;
  /** How to log in to this folder (see `folderLoginCommand`); every fix says this instead of plain `claude`. */
  loginCommand?: string;
}

export function createClaudeOAuthSource(opts: ClaudeOAuthOptions): UsageSource {
  const readCredentials = opts.credentials ?? (() => discoverClaudeCodeCredentials());
  const extraHosts = hostOf(opts.baseUrl);
  let profile: { value: Profile; at: number } | null = null;

  const headers = (token: string): Record<string, string> => ({
    Authorization: `Bearer ${token}`,
    'anthropic-beta': OAUTH_BETA,
    'User-Agent': USER_AGENT,
    Accept: 'application/json',
  });

  async function refreshProfile(creds: ClaudeCodeCredentials, ctx: PollContext): Promise<void> {
    if (profile && ctx.now() - profile.at < PROFILE_EVERY_MS) return;
    const res = await httpGet(`${opts.baseUrl}/api/oauth/profile`, {
      headers: headers(creds.accessToken),
      fetch: opts.fetch,
      signal: ctx.signal,
      timeoutMs: opts.timeoutMs,
      extraHosts,
    });
    // The profile only names the plan; a failure here must not fail the usage poll, and is retried
    // next time rather than hammered.
    if (res.kind === 'response' && res.status === 200) {
      const parsed = parseProfileResponse(safeJson(res.text));
      if (parsed.ok) profile = { value: parsed.value, at: ctx.now() };
    }
    if (!profile) profile = { value: { plan: fallbackPlan(creds), accountUuid: null, orgUuid: null }, at: ctx.now() };
  }

  const folder = opts.configDir ?? null;
  const poll = async (ctx: PollContext): Promise<PollResult> => {
    const found = await readCredentials();
    if (!found.ok) return credentialProblem(found.problem);
    const creds = found.credentials;
    // Never refresh the token ourselves: an expired token waits for Claude Code to renew it.
    if (creds.expiresAt !== null && creds.expiresAt <= ctx.now()) return loginExpired();
    if (opts.ledger && folder !== null) {
      const poller = await opts.ledger.claim(folder, tokenFingerprint(creds.accessToken));
      if (poller !== folder) {
        const theirs = await opts.ledger.accountOf(poller);
        return {
          ok: true,
          data: {
            windows: [],
            plan: null,
            extraUsage: null,
            account: { accountUuid: theirs?.accountUuid ?? null, orgUuid: theirs?.orgUuid ?? null, configDir: folder },
            sameLoginAs: poller,
          },
        };
      }
    }

    const res = await httpGet(`${opts.baseUrl}/api/oauth/usage`, {
      headers: headers(creds.accessToken),
      fetch: opts.fetch,
      signal: ctx.signal,
      timeoutMs: opts.timeoutMs,
      extraHosts,
    });
    if (res.kind !== 'response' || res.status !== 200) {
      return mapHttpFailure(res, res.kind === 'response' ? retryAfterMs(res.headers, ctx.now()) : null);
    }
    const body = safeJson(res.text);
    if (body === undefined)
      return badResponse(res.text.trim().startsWith('<') ? 'an HTML page instead of JSON' : 'the body is not valid JSON');
    const usage = parseUsageResponse(body);
    if (!usage.ok) return badResponse(usage.error);

    await refreshProfile(creds, ctx);
    const known = profile?.value;
    const account: AccountHint = {
      accountUuid: known?.accountUuid ?? null,
      orgUuid: known?.orgUuid ?? null,
      configDir: folder,
    };
    if (folder !== null) opts.ledger?.noteAccount(folder, account);
    return {
      ok: true,
      data: { windows: usage.value.windows, extraUsage: usage.value.extraUsage, plan: known?.plan ?? fallbackPlan(creds), account },
    };
  };

  return {
    id: 'claude-oauth',
    ...(opts.key !== undefined ? { key: opts.key } : {}),
    ...(opts.adopts !== undefined ? { adopts: opts.adopts } : {}),
    ...(folder !== null ? { folder } : {}),
    async poll(ctx: PollContext): Promise<PollResult> {
      const polled = poll(ctx);
      if (folder !== null) opts.ledger?.polling(folder, polled);
      const result = await polled;
      // A folder without a usable login no longer speaks for the one another folder shares.
      if (!result.ok && folder !== null) opts.ledger?.release(folder);
      return opts.loginCommand ? withLoginCommand(result, opts.loginCommand) : result;
    },
  };
}

/** Why Claude Code's login cannot be used, and the fix: log in (again) with `claude`. */
function credentialProblem(p: CredentialsProblem): PollResult {
  if (p.code === 'not_found') {
    return fail('unconfigured', {
      code: 'no_credentials',
      message: `Claude Code is not logged in on this computer (${p.detail}). Install Claude Code and run \`claude\` to log in; Brimline picks the login up.`,
      action: { kind: 'run_command', command: 'claude' },
    });
  }
  if (p.code === 'login_required') {
    return fail('needs_user', {
      code: 'login_required',
      message: `Claude Code needs you to log in again (${p.detail}). Run \`claude\` and log in; Brimline picks the login up.`,
      action: { kind: 'run_command', command: 'claude' },
    });
  }
  return fail('needs_user', {
    code: 'no_credentials',
    message: `Brimline could not read Claude Code's login: ${p.detail}. Run \`claude\` to log in again.`,
    action: { kind: 'run_command', command: 'claude' },
  });
}

/** A fix that says "run `claude`" names this folder's own login command instead. */
function withLoginCommand(result: PollResult, command: string): PollResult {
  if (result.ok || result.kind === 'rate_limited' || command === 'claude') return result;
  const { error } = result;
  if (error.action?.kind !== 'run_command' || error.action.command !== 'claude') return result;
  return {
    ...result,
    error: { ...error, message: error.message.replaceAll('`claude`', `\`${command}\``), action: { kind: 'run_command', command } },
  };
}

function fallbackPlan(creds: ClaudeCodeCredentials): Plan {
  return { name: planNameFromTier(creds.rateLimitTier, creds.subscriptionType) ?? 'Claude', email: null };
}
