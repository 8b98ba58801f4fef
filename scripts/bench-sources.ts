// Figures for the sources added for issue 13: the Claude Code cache on a large ~/.claude.json
// (cold parse, then an unchanged file), and the exact cents sum of a month of cost-report pages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { createClaudeCacheSource } from '../electron/core/sources/claude-cache/source';
import { addDecimal, formatDecimal, ZERO } from '../electron/core/sources/admin-api/decimal';
import { parseCostPage } from '../electron/core/sources/admin-api/reports';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const usage = JSON.parse(
  readFileSync(path.join(root, 'tests/fixtures/oauth-usage/usage.200.limits-array-2026-07.json'), 'utf8'),
) as unknown;

// A long-time user's config: thousands of projects with prompt history around the cached usage.
const dir = mkdtempSync(path.join(os.tmpdir(), 'brimline-bench-cache-'));
const file = path.join(dir, '.claude.json');
const projects: Record<string, unknown> = {};
for (let i = 0; i < 5000; i++)
  projects[`/home/user/p${i}`] = { history: Array.from({ length: 20 }, (_, j) => ({ display: `prompt ${j} `.repeat(20) })) };
const now = Date.now();
writeFileSync(
  file,
  JSON.stringify({ numStartups: 1, projects, cachedUsageUtilization: { accountUuid: 'a', fetchedAtMs: now, utilization: usage } }),
);
const sizeMb = readFileSync(file).byteLength / 1048576;
const source = createClaudeCacheSource({ files: () => [file] });
const ctx = { signal: new AbortController().signal, now: () => now };
let t = performance.now();
const cold = await source.poll(ctx);
const coldMs = performance.now() - t;
t = performance.now();
const WARM = 200;
for (let i = 0; i < WARM; i++) await source.poll(ctx);
const warmMs = (performance.now() - t) / WARM;
rmSync(dir, { recursive: true, force: true });
if (!cold.ok) throw new Error(cold.kind === 'rate_limited' ? 'rate limited' : cold.error.message);

// 31 daily pages of 1,000 line items each, summed exactly.
const template = { ending_at: '2026-07-02T00:00:00Z', starting_at: '2026-07-01T00:00:00Z' };
const pages = Array.from({ length: 31 }, (_, p) => ({
  data: [
    {
      ...template,
      results: Array.from({ length: 1000 }, (_, i) => ({
        amount: `${(p * 1000 + i) % 997}.${String(i).padStart(5, '0')}`,
        currency: 'USD',
      })),
    },
  ],
  has_more: p < 30,
  next_page: p < 30 ? `page_${p + 1}` : null,
}));
t = performance.now();
let total = ZERO;
for (const page of pages) {
  const r = parseCostPage(page);
  if (!r.ok) throw new Error(r.error);
  total = addDecimal(total, r.value.value.cents.get('USD')!);
}
const sumMs = performance.now() - t;

console.log(`claude-cache cold poll    ${coldMs.toFixed(1)} ms on a ${sizeMb.toFixed(1)} MB ~/.claude.json`);
console.log(`claude-cache unchanged    ${warmMs.toFixed(3)} ms per poll (stat only)`);
console.log(`cost report exact sum     ${sumMs.toFixed(1)} ms for 31 pages × 1,000 amounts (total ${formatDecimal(total)} cents)`);
console.log(`rss                       ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
