/**
 * `npm run parity:ccusage [-- --lines N --seed S]`: compares `brimline logs daily --json` with
 * `npx ccusage@20.0.24 claude daily --json --offline --mode calculate` on a generated tree, in UTC
 * and in time zones with whole-hour and half-hour offsets. Tokens must be equal per day and per
 * model; cost within 1e-6 relative. ccusage is fetched by npx for the comparison only; it is not a
 * dependency. Not part of `npm test` (it needs the npm registry).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLogsCommand } from '../electron/core/cli/logs-command';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GEN = path.join(ROOT, 'tests/fixtures/tools/gen-claude-logs.mjs');
const CCUSAGE = 'ccusage@20.0.24';
const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata'];
const TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'] as const;

interface Breakdown {
  modelName: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  cost: number;
}
interface Day {
  date: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalTokens: number;
  totalCost: number;
  modelBreakdowns: Breakdown[];
}
interface Report {
  daily: Day[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const relErr = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

function compare(zone: string, ours: Report, theirs: Report): string[] {
  const problems: string[] = [];
  const mine = new Map(ours.daily.map((d) => [d.date, d]));
  const ref = new Map(theirs.daily.map((d) => [d.date, d]));
  for (const date of new Set([...mine.keys(), ...ref.keys()])) {
    const a = mine.get(date);
    const b = ref.get(date);
    if (!a || !b) {
      problems.push(`${zone} ${date}: only in ${a ? 'brimline' : 'ccusage'}`);
      continue;
    }
    for (const f of TOKEN_FIELDS) if (a[f] !== b[f]) problems.push(`${zone} ${date} ${f}: brimline ${a[f]} vs ccusage ${b[f]}`);
    if (relErr(a.totalCost, b.totalCost) > 1e-6)
      problems.push(`${zone} ${date} totalCost: brimline ${a.totalCost} vs ccusage ${b.totalCost}`);
    const bm = new Map(b.modelBreakdowns.map((m) => [m.modelName, m]));
    for (const m of a.modelBreakdowns) {
      const o = bm.get(m.modelName);
      if (!o) problems.push(`${zone} ${date} model ${m.modelName}: missing in ccusage`);
      else if (m.outputTokens !== o.outputTokens || m.inputTokens !== o.inputTokens || relErr(m.cost, o.cost) > 1e-6)
        problems.push(`${zone} ${date} model ${m.modelName}: breakdown differs`);
    }
    if (a.modelBreakdowns.length !== b.modelBreakdowns.length)
      problems.push(`${zone} ${date}: ${a.modelBreakdowns.length} models vs ${b.modelBreakdowns.length}`);
  }
  return problems;
}

async function main(): Promise<number> {
  const lines = arg('lines', '30000');
  const seed = arg('seed', '11');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-parity-'));
  try {
    const tree = path.join(tmp, 'claude');
    execFileSync(process.execPath, [GEN, '--out', tree, '--lines', lines, '--files', '60', '--seed', seed, '--days', '30'], {
      stdio: 'ignore',
    });
    let failed = 0;
    for (const zone of ZONES) {
      let out = '';
      let err = '';
      const code = await runLogsCommand(['daily', '--json', '--timezone', zone, '--mode', 'calculate'], {
        stdout: (s) => void (out += s),
        stderr: (s) => void (err += s),
        env: { ...process.env, CLAUDE_CONFIG_DIR: tree, BRIMLINE_DATA_DIR: path.join(tmp, 'data') },
        now: () => Date.now(),
        isTTY: false,
      });
      if (code !== 0) throw new Error(`brimline logs failed: ${err}`);
      const cc = spawnSync('npx', ['-y', CCUSAGE, 'claude', 'daily', '--json', '--offline', '--mode', 'calculate', '--timezone', zone], {
        env: { ...process.env, CLAUDE_CONFIG_DIR: tree },
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      if (cc.status !== 0) throw new Error(`npx ${CCUSAGE} failed (is the npm registry reachable?): ${cc.stderr}`);
      const ours = JSON.parse(out) as Report;
      const problems = compare(zone, ours, JSON.parse(cc.stdout) as Report);
      process.stdout.write(
        `${zone.padEnd(18)} ${ours.daily.length} days  ${problems.length === 0 ? 'identical (tokens equal, cost within 1e-6)' : `${problems.length} differences`}\n`,
      );
      for (const p of problems.slice(0, 20)) process.stdout.write(`  ${p}\n`);
      failed += problems.length;
    }
    return failed === 0 ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`parity-ccusage: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
