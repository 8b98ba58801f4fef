/**
 * What the fault tests inject, as two lists. A new network source joins every fault case by adding
 * one entry to FAULT_SOURCES; a new failure mode joins every source by adding one to FAULT_CASES.
 * The request bounds are computed from the polling rules in electron/core/usage/scheduler.ts.
 */
import type { ErrorAction, ErrorCode } from '../../shared/domain';
import { discoverClaudeCodeCredentials } from '../../electron/core/platform/credentials/claude-code';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  MAX_GATE_MS,
  MIN_INTERVAL_MS,
  MINUTE,
  RATE_LIMIT_CAP_MS,
  RATE_LIMIT_FLOOR_MS,
} from '../../electron/core/usage/scheduler';
import { createClaudeOAuthSource } from '../../electron/core/sources/claude-oauth/source';
import type { UsageSource } from '../../electron/core/sources/source';
import type { Env } from '../../electron/core/platform/paths';
import type { Behaviour } from '../support/fake-anthropic';

export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface FaultSourceEntry {
  id: string;
  /** The path whose answers are faulted; other paths keep their healthy behaviour. */
  dataPath: string;
  /** Healthy answer with the given used percent, and what the source should then show. */
  healthy(usedPercent: number): Behaviour;
  /** Files the source needs under the fake home (credentials...), relative to CLAUDE_CONFIG_DIR. */
  files: Record<string, string>;
  create(opts: { env: Env; baseUrl: string; fetch: typeof fetch; timeoutMs: number }): UsageSource;
}

const FAR_FUTURE = Date.parse('2030-01-01T00:00:00Z');

export const FAULT_SOURCES: FaultSourceEntry[] = [
  {
    id: 'claude-oauth',
    dataPath: '/api/oauth/usage',
    healthy: (pct) => ({
      kind: 'json',
      body: {
        five_hour: { utilization: pct, resets_at: '2026-07-03T00:30:00.000+00:00' },
        seven_day: { utilization: pct / 2, resets_at: '2026-07-08T09:00:00.000+00:00' },
        extra_usage: null,
      },
    }),
    files: {
      '.credentials.json': JSON.stringify({
        claudeAiOauth: {
          accessToken: 'sk-ant-oat01-TEST-loopback-fake',
          refreshToken: 'sk-ant-ort01-TEST-refresh',
          expiresAt: FAR_FUTURE,
          scopes: ['user:inference', 'user:profile'],
          subscriptionType: 'max',
        },
      }),
    },
    create: ({ env, baseUrl, fetch, timeoutMs }) =>
      createClaudeOAuthSource({ baseUrl, fetch, timeoutMs, credentials: () => discoverClaudeCodeCredentials({ env, platform: 'linux' }) }),
  },
];

/** How the scheduler treats a failure: the rule that spaces the requests. */
export type Spacing = { rule: 'interval' } | { rule: 'backoff' } | { rule: 'rate_limited'; retryAfterMs: number | null };

/**
 * The most requests the rules allow in `horizon` ms starting with a request at 0, with jitter at
 * its least (random() = 0), the worst case.
 */
export function maxRequests(spacing: Spacing, intervalMs: number, horizon = DAY): number {
  let t = 0;
  let n = 0;
  let streak = 0;
  while (t <= horizon) {
    n++;
    streak++;
    let wait: number;
    if (spacing.rule === 'interval') wait = Math.max(MIN_INTERVAL_MS, intervalMs);
    else if (spacing.rule === 'backoff')
      wait = Math.max(MIN_INTERVAL_MS, Math.min(BACKOFF_BASE_MS * 2 ** (streak - 1), BACKOFF_CAP_MS) * 0.8);
    else {
      const floor = Math.min(RATE_LIMIT_FLOOR_MS * 2 ** (streak - 1), RATE_LIMIT_CAP_MS);
      wait = Math.min(Math.max(spacing.retryAfterMs ?? 0, floor), MAX_GATE_MS);
    }
    t += wait;
  }
  return n;
}

export interface FaultCase {
  name: string;
  /** The faulty answer; `down` stops the server instead, so the port refuses connections. */
  behaviour: Behaviour | 'down';
  spacing: Spacing;
  /** What the user must see while the fault lasts. */
  expect: { code: ErrorCode; action: ErrorAction['kind'] | null; message: RegExp };
  /** Client timeout for this case (real milliseconds); stalls cost this much per request. */
  timeoutMs?: number;
  /** After healing, the most simulated time before fresh data shows. */
  recoverWithinMs: number;
}

const TIMEOUT_MS = 100;
/** A body that would cross every alert threshold if it were believed. */
const ALARMING = JSON.stringify({
  five_hour: { utilization: 99, resets_at: '2026-07-03T00:30:00.000+00:00' },
  seven_day: { utilization: 97, resets_at: null },
});
const CHALLENGE = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser. 99% 97%</body></html>';

const unavailable = { code: 'unavailable', action: 'retry', message: /temporarily unavailable.*retries automatically/ } as const;
const bad = (why: RegExp): FaultCase['expect'] => ({ code: 'bad_response', action: 'retry', message: why });
const limited = { code: 'rate_limited', action: 'retry_at', message: /rate-limiting.*keeps the last data/ } as const;
const backoffRecovery = BACKOFF_CAP_MS * 1.2 + MINUTE;

