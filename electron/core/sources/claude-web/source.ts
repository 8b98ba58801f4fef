/**
 * claude.ai with a pasted `sessionKey` cookie, for subscribers who do not use Claude Code.
 * Organisation list → the chat organisation (or the one the user chose) → its usage (same shape as
 * the OAuth usage, same parser) and its overage limit (extra usage).
 */
import { safeJson } from '../../platform/net/json';
import type { ExtraUsage, MemberSpend } from '../../../../shared/domain';
import { resetsOf, type ResetLog } from '../claude-oauth/reset-grants';
import { retryAfterMs, type HttpResult } from '../../platform/net/http';
import { badResponse, fail, mapHttpFailure } from '../claude-oauth/errors';
import { parseUsageResponse } from '../claude-oauth/usage-parser';
import type { PollContext, PollResult, UsageSource } from '../source';
import type { ClaudeWebFetch } from './fetch-port';
import {
  classifyWebFailure,
  memberSpendRefusal,
  parseMemberSpend,
  parseOrganizations,
  parseOverage,
  type WebOrganization,
} from './parsers';

/** The organisation list rarely changes; asking once in a while saves a request per poll. */
const ORGS_EVERY_MS = 6 * 60 * 60_000;

export const BROWSER_CHECK_MESSAGE = 'claude.ai asked for a browser check: open claude.ai in your browser, then retry.';
export const SESSION_EXPIRED_MESSAGE =
  'Your claude.ai session key expired: paste a new one in Settings (claude.ai → developer tools → Application → Cookies → sessionKey).';

export interface ClaudeWebOptions {
  /** https://claude.ai, or BRIMLINE_CLAUDE_WEB_URL (see paths.ts claudeWebBase). */
  baseUrl: string;
  fetch: ClaudeWebFetch;
  /** The stored `sessionKey` (secret `claudeSessionKey`). */
  getSecret: () => Promise<string | null>;
  /** The organisation the user chose in Settings, when the account has several. */
  organizationUuid?: () => string | null;
  /**
   * With several chat organisations and none chosen, follow the first the list names instead of
   * asking: Settings offers the choice for the first key only, so a further key must not wait for it.
   */
  firstWhenSeveral?: boolean;
  /** Told whenever a fresh organisation list arrives, so Settings can offer the choice. */
  onOrganizations?: (orgs: readonly WebOrganization[]) => void;
  /** Where an ineligible reset answer's reason goes: the log only. */
  log?: ResetLog;
}

export interface ClaudeWebSource extends UsageSource {
  /** The last organisation list seen (empty before the first successful list). */
  organizations(): readonly WebOrganization[];
}

