import { describe, expect, it } from 'vitest';
import { isAllowedRequestUrl, looksLikeHtml, retryAfterMs } from '../../../../electron/core/platform/net/http';

describe('request allowlist', () => {
  it('allows only https Anthropic hosts and the configured override', () => {
    expect(isAllowedRequestUrl('https://api.anthropic.com/api/oauth/usage')).toBe(true);
    expect(isAllowedRequestUrl('https://claude.ai/api/organizations')).toBe(true);
    expect(isAllowedRequestUrl('http://api.anthropic.com/api/oauth/usage')).toBe(false);
    expect(isAllowedRequestUrl('https://api.anthropic.com.evil.example/x')).toBe(false);
    expect(isAllowedRequestUrl('https://user:pw@api.anthropic.com/x')).toBe(false);
    expect(isAllowedRequestUrl('https://api.anthropic.com:8443/x')).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:4000/api/oauth/usage')).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:4000/api/oauth/usage', ['127.0.0.1:4000'])).toBe(true);
    expect(isAllowedRequestUrl('http://127.0.0.1:4001/api/oauth/usage', ['127.0.0.1:4000'])).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd', ['127.0.0.1:4000'])).toBe(false);
    expect(isAllowedRequestUrl('not a url')).toBe(false);
  });
});

describe('Retry-After', () => {
  const h = (v?: string) => new Headers(v === undefined ? {} : { 'retry-after': v });
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-07-02T20:00:00Z');
    expect(retryAfterMs(h('0'), now)).toBe(0);
    expect(retryAfterMs(h('30'), now)).toBe(30_000);
    expect(retryAfterMs(h('86400'), now)).toBe(86_400_000);
    expect(retryAfterMs(h(), now)).toBeNull();
    expect(retryAfterMs(h('soon'), now)).toBeNull();
    expect(retryAfterMs(h('Thu, 02 Jul 2026 20:10:00 GMT'), now)).toBe(600_000);
  });
});

describe('HTML detection', () => {
  it('spots challenge pages by content type or content', () => {
    expect(looksLikeHtml('{"a":1}', new Headers({ 'content-type': 'text/html; charset=utf-8' }))).toBe(true);
    expect(looksLikeHtml('  <!DOCTYPE html><html>')).toBe(true);
    expect(looksLikeHtml('{"error":"x"}', new Headers({ 'content-type': 'application/json' }))).toBe(false);
  });
});
