#!/usr/bin/env node
// `brimline statusline` runs after every Claude Code response. Goal: its median wall time, as the
// built bin, is at most 2.5 × a bare `node -e 0` on the same machine. Both are measured here,
// interleaved so machine load hits them alike. Exits 1 when the goal is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 40);
const GOAL = 2.5;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'hr-bench-sl-'));
const outdir = path.join(tmp, 'cli');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs'), '--outdir', outdir], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const bin = path.join(outdir, 'brimline.mjs');
const input = readFileSync(path.join(root, 'tests/fixtures/statusline/stdin.rate-limits.v2.1.80.json'));
const env = { PATH: process.env.PATH, HOME: tmp, BRIMLINE_DATA_DIR: path.join(tmp, 'data'), CLAUDE_CONFIG_DIR: path.join(tmp, 'claude') };

function time(args, stdin) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input: stdin, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: String(r.stdout) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Warm the file cache for both.
time(['-e', '0']);
const first = time([bin, 'statusline'], input);
const bare = [];
const sl = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(['-e', '0']).ms);
  sl.push(time([bin, 'statusline'], input).ms);
}
const recorded = readdirSync(path.join(tmp, 'data', 'statusline')).length;

// What the hot path loads: the entry and the chunks the statusline command imports.
const chunkBytes = (file, seen = new Set()) => {
  if (seen.has(file)) return 0;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  let total = statSync(file).size;
  for (const m of text.matchAll(/from"(\.\/[^"]+)"/g)) total += chunkBytes(path.resolve(path.dirname(file), m[1]), seen);
  return total;
};
const slChunk = readdirSync(path.join(outdir, 'chunks')).find((n) => n.startsWith('statusline-command-'));
const hotBytes = statSync(bin).size + chunkBytes(path.join(outdir, 'chunks', slChunk));
const allBytes = readdirSync(path.join(outdir, 'chunks')).reduce(
  (n, f) => n + statSync(path.join(outdir, 'chunks', f)).size,
  statSync(bin).size,
);

const mBare = median(bare);
const mSl = median(sl);
const ratio = mSl / mBare;
console.log(`statusline line: ${first.out.trim()}   (observation files written: ${recorded})`);
console.log(`node -e 0                median ${mBare.toFixed(1)} ms  (min ${Math.min(...bare).toFixed(1)}, n=${runs})`);
console.log(`brimline statusline      median ${mSl.toFixed(1)} ms  (min ${Math.min(...sl).toFixed(1)}, n=${runs})`);
console.log(
  `ratio                    ${ratio.toFixed(2)} ×  (goal ≤ ${GOAL} ×: ${ratio <= GOAL ? 'met' : 'NOT met'}; best runs: ${(Math.min(...sl) / Math.min(...bare)).toFixed(2)} ×)`,
);
console.log(`JS loaded on the hot path: ${(hotBytes / 1024).toFixed(1)} KB of ${(allBytes / 1024).toFixed(1)} KB built`);
rmSync(tmp, { recursive: true, force: true });
process.exitCode = ratio <= GOAL ? 0 : 1;
