import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compactDuration, statusLineText } from '../../../../electron/core/statusline/line';
import { parseStatuslinePayload, type Observation, type ParseOptions } from '../../../../electron/core/statusline/payload';
import { primaryConfigDir } from '../../../../electron/core/platform/paths';
import { FIXTURE } from './helpers';

const sample = readFileSync(FIXTURE, 'utf8');
// 2026-03-20T18:48:00Z: 1 h 12 min before the fixture's five-hour reset (1774036800 = 20:00Z).
const NOW = Date.parse('2026-03-20T18:48:00Z');
const opts: ParseOptions = { env: { CLAUDE_CONFIG_DIR: '/cfg/a' }, now: () => NOW, home: '/home/u' };

function parse(payload: unknown, o: Partial<ParseOptions> = {}): ReturnType<typeof parseStatuslinePayload> {
  return parseStatuslinePayload(typeof payload === 'string' ? payload : JSON.stringify(payload), { ...opts, ...o });
}

describe('parseStatuslinePayload', () => {
  it('reads the captured v2.1.80 payload: percents as reported, epoch seconds to ISO UTC', () => {
    expect(parse(sample)).toEqual({
      ok: true,
      value: {
        version: 1,
        observedAt: '2026-03-20T18:48:00.000Z',
        claudeCodeVersion: null,
        sessionId: null,
        configDir: path.resolve('/cfg/a'),
        apiKeyBilling: false,
        fiveHour: { usedPercent: 42.3, resetsAt: '2026-03-20T20:00:00.000Z' },
        sevenDay: { usedPercent: 85.7, resetsAt: '2026-03-27T03:00:00.000Z' },
      },
    });
  });

  it('keeps reset times to the second, exactly as Claude Code sent them (tolerance lives in alert keys, not in data)', () => {
    const r = parse({ rate_limits: { five_hour: { used_percentage: 43.6, resets_at: 1774036829 } } });
    expect(r.ok && r.value.fiveHour).toMatchObject({ usedPercent: 43.6, resetsAt: '2026-03-20T20:00:29.000Z' });
    const iso = parse({ rate_limits: { seven_day: { used_percentage: 1, resets_at: '2026-03-27T02:59:31.5Z' } } });
    expect(iso.ok && iso.value.sevenDay?.resetsAt).toBe('2026-03-27T02:59:31.500Z');
  });

  it('accepts 0, 100, over 100 and 1000; rejects negative, over 1000, NaN-like and non-numbers', () => {
    for (const ok of [0, 100, 137.5, 1000])
      expect(parse({ rate_limits: { five_hour: { used_percentage: ok } } }).ok, String(ok)).toBe(true);
    for (const bad of [-0.1, 1000.5, 1774036800, '42', true, [], {}])
      expect(parse({ rate_limits: { five_hour: { used_percentage: bad } } }), JSON.stringify(bad)).toMatchObject({ ok: false });
  });

  it('a left-out or null window is unknown (absent), not 0 %', () => {
    const r = parse({ rate_limits: { seven_day: { used_percentage: 5, resets_at: null } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).not.toHaveProperty('fiveHour');
    expect(r.value.sevenDay).toEqual({ usedPercent: 5, resetsAt: null });
    const n = parse({ rate_limits: { five_hour: null, seven_day: { used_percentage: null } } });
    expect(n.ok && [n.value.fiveHour, n.value.sevenDay]).toEqual([undefined, undefined]);
  });

  it('rejects reset times that are not epoch seconds', () => {
    for (const bad of [1774036800000, -5, 'soon', {}])
      expect(parse({ rate_limits: { five_hour: { used_percentage: 1, resets_at: bad } } }), JSON.stringify(bad)).toMatchObject({
        ok: false,
      });
    expect(parse({ rate_limits: { five_hour: { used_percentage: 1, resets_at: '2026-03-20T20:00:00Z' } } }).ok).toBe(true);
  });

  it('explains why the input was refused', () => {
    expect(parse('')).toEqual({ ok: false, error: 'no input' });
    expect(parse('{')).toEqual({ ok: false, error: 'the input is not JSON' });
    expect(parse('null')).toEqual({ ok: false, error: 'the input is not a JSON object' });
    expect(parse({ rate_limits: 3 })).toEqual({ ok: false, error: 'rate_limits is not an object' });
    expect(parse({ rate_limits: { five_hour: { used_percentage: -1 } } })).toEqual({
      ok: false,
      error: 'rate_limits.five_hour.used_percentage (-1) cannot be a percentage',
    });
  });

  it('keeps a sane session id and version, drops odd ones', () => {
    const r = parse({ session_id: 'abc-123', version: '2.1.80' });
    expect(r.ok && [r.value.sessionId, r.value.claudeCodeVersion]).toEqual(['abc-123', '2.1.80']);
    const odd = parse({ session_id: 'x'.repeat(500), version: '2.1.80; rm -rf /' });
    expect(odd.ok && [odd.value.sessionId, odd.value.claudeCodeVersion]).toEqual([null, null]);
  });

  it('records whether ANTHROPIC_API_KEY is set, never its value', () => {
    const secret = 'sk-ant-api03-abcdefghijklmnop';
    const r = parse(sample, { env: { ANTHROPIC_API_KEY: secret } });
    expect(r.ok && r.value.apiKeyBilling).toBe(true);
    expect(JSON.stringify(r)).not.toContain(secret);
    const blank = parse(sample, { env: { ANTHROPIC_API_KEY: '  ' } });
    expect(blank.ok && blank.value.apiKeyBilling).toBe(false);
  });

  it('the config dir: the first CLAUDE_CONFIG_DIR entry (~ expanded), else ~/.claude', () => {
    expect(primaryConfigDir({ CLAUDE_CONFIG_DIR: '~/work-claude, /other' }, '/home/u')).toBe(path.resolve('/home/u/work-claude'));
    expect(primaryConfigDir({}, '/home/u')).toBe(path.join('/home/u', '.claude'));
    expect(primaryConfigDir({ CLAUDE_CONFIG_DIR: ' ' }, '/home/u')).toBe(path.join('/home/u', '.claude'));
  });
});

describe('statusLineText', () => {
  const obs = (o: Partial<Observation>): Observation => ({
    version: 1,
    observedAt: new Date(NOW).toISOString(),
    claudeCodeVersion: null,
    sessionId: null,
    configDir: '/c',
    apiKeyBilling: false,
    ...o,
  });

  it('prints the example line for the captured payload', () => {
    const r = parse(sample);
    expect(r.ok && statusLineText(r.value, NOW)).toBe('5h 42% ↺1h12m · 7d 86%');
  });

  it('shows an unknown window as –, a reset window as 0 %, and flags API-key billing', () => {
    expect(statusLineText(obs({}), NOW)).toBe('5h – · 7d –');
    const past = new Date(NOW - 60_000).toISOString();
    expect(statusLineText(obs({ fiveHour: { usedPercent: 99, resetsAt: past } }), NOW)).toBe('5h 0% · 7d –');
    expect(statusLineText(obs({ sevenDay: { usedPercent: 250.4, resetsAt: null }, apiKeyBilling: true }), NOW)).toBe(
      '5h – · 7d 250% · API key billing',
    );
    expect(statusLineText(obs({ fiveHour: { usedPercent: 3, resetsAt: null } }), NOW)).toBe('5h 3% · 7d –');
  });

  it('compactDuration rounds minutes up and never shows 0', () => {
    expect(compactDuration(1)).toBe('<1m');
    expect(compactDuration(60_000)).toBe('1m');
    expect(compactDuration(60_001)).toBe('2m');
    expect(compactDuration(72 * 60_000)).toBe('1h12m');
    expect(compactDuration(5 * 3600_000)).toBe('5h');
    expect(compactDuration(2 * 86_400_000 + 3 * 3600_000)).toBe('2d3h');
    expect(compactDuration(86_400_000)).toBe('1d');
  });
});
