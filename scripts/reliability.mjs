#!/usr/bin/env node
/**
 * `npm run test:reliability [-- --quick]`: runs tests/reliability (fuzzed parsers, fault server,
 * SIGKILL, secret search, hardening) and prints one table of what was tried and what went wrong.
 * The vitest output goes to a log file, shown only when something fails.
 * BRIMLINE_RELIABILITY_PROFILE=quick (or --quick) runs 10,000 inputs per parser instead of 100,000.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'brimline-reliability-'));
const out = path.join(work, 'figures.jsonl');
const logFile = path.join(work, 'vitest.log');
writeFileSync(out, '');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const passThrough = args.filter((a) => a !== '--quick');
const env = { ...process.env, BRIMLINE_RELIABILITY_OUT: out, ...(quick ? { BRIMLINE_RELIABILITY_PROFILE: 'quick' } : {}) };
const profile = env.BRIMLINE_RELIABILITY_PROFILE === 'quick' ? 'quick' : 'full';

const started = Date.now();
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', '--config', 'tests/reliability/vitest.config.ts', ...passThrough], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
writeFileSync(logFile, log);
const seconds = Math.round((Date.now() - started) / 1000);

const figures = existsSync(out)
  ? readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];

const SECTIONS = [
  ['parser', 'inputs tried', 'exceptions escaped'],
  ['fault', 'faults injected', 'rule breaches'],
  ['kills', 'kills survived', 'files lost or torn'],
  ['quarantine', 'bad files at start-up', 'not set aside'],
  ['secrets', 'places searched', 'secrets found'],
  ['allowlist', 'requests made', 'off-allowlist'],
  ['hardening', 'checks', 'failed'],
];

const rows = [['area', 'check', 'tried', 'bad', 'detail']];
const totals = [];
for (const [section, triedLabel, badLabel] of SECTIONS) {
  const fs = figures.filter((f) => f.section === section);
  for (const f of fs)
    rows.push([section, f.name, String(f.tried), String(f.bad), f.detail.length > 110 ? f.detail.slice(0, 107) + '...' : f.detail]);
  const tried = fs.reduce((a, f) => a + f.tried, 0);
  const bad = fs.reduce((a, f) => a + f.bad, 0);
  totals.push([section, `${triedLabel}: ${tried.toLocaleString('en-US')}`, `${badLabel}: ${bad}`, fs.length]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) =>
  r
    .map((c, i) => c.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
const sep = widths.map((w) => '-'.repeat(w)).join('  ');

// Strip ANSI colour codes (ESC [ … m) before reading vitest's summary lines.
const ansi = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');
const summary = log
  .split('\n')
  .filter((l) => /^\s*(Test Files|Tests)\s/.test(l.replace(ansi, '')))
  .map((l) => l.replace(ansi, '').trim());
if (code !== 0) {
  process.stdout.write(log.split('\n').slice(-200).join('\n') + '\n');
}
process.stdout.write(`\nBrimline reliability (${profile} profile, ${seconds} s)\n\n`);
process.stdout.write(line(rows[0]) + '\n' + sep + '\n');
for (const r of rows.slice(1)) process.stdout.write(line(r) + '\n');
process.stdout.write(sep + '\n');
for (const [section, tried, bad, n] of totals) process.stdout.write(`${section.padEnd(widths[0])}  ${n} checks; ${tried}; ${bad}\n`);
process.stdout.write(`\n${summary.join('\n')}\nvitest log: ${logFile}\n`);

const failedChecks = figures.filter((f) => f.bad > 0).length;
const passedTests = Number(/Tests\s+(?:\d+ failed \| )?(\d+) passed/.exec(summary.join(' '))?.[1] ?? 0);
const failedTests = Number(/Tests\s+(\d+) failed/.exec(summary.join(' '))?.[1] ?? 0);
process.stdout.write(`reliability: ${passedTests} passed, ${failedTests + (code !== 0 && failedTests === 0 ? 1 : 0)} failed\n`);
process.exit(code !== 0 || failedChecks > 0 ? 1 : 0);
