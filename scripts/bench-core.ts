// Figures for the core's hot paths: parsing usage responses and simulating a day of polling.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseUsageResponse } from '../electron/core/sources/claude-oauth/usage-parser';
import { Scheduler, MINUTE } from '../electron/core/usage/scheduler';
import type { Clock, TimerHandle } from '../electron/core/platform/clock';

const fixtures = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../tests/fixtures/oauth-usage');
const bodies = ['usage.200.legacy-2026-05.extra-enabled.json', 'usage.200.limits-array-2026-07.json'].map(
  (f) => JSON.parse(readFileSync(path.join(fixtures, f), 'utf8')) as unknown,
);

const N = 100_000;
let t = performance.now();
for (let i = 0; i < N; i++) parseUsageResponse(bodies[i % 2]);
const parseUs = ((performance.now() - t) * 1000) / N;

// A day of 1-minute polling with a synchronous fake clock: the scheduler's own overhead.
let now = Date.parse('2026-07-02T00:00:00Z');
const timers: Array<{ id: number; at: number; fn: () => void }> = [];
let nextId = 1;
const clock: Clock = {
  now: () => now,
  setTimeout: (fn, ms): TimerHandle => {
    const id = nextId++;
    timers.push({ id, at: now + ms, fn });
    return { id };
  },
  clearTimeout: (h) => {
    const i = timers.findIndex((x) => x.id === h.id);
    if (i >= 0) timers.splice(i, 1);
  },
};
let polls = 0;
const scheduler = new Scheduler(
  [{ id: 'claude-oauth', poll: async () => (polls++, { ok: true, data: { windows: [], plan: null, extraUsage: null } }) }],
  { clock, intervalMs: () => MINUTE },
);
t = performance.now();
scheduler.start();
const end = now + 24 * 60 * MINUTE;
while (timers.length > 0) {
  timers.sort((a, b) => a.at - b.at);
  const next = timers.shift()!;
  if (next.at > end) break;
  now = next.at;
  next.fn();
  await scheduler.idle();
}
const dayMs = performance.now() - t;

console.log(`usage response parse      ${parseUs.toFixed(2)} µs per response (${N.toLocaleString('en')} parses)`);
console.log(`scheduler, simulated day  ${dayMs.toFixed(1)} ms for ${polls} polls`);
console.log(`rss                       ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
