import { describe, expect, it } from 'vitest';
import { ipcRequestSchemas, isInvokeChannel, parseRequest, SENSITIVE_CHANNELS } from '../../../../electron/core/app/ipc-schemas';

describe('IPC request schemas', () => {
  it('know their channels, and nothing else passes for one', () => {
    expect(Object.keys(ipcRequestSchemas)).toContain('brimline:get-state');
    expect(isInvokeChannel('brimline:get-state')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
  });

  it('accept no payload for the argument-less channels and refuse one', () => {
    expect(parseRequest('brimline:refresh', undefined)).toEqual({ ok: true, value: undefined });
    const bad = parseRequest('brimline:quit', { now: true });
    expect(bad.ok).toBe(false);
  });

  it('open Settings at a known section only, and open the data folder with no path from the renderer', () => {
    expect(parseRequest('brimline:open-settings', undefined)).toEqual({ ok: true, value: undefined });
    expect(parseRequest('brimline:open-settings', { section: 'accounts' })).toEqual({ ok: true, value: { section: 'accounts' } });
    expect(parseRequest('brimline:open-settings', { section: 'keys' }).ok).toBe(false);
    expect(parseRequest('brimline:open-settings', { section: 'about', url: 'x' }).ok).toBe(false);
    expect(parseRequest('brimline:open-data-folder', undefined).ok).toBe(true);
    expect(parseRequest('brimline:open-data-folder', { path: '/etc' }).ok).toBe(false);
  });

  it('validate settings patches strictly', () => {
    expect(parseRequest('brimline:update-settings', { thresholds: [90, 50] })).toEqual({ ok: true, value: { thresholds: [50, 90] } });
    const bad = parseRequest('brimline:update-settings', { pollIntervalMinutes: 0, extra: 1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Invalid request for brimline:update-settings: /);
  });

  it('validate secret payloads and never echo the secret in the error', () => {
    expect(parseRequest('brimline:save-secret', { name: 'adminApiKey', value: 'sk-ant-admin01-abcdefgh' }).ok).toBe(true);
    for (const payload of [
      { name: 'other', value: 'sk-ant-admin01-SECRETVALUE' },
      { name: 'adminApiKey', value: 'sk-ant-admin01-SECRETVALUE', x: 1 },
      { name: 'adminApiKey', value: 42 },
      { name: 'adminApiKey', value: 'S'.repeat(9000) },
    ]) {
      const r = parseRequest('brimline:save-secret', payload);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).not.toMatch(/SECRETVALUE|SSSS/);
    }
    expect(SENSITIVE_CHANNELS.has('brimline:save-secret')).toBe(true);
  });

  it('accept only 7 or 30 days for get-history', () => {
    expect(parseRequest('brimline:get-history', { days: 7 })).toEqual({ ok: true, value: { days: 7 } });
    expect(parseRequest('brimline:get-history', { days: 30 }).ok).toBe(true);
    for (const bad of [{ days: 8 }, { days: '7' }, {}, { days: 7, extra: 1 }, undefined]) {
      const res = parseRequest('brimline:get-history', bad);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatch(/^Invalid request for brimline:get-history: /);
    }
  });

  it('require a url string for open-external', () => {
    expect(parseRequest('brimline:open-external', { url: 'https://claude.ai/' }).ok).toBe(true);
    expect(parseRequest('brimline:open-external', 'https://claude.ai/').ok).toBe(false);
    expect(parseRequest('brimline:remove-secret', { name: 'claudeSessionKey' }).ok).toBe(true);
  });
});
