/**
 * Maps what happened on the wire to a state the user understands, each with its fix. Messages never
 * include response bodies verbatim (they could echo a token) beyond the server's short error message.
 */
import type { SourceError } from '../../../../shared/domain';
import { looksLikeHtml, type HttpResult } from '../../platform/net/http';
import type { PollFailureKind, PollResult } from '../source';

export const LOGIN_EXPIRED_MESSAGE = 'Your Claude Code login has expired: run `claude` once and Brimline picks the new login up.';

export function fail(kind: Exclude<PollFailureKind, 'rate_limited'>, error: SourceError): PollResult {
  return { ok: false, kind, error };
}

export function loginExpired(): PollResult {
  return fail('needs_user', { code: 'login_expired', message: LOGIN_EXPIRED_MESSAGE, action: { kind: 'run_command', command: 'claude' } });
}

export const DESKTOP_LOGIN_MESSAGE = 'Claude Code signs in through Claude Desktop here: Brimline uses its status line and cached usage.';

/**
 * Claude Code inside Claude Desktop logs in with a token Desktop injects and never writes
 * `.credentials.json`, so an expired file there is not the user's login: nothing to fix, and the
 * status line and cache keep the numbers coming.
 */
export function desktopLogin(): PollResult {
  return fail('needs_user', { code: 'desktop_login', message: DESKTOP_LOGIN_MESSAGE, action: null });
}

export function unavailable(why: string): PollResult {
  return fail('transient', {
    code: 'unavailable',
    message: `Claude's usage service is temporarily unavailable (${why}). Brimline keeps the last data and retries automatically.`,
    action: { kind: 'retry' },
  });
}

export function badResponse(why: string): PollResult {
  return fail('bad_response', {
    code: 'bad_response',
    message: `Claude returned an unexpected response (${why}). Brimline keeps the last data and retries; if this persists, check for a Brimline update.`,
    action: { kind: 'retry' },
  });
}

/** Non-2xx and transport failures. `parseJson` has already been tried on 2xx bodies by the caller. */
export function mapHttpFailure(res: HttpResult, retryAfter: number | null): PollResult {
  switch (res.kind) {
    case 'timeout':
      return unavailable('the request timed out');
    case 'aborted':
      return unavailable('the request was cancelled');
    case 'network':
      return unavailable(res.message);
    case 'too_large':
      return badResponse(`the body was larger than ${Math.round(res.limit / 1024)} KB`);
    case 'redirect':
      return badResponse(`a redirect (${res.status}) that Brimline does not follow`);
    case 'blocked_host':
      return fail('needs_user', {
        code: 'internal',
        message: `Brimline refused to contact ${res.host}: only Anthropic hosts and BRIMLINE_ANTHROPIC_API_URL are allowed.`,
        action: null,
      });
    case 'response':
      break;
  }
  const { status, text, headers } = res;
  const html = looksLikeHtml(text, headers);
  if (status === 429) return { ok: false, kind: 'rate_limited', retryAfterMs: retryAfter };
  if (html) {
    // A proxy or Cloudflare challenge page: not a login problem, whatever the status says.
    return badResponse(`an HTML page with status ${status}, perhaps a proxy or a network challenge`);
  }
  if (status === 401) return loginExpired();
  if (status === 403) {
    return fail('needs_user', {
      code: 'missing_scope',
      message:
        'Your Claude Code login cannot read usage (it lacks the user:profile scope, as tokens from `claude setup-token` do). Log in with `claude` instead, then Brimline picks it up.',
      action: { kind: 'run_command', command: 'claude' },
    });
  }
  if (status >= 500) return unavailable(`HTTP ${status}`);
  return badResponse(`HTTP ${status}`);
}
