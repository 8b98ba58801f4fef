/**
 * Every fault case against every network source, through the app's own core (settings, scheduler,
 * snapshot store) on a manual clock and real loopback HTTP. Each case runs a healthy poll, then a
 * simulated 24 hours of the fault, then heals the server, and checks what the user sees, that the
 * last good data is kept, that no alert fires, the number of requests against the rules, and recovery.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_ALERT_STATE, evaluateAlerts, type AlertEvent } from '../../electron/core/alerts/alerts';
import { createBrimlineCore, type Core } from '../../electron/core/usage/app-core';
import { apiBase } from '../../electron/core/platform/paths';
import { MINUTE } from '../../electron/core/usage/scheduler';
import { startFakeAnthropic, type Behaviour, type FakeAnthropic } from '../support/fake-anthropic';
import { ManualClock } from '../support/manual-clock';
import { recordingFetch } from '../support/recording-fetch';
import { DAY, FAULT_CASES, FAULT_SOURCES, TIMEOUT_MS, maxRequests, type FaultCase, type FaultSourceEntry } from './faults';
import { recordFigure } from './report';

const INTERVAL_MS = 5 * MINUTE; // the default setting
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function withOtherHost(b: Behaviour, other: string): Behaviour {
  return b.kind === 'redirect' ? { ...b, location: b.location.replace('OTHER_HOST', other) } : b;
}

async function runCase(src: FaultSourceEntry, fault: FaultCase): Promise<void> {
  const clock = new ManualClock('2026-07-02T20:00:00Z');
  let server: FakeAnthropic = await startFakeAnthropic({ now: () => clock.now() });
  const port = server.port;
  // A listener on another host (port): a redirect there must never be followed.
  const other = await startFakeAnthropic();
  cleanups.push(
    () => other.close(),
    () => server.close(),
  );
  const home = await mkdtemp(path.join(os.tmpdir(), 'brimline-fault-'));
  cleanups.push(() => rm(home, { recursive: true, force: true }));
  const ccDir = path.join(home, 'claude');
  await mkdir(ccDir, { recursive: true });
  for (const [name, text] of Object.entries(src.files)) await writeFile(path.join(ccDir, name), text);
  const dataDir = path.join(home, 'data');
  const env = { BRIMLINE_DATA_DIR: dataDir, CLAUDE_CONFIG_DIR: ccDir, BRIMLINE_ANTHROPIC_API_URL: server.url };
  const rec = recordingFetch();
  const core: Core = createBrimlineCore({
    env,
    dataDir,
    fetch: rec.fetch,
    clock,
    random: () => 0,
    watchFiles: false,
    sources: (_s, ctx) => [
      src.create({ env: ctx.env, baseUrl: apiBase(ctx.env), fetch: rec.fetch, timeoutMs: fault.timeoutMs ?? TIMEOUT_MS }),
    ],
  });
  clock.settle = () => core.idle();
  cleanups.push(() => core.stop());
  let alertState = EMPTY_ALERT_STATE;
  const alerts: AlertEvent[] = [];
  core.usage.subscribe((view) => {
    const r = evaluateAlerts(alertState, view.windows, { thresholds: [50, 75, 90], onReset: true, now: clock.now() });
    alertState = r.state;
    alerts.push(...r.events);
  });
  const dataCalls = () => rec.calls.filter((c) => c.pathname === src.dataPath);

  // 1. Healthy.
  server.route(src.dataPath, src.healthy(10));
  await core.start();
  await clock.advance(0);
  const good = core.usage.snapshots().find((s) => s.sourceId === src.id)!;
  expect(good.state).toBe('ok');

  // 2. The fault, for a simulated day.
  if (fault.behaviour === 'down') await server.close();
  else server.route(src.dataPath, withOtherHost(fault.behaviour, other.url));
  const before = dataCalls().length;
  await clock.advance(DAY);
  const during = dataCalls().slice(before);
  const shown = core.usage.snapshots().find((s) => s.sourceId === src.id)!;
  const bound = maxRequests(fault.spacing, INTERVAL_MS);

  expect(shown.state, 'last good data is shown as stale').toBe('stale');
  expect(shown.error?.code).toBe(fault.expect.code);
  expect(shown.error?.action?.kind ?? null).toBe(fault.expect.action);
  expect(shown.error?.message).toMatch(fault.expect.message);
  expect(shown.windows, 'the last good data is kept').toEqual(good.windows);
  expect(shown.fetchedAt).toBe(good.fetchedAt);
  expect(alerts, 'no alert fires on bad data').toEqual([]);
  expect(during.length).toBeGreaterThan(0);
  expect(during.length, `requests in 24 h (rules allow ${bound})`).toBeLessThanOrEqual(bound);
  expect(other.requests, 'nothing reached the other host').toEqual([]);
  expect(new Set(rec.calls.map((c) => c.host))).toEqual(new Set([new URL(server.url).host]));
  const maxRead = Math.max(...during.map((c) => c.bytesRead));
  expect(maxRead, 'a body is read up to the 1 MB cap, never whole').toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);

  // 3. Heal.
  const healedAt = clock.now();
  if (fault.behaviour === 'down') {
    server = await startFakeAnthropic({ now: () => clock.now(), port });
    cleanups.push(() => server.close());
    core.networkOnline();
  }
  server.route(src.dataPath, src.healthy(20));
  let recoveredAfter: number | null = null;
  const unsubscribe = core.usage.subscribe((_view, snaps) => {
    if (recoveredAfter === null && snaps.find((s) => s.sourceId === src.id)?.state === 'ok') recoveredAfter = clock.now() - healedAt;
  });
  await clock.advance(fault.recoverWithinMs);
  unsubscribe();
  const healed = core.usage.snapshots().find((s) => s.sourceId === src.id)!;
  expect(healed.state).toBe('ok');
  expect(healed.error).toBeNull();
  expect(healed.windows[0]?.usedPercent).toBe(20);
  expect(alerts).toEqual([]);

  recordFigure({
    section: 'fault',
    name: `${src.id}: ${fault.name}`,
    tried: during.length,
    bad: 0,
    detail: `${during.length} requests in 24 h (rules allow ${bound}); shows ${shown.state}/${shown.error?.code}; last data kept; 0 alerts; max body read ${Math.round(maxRead / 1024)} KB; recovered ${recoveredAfter === null ? '?' : Math.round(recoveredAfter / 1000) + ' s'} after healing`,
  });
}

describe('faults from a loopback server over a simulated day', () => {
  for (const src of FAULT_SOURCES) {
    for (const fault of FAULT_CASES) {
      it(`${src.id}: ${fault.name}`, () => runCase(src, fault));
    }
  }

  it('the request bounds follow the rules (429 floor doubling to an hour; 86400 s honoured)', () => {
    expect(maxRequests({ rule: 'rate_limited', retryAfterMs: 0 }, INTERVAL_MS)).toBe(27);
    expect(maxRequests({ rule: 'rate_limited', retryAfterMs: DAY }, INTERVAL_MS)).toBe(2);
    expect(maxRequests({ rule: 'backoff' }, INTERVAL_MS)).toBe(64);
    expect(maxRequests({ rule: 'interval' }, INTERVAL_MS)).toBe(289);
  });
});