export function createClaudeWebSource(opts: ClaudeWebOptions): ClaudeWebSource {
  let orgs: { list: WebOrganization[]; at: number; key: string } | null = null;
  /** What Settings offers; kept when the cache above is dropped to be re-read. */
  let lastList: WebOrganization[] = [];

  const get = (path: string, key: string, signal: AbortSignal): Promise<HttpResult> =>
    opts.fetch(`${opts.baseUrl}${path}`, {
      sessionKey: key,
      signal,
      headers: { Accept: 'application/json' },
    });

  async function organizations(
    key: string,
    ctx: PollContext,
  ): Promise<{ ok: true; list: WebOrganization[] } | { ok: false; result: PollResult }> {
    // A new key may belong to another account: never reuse a list fetched with a different key.
    if (orgs && orgs.key === key && ctx.now() - orgs.at < ORGS_EVERY_MS) return { ok: true, list: orgs.list };
    const res = await get('/api/organizations', key, ctx.signal);
    if (res.kind !== 'response' || res.status !== 200) return { ok: false, result: failure(res, ctx.now()) };
    const body = safeJson(res.text);
    if (body === undefined) return { ok: false, result: failure(res, ctx.now(), true) };
    const parsed = parseOrganizations(body);
    if (!parsed.ok) return { ok: false, result: badResponse(parsed.error) };
    orgs = { list: parsed.value, at: ctx.now(), key };
    lastList = parsed.value;
    opts.onOrganizations?.(parsed.value);
    return { ok: true, list: parsed.value };
  }

  return {
    id: 'claude-web',
    organizations: () => lastList,
    async poll(ctx: PollContext): Promise<PollResult> {
      const key = (await opts.getSecret())?.trim() ?? '';
      if (!key) {
        return fail('unconfigured', {
          code: 'no_credentials',
          message: 'No claude.ai session key is set. Paste the sessionKey cookie of claude.ai in Settings.',
          action: { kind: 'open_settings' },
        });
      }
      if (!key.startsWith('sk-ant-sid')) {
        return fail('needs_user', {
          code: 'no_credentials',
          message:
            'The claude.ai session key should start with "sk-ant-sid". Copy the sessionKey cookie of claude.ai again and paste it in Settings.',
          action: { kind: 'open_settings' },
        });
      }

      const listed = await organizations(key, ctx);
      if (!listed.ok) return listed.result;
      const chosen = pickOrganization(listed.list, opts.organizationUuid?.() ?? null, opts.firstWhenSeveral ?? false);
      if (!chosen.ok) {
        // The list may be what is out of date: read it afresh next time.
        orgs = null;
        return chosen.result;
      }
      const org = chosen.org;

      const res = await get(`/api/organizations/${encodeURIComponent(org.uuid)}/usage?cedar_ember=1`, key, ctx.signal);
      if (res.kind !== 'response' || res.status !== 200) {
        // The cached list may be what went stale (the key lost the organisation): ask again next time.
        if (res.kind === 'response' && (res.status === 401 || res.status === 403)) orgs = null;
        return failure(res, ctx.now());
      }
      const body = safeJson(res.text);
      if (body === undefined) return failure(res, ctx.now(), true);
      const usage = parseUsageResponse(body);
      if (!usage.ok) return badResponse(usage.error);

      // A spend-billed organisation's credits are already in its window; its overage limit is the same money.
      const spendBilled = usage.value.windows.some((w) => w.scope === 'organisation') || usage.value.extraUsage?.scope === 'organisation';
      const extraUsage = spendBilled ? usage.value.extraUsage : ((await overage(org.uuid, key, ctx.signal)) ?? usage.value.extraUsage);
      const memberSpend = spendBilled ? await spendOfMember(org.uuid, key, ctx.signal) : null;
      return {
        ok: true,
        data: {
          windows: usage.value.windows,
          extraUsage,
          resets: resetsOf(body, opts.log),
          ...(memberSpend ? { memberSpend } : {}),
          plan: org.planName ? { name: org.planName, email: null } : null,
          // The organisation links this data to the account whose Claude Code login names it.
          account: { orgUuid: org.uuid },
        },
      };
    },
  };

  /**
   * The member's own month-to-date spend, asked for only on a spend-billed organisation (where the
   * organisation's figure is not the member's). A bonus too: a failure that says nothing about the
   * endpoint (timeout, 5xx) gives null, shown as nothing.
   */
  async function spendOfMember(uuid: string, key: string, signal: AbortSignal): Promise<MemberSpend | null> {
    const res = await get(`/api/organizations/${encodeURIComponent(uuid)}/usage/spend`, key, signal);
    if (res.kind !== 'response') return null;
    if (res.status !== 200) return memberSpendRefusal(res.status, res.text, res.headers);
    const parsed = parseMemberSpend(safeJson(res.text));
    return parsed.ok ? parsed.value : null;
  }

  /** Extra usage is a bonus: a failure here never fails the usage poll. */
  async function overage(uuid: string, key: string, signal: AbortSignal): Promise<ExtraUsage | null> {
    const res = await get(`/api/organizations/${encodeURIComponent(uuid)}/overage_spend_limit`, key, signal);
    if (res.kind !== 'response' || res.status !== 200) return null;
    const parsed = parseOverage(safeJson(res.text));
    return parsed.ok ? parsed.value : null;
  }
}

type Pick = { ok: true; org: WebOrganization } | { ok: false; result: PollResult };

export function pickOrganization(list: readonly WebOrganization[], chosenUuid: string | null, firstWhenSeveral = false): Pick {
  const chat = list.filter((o) => o.chat);
  if (chosenUuid) {
    const found = list.find((o) => o.uuid === chosenUuid);
    if (found) return { ok: true, org: found };
    return { ok: false, result: chooseAgain('The claude.ai organisation chosen in Settings is no longer on this account') };
  }
  if (chat.length === 1 || (firstWhenSeveral && chat.length > 1)) return { ok: true, org: chat[0]! };
  if (chat.length === 0) {
    return {
      ok: false,
      result: fail('needs_user', {
        code: 'login_required',
        message:
          'This claude.ai account has no organisation with chat, so it has no plan usage to show. Paste the session key of the account you use claude.ai with.',
        action: { kind: 'open_settings' },
      }),
    };
  }
  return { ok: false, result: chooseAgain(`This claude.ai account has ${chat.length} organisations with chat`) };
}

function chooseAgain(why: string): PollResult {
  return fail('needs_user', {
    code: 'login_required',
    message: `${why}: choose the organisation to follow in Settings.`,
    action: { kind: 'open_settings' },
  });
}

function failure(res: HttpResult, now: number, notJson = false): PollResult {
  if (res.kind === 'blocked_host') {
    return fail('needs_user', {
      code: 'internal',
      message: `Brimline refused to contact ${res.host}: only claude.ai and BRIMLINE_CLAUDE_WEB_URL are allowed.`,
      action: null,
    });
  }
  if (res.kind !== 'response') return mapHttpFailure(res, null);
  const kind = classifyWebFailure(res.status, res.text, res.headers);
  if (kind === 'browser_check') {
    return fail('needs_user', {
      code: 'unavailable',
      message: BROWSER_CHECK_MESSAGE,
      action: { kind: 'open_url', url: 'https://claude.ai' },
    });
  }
  if (kind === 'session_expired')
    return fail('needs_user', { code: 'login_expired', message: SESSION_EXPIRED_MESSAGE, action: { kind: 'open_settings' } });
  if (kind === 'invalid_org') return chooseAgain('Your session key is not valid for the chosen claude.ai organisation');
  if (notJson) return badResponse(res.text.trim().startsWith('<') ? 'an HTML page instead of JSON' : 'the body is not valid JSON');
  return mapHttpFailure(res, retryAfterMs(res.headers, now));
}
