#!/usr/bin/env node
// `npm run bench`: every benchmark, each printing its own figures. Pass --full for the large
// local-logs trees (500k and 2M lines; several minutes and ~3.5 GB of temporary files).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const full = process.argv.includes('--full');

const benches = [
  { name: 'renderer bundle size', cmd: ['npx', 'tsx', 'scripts/bench-renderer.ts'], file: 'scripts/bench-renderer.ts' },
  { name: 'renderer bundle size', cmd: ['node', 'scripts/bench-renderer.mjs'], file: 'scripts/bench-renderer.mjs' },
  { name: 'statusline hot path', cmd: ['node', 'scripts/bench-statusline.mjs'], file: 'scripts/bench-statusline.mjs' },
  { name: 'status --watch latency', cmd: ['node', 'scripts/bench-watch.mjs'], file: 'scripts/bench-watch.mjs' },
  { name: 'core parsers', cmd: ['npx', 'tsx', 'scripts/bench-core.ts'], file: 'scripts/bench-core.ts' },
  { name: 'sources (cache, admin API)', cmd: ['npx', 'tsx', 'scripts/bench-sources.ts'], file: 'scripts/bench-sources.ts' },
  { name: 'history store', cmd: ['npx', 'tsx', 'scripts/bench-history.ts'], file: 'scripts/bench-history.ts' },
  { name: 'local logs', cmd: ['npm', 'run', '--silent', 'bench:logs', '--', ...(full ? [] : ['--quick'])], file: null },
];

let failed = 0;
for (const b of benches) {
  if (b.file && !existsSync(path.join(root, b.file))) continue;
  console.log(`\n== ${b.name} ==`);
  const r = spawnSync(b.cmd[0], b.cmd.slice(1), { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${b.name} exited with ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