export const FAULT_CASES: FaultCase[] = [
  {
    name: '401 expired login',
    behaviour: { kind: 'fixture', status: 401, file: 'oauth-usage/error.401.token-expired.json' },
    spacing: { rule: 'interval' },
    expect: { code: 'login_expired', action: 'run_command', message: /expired: run `claude`/ },
    recoverWithinMs: 6 * MINUTE,
  },
  {
    name: '403 missing scope',
    behaviour: { kind: 'json', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'scope' } } },
    spacing: { rule: 'interval' },
    expect: { code: 'missing_scope', action: 'run_command', message: /user:profile scope/ },
    recoverWithinMs: 6 * MINUTE,
  },
  {
    name: '500',
    behaviour: { kind: 'json', status: 500, body: { type: 'error', error: { type: 'api_error', message: 'Internal' } } },
    spacing: { rule: 'backoff' },
    expect: unavailable,
    recoverWithinMs: backoffRecovery,
  },
  {
    name: '502',
    behaviour: { kind: 'text', status: 502, body: 'Bad Gateway' },
    spacing: { rule: 'backoff' },
    expect: unavailable,
    recoverWithinMs: backoffRecovery,
  },
  {
    name: '503',
    behaviour: { kind: 'json', status: 503, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    spacing: { rule: 'backoff' },
    expect: unavailable,
    recoverWithinMs: backoffRecovery,
  },
  {
    name: '429 retry-after 0',
    behaviour: { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json', headers: { 'retry-after': '0' } },
    spacing: { rule: 'rate_limited', retryAfterMs: 0 },
    expect: limited,
    recoverWithinMs: RATE_LIMIT_CAP_MS + MINUTE,
  },
  {
    name: '429 retry-after 30',
    behaviour: { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json', headers: { 'retry-after': '30' } },
    spacing: { rule: 'rate_limited', retryAfterMs: 30_000 },
    expect: limited,
    recoverWithinMs: RATE_LIMIT_CAP_MS + MINUTE,
  },
  {
    name: '429 without retry-after',
    behaviour: { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json' },
    spacing: { rule: 'rate_limited', retryAfterMs: null },
    expect: limited,
    recoverWithinMs: RATE_LIMIT_CAP_MS + MINUTE,
  },
  {
    name: '429 retry-after 86400',
    behaviour: { kind: 'fixture', status: 429, file: 'oauth-usage/error.429.rate-limit.json', headers: { 'retry-after': '86400' } },
    spacing: { rule: 'rate_limited', retryAfterMs: DAY },
    expect: limited,
    recoverWithinMs: DAY + MINUTE,
  },
  {
    name: 'stall (no answer)',
    behaviour: { kind: 'stall' },
    spacing: { rule: 'backoff' },
    expect: { ...unavailable, message: /timed out/ },
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'sleep past the timeout',
    behaviour: { kind: 'delay', ms: TIMEOUT_MS * 3, next: { kind: 'text', status: 200, body: ALARMING, contentType: 'application/json' } },
    spacing: { rule: 'backoff' },
    expect: { ...unavailable, message: /timed out/ },
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'body sent slowly past the timeout',
    behaviour: { kind: 'slow', body: ALARMING, chunks: 6, delayMs: TIMEOUT_MS },
    spacing: { rule: 'backoff' },
    expect: { ...unavailable, message: /timed out/ },
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'truncated JSON',
    behaviour: { kind: 'text', status: 200, body: ALARMING.slice(0, ALARMING.length - 9), contentType: 'application/json' },
    spacing: { rule: 'backoff' },
    expect: bad(/not valid JSON/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'HTML challenge (403)',
    behaviour: { kind: 'text', status: 403, body: CHALLENGE, contentType: 'text/html' },
    spacing: { rule: 'backoff' },
    expect: bad(/HTML page/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'HTML challenge (200)',
    behaviour: { kind: 'text', status: 200, body: CHALLENGE, contentType: 'text/html; charset=UTF-8' },
    spacing: { rule: 'backoff' },
    expect: bad(/HTML page/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: '20 MB body, declared',
    behaviour: { kind: 'huge', bytes: 20 * 1024 * 1024, declareLength: true },
    spacing: { rule: 'backoff' },
    expect: bad(/larger than 1024 KB/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: '20 MB body, streamed',
    behaviour: { kind: 'huge', bytes: 20 * 1024 * 1024 },
    spacing: { rule: 'backoff' },
    expect: bad(/larger than 1024 KB/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'redirect to another host',
    behaviour: { kind: 'redirect', status: 302, location: 'OTHER_HOST/api/oauth/usage' },
    spacing: { rule: 'backoff' },
    expect: bad(/redirect \(302\)/),
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'connection dropped',
    behaviour: { kind: 'drop' },
    spacing: { rule: 'backoff' },
    expect: unavailable,
    recoverWithinMs: backoffRecovery,
  },
  {
    name: 'server down, then back',
    behaviour: 'down',
    spacing: { rule: 'backoff' },
    expect: { ...unavailable, message: /refused the connection/ },
    recoverWithinMs: 5_000,
  },
];

export { TIMEOUT_MS };
