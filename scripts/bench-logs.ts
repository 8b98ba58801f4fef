/**
 * Local-logs benchmark: `npm run bench:logs [-- --quick]`. Generates transcript trees with the
 * team's generator into .bench/ (git-ignored) and prints, as a plain table:
 *   cold scan of the big tree (and ccusage 20.0.24 `claude daily` on the same tree, when npx can
 *   fetch it), warm re-scan with nothing changed, re-scan after 1,000 appended lines, and the peak
 *   RSS of a cold scan + daily report of the 2M-line tree. --quick: 50k lines, no 2M tree.
 * Each measurement runs in a child process (`--child`) so that RSS and cold state are honest. The
 * child is the scanner bundled with esbuild (as electron-vite ships it), run by plain node: under
 * tsx every run would also pay ~0.3 s and ~30 MB for transpiling on the fly, which the app never
 * does. Set BENCH_TSX=1 to measure through tsx anyway.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { LocalLogsScanner } from '../electron/core/sources/local-logs/scanner';
import { setScanWorkerScript } from '../electron/core/sources/local-logs/scan-workers';
import { dailyReport } from '../electron/core/sources/local-logs/reports';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const BENCH = path.join(ROOT, '.bench');
const GEN = path.join(ROOT, 'tests/fixtures/tools/gen-claude-logs.mjs');
const CCUSAGE = 'ccusage@20.0.24';
/** Rounds per measurement; the table shows the median. */
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const coldRuns: Record<number, number[]> = {};
const coldScanRuns: Record<number, number[]> = {};
const peakRss: Record<number, number> = {};
const END = '2026-07-10T12:00:00Z';

interface ChildResult {
  scanMs: number;
  reportMs: number;
  maxRssMB: number;
  entries: number;
  warmMs?: number;
  appendMs?: number;
}

function tree(lines: number, files: number): string {
  const dir = path.join(BENCH, `tree-${lines}`);
  const stamp = path.join(dir, '.complete');
  if (!existsSync(stamp)) {
    process.stderr.write(`generating ${lines.toLocaleString('en-US')}-line tree in ${dir} ...\n`);
    rmSync(dir, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [GEN, '--out', dir, '--lines', String(lines), '--files', String(files), '--seed', '42', '--days', '60', '--end', END],
      { stdio: 'ignore' },
    );
    writeFileSync(stamp, '');
  }
  return dir;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let n = 0;
function appendedLine(): string {
  n++;
  const id = `msg_bench_${process.pid}_${Date.now()}_${n}`;
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    type: 'assistant',
    sessionId: 'bench',
    message: {
      model: 'claude-sonnet-4-5-20250929',
      id,
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'x'.repeat(400) }],
      usage: { input_tokens: 3, output_tokens: 120, cache_creation_input_tokens: 50, cache_read_input_tokens: 20000 },
    },
    requestId: `req_${id}`,
    timestamp: new Date().toISOString(),
  });
}

/** The child: one cold scan, or warm measurements, on `dir` with state in `data`. */
async function child(kind: 'cold' | 'warm', dir: string, data: string, workers: number | undefined): Promise<void> {
  // Bundled, the worker is the bundle beside this one (as the CLI ships it); under tsx, its source.
  const bundledWorker = path.join(path.dirname(SELF), 'bench-scan-worker.mjs');
  if (SELF.endsWith('.mjs') && existsSync(bundledWorker)) setScanWorkerScript({ url: pathToFileURL(bundledWorker) });
  const scanner = new LocalLogsScanner({ configDirs: [dir], dataDir: data, ...(workers ? { workers } : {}) });
  const t0 = performance.now();
  await scanner.scan();
  const scanMs = performance.now() - t0;
  const t1 = performance.now();
  dailyReport(scanner.store, { timeZone: 'UTC' });
  const reportMs = performance.now() - t1;
  const out: ChildResult = { scanMs, reportMs, maxRssMB: 0, entries: scanner.store.count };
  if (kind === 'warm') {
    const warm: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await scanner.scan();
      warm.push(performance.now() - t);
    }
    out.warmMs = median(warm);
    const file = path.join(dir, 'projects', 'bench-append', 'bench.jsonl');
    mkdirSync(path.dirname(file), { recursive: true });
    const appended: number[] = [];
    for (let r = 0; r < 11; r++) {
      appendFileSync(file, Array.from({ length: 1000 }, appendedLine).join('\n') + '\n');
      const t = performance.now();
      const rep = await scanner.scan();
      appended.push(performance.now() - t);
      if (process.env.BENCH_DEBUG) process.stderr.write(JSON.stringify(rep.timings) + '\n');
    }
    out.appendMs = median(appended);
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out) + '\n');
}

/** How to start the child: the bundled script, or this file through tsx. */
let childArgv: string[] = ['--import', 'tsx', SELF];
let childHow = 'tsx';

async function bundleChild(): Promise<void> {
  if (process.env.BENCH_TSX) return;
  try {
    // esbuild comes with tsx; dependencies stay external and load from node_modules as usual.
    const esbuild = await import('esbuild');
    const outfile = path.join(BENCH, 'bench-child.mjs');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'electron/core/sources/local-logs/scan-worker.ts')],
      outfile: path.join(BENCH, 'bench-scan-worker.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    await esbuild.build({
      entryPoints: [SELF],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    childArgv = [outfile];
    childHow = 'bundled';
  } catch (err) {
    process.stderr.write(
      `bench-logs: could not bundle the child (${err instanceof Error ? err.message : String(err)}); measuring through tsx\n`,
    );
  }
}

function runChild(kind: 'cold' | 'warm', dir: string, data: string, workers?: number): ChildResult & { wallMs: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...childArgv, '--child', kind, dir, data, String(workers ?? 0)], { cwd: ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`benchmark child failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult), wallMs };
}

/** The CLI as users run it, built into .bench/cli (scripts/build-cli.mjs); null if it cannot be built. */
function buildCli(): string | null {
  const outdir = path.join(BENCH, 'cli');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.mjs'), '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`bench-logs: could not build the CLI: ${r.stderr}\n`);
    return null;
  }
  return path.join(outdir, 'brimline.mjs');
}

/** One cold `brimline logs daily --json` on `dir` with empty state in `data`: the process's wall time. */
function runCli(bin: string, dir: string, data: string): number {
  rmSync(data, { recursive: true, force: true });
  const env = { ...process.env, CLAUDE_CONFIG_DIR: dir, BRIMLINE_DATA_DIR: data };
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'logs', 'daily', '--json'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`brimline logs daily failed: ${r.stderr}`);
  return performance.now() - t;
}

/**
 * ccusage 20.0.24 on `dir`, one timed run per call; null when npx cannot fetch it. Its npm package
 * is a Node launcher for a native binary: the binary is run directly when it is there (the
 * strictest comparison: no npx and no launcher start-up on its side), else the launcher through
 * node. Either way the comparison is process against process.
 */
function ccusageRunner(dir: string): { how: string; run: () => number } | null {
  const probe = spawnSync('npx', ['-y', '-p', CCUSAGE, 'sh', '-c', 'command -v ccusage'], { encoding: 'utf8', timeout: 300_000 });
  if (probe.status !== 0 || !probe.stdout.trim()) return null;
  const launcher = realpathSync(probe.stdout.trim());
  const modules = path.resolve(path.dirname(launcher), '../..');
  const native = path.join(modules, '@ccusage', `ccusage-${process.platform}-${process.arch}`, 'bin', 'ccusage');
  const [cmd, pre, how] = existsSync(native)
    ? [native, [], 'its native binary, run directly']
    : [process.execPath, [launcher], 'its launcher, run by node'];
  const env = { ...process.env, CLAUDE_CONFIG_DIR: dir };
  const args = [...pre, 'claude', 'daily', '--json', '--offline', '--mode', 'calculate', '--timezone', 'UTC'];
  return {
    how,
    run: () => {
      const t = performance.now();
      const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(`ccusage failed: ${r.stderr}`);
      return performance.now() - t;
    },
  };
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1] as 'cold' | 'warm', argv[2]!, argv[3]!, Number(argv[4]) || undefined);
  const quick = argv.includes('--quick');
  const bigLines = quick ? 50_000 : 500_000;
  mkdirSync(BENCH, { recursive: true });
  await bundleChild();
  const big = tree(bigLines, quick ? 40 : 200);
  const mb = (d: string): number =>
    readdirSync(d, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.jsonl'))
      .reduce((a, f) => a + statSync(path.join(d, f)).size, 0) / 1048576;
  const rows: [string, string, string][] = [];
  const data = path.join(BENCH, 'data-big');
  // Cold scans with 1 worker (the main thread alone), 2, and the machine's count (BENCH_WORKERS=1,2,4
  // to choose), each round followed by ccusage on the same tree: the ratio is taken per round, so a
  // burst of load on a shared machine weighs on both sides of the ratio it lands in.
  const cores = os.availableParallelism();
  const counts = process.env.BENCH_WORKERS
    ? process.env.BENCH_WORKERS.split(',')
        .map(Number)
        .filter((n) => n >= 1)
    : [...new Set([1, 2, cores])];
  const cc = ccusageRunner(big);
  const cli = buildCli();
  const cliRuns: number[] = [];
  const cliRatios: number[] = [];
  const ccRuns: number[] = [];
  const ratios: Record<number, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of counts) {
      rmSync(data, { recursive: true, force: true });
      const r = runChild('cold', big, data, n);
      (coldRuns[n] ??= []).push(r.wallMs);
      (coldScanRuns[n] ??= []).push(r.scanMs);
      peakRss[n] = Math.max(peakRss[n] ?? 0, r.maxRssMB);
    }
    const cliMs = cli ? runCli(cli, big, data) : NaN;
    cliRuns.push(cliMs);
    if (cc) {
      const ms = cc.run();
      ccRuns.push(ms);
      if (cli) cliRatios.push(cliMs / ms);
      for (const n of counts) (ratios[n] ??= []).push(coldRuns[n]!.at(-1)! / ms);
    }
  }
  // The default run (workers chosen by the scanner), whose state the warm measurements reuse.
  rmSync(data, { recursive: true, force: true });
  const cold = runChild('cold', big, data);
  for (const n of counts) {
    rows.push([
      `cold scan, ${bigLines.toLocaleString('en-US')} lines (${mb(big).toFixed(0)} MB), ${n} worker${n > 1 ? 's' : ''}`,
      `${fmtMs(median(coldScanRuns[n]!))} (process ${fmtMs(median(coldRuns[n]!))}), peak RSS ${peakRss[n]!.toFixed(0)} MB`,
      `median of ${ROUNDS}`,
    ]);
  }
  if (cc) {
    rows.push([`ccusage 20.0.24 claude daily, same tree`, `${fmtMs(median(ccRuns))} (${cc.how})`, `median of ${ROUNDS}`]);
    for (const n of counts)
      rows.push([
        `ratio: our process (${n} worker${n > 1 ? 's' : ''}) / ccusage's process`,
        `${median(ratios[n]!).toFixed(2)} (rounds: ${ratios[n]!.map((r) => r.toFixed(2)).join(', ')})`,
        'goal <= 0.5',
      ]);
    if (cli)
      rows.push([
        'ratio: `brimline logs daily --json` (CLI, cold) / ccusage',
        `${median(cliRatios).toFixed(2)} (rounds: ${cliRatios.map((r) => r.toFixed(2)).join(', ')})`,
        'goal <= 0.5',
      ]);
  } else rows.push(['ccusage 20.0.24', 'not available (npx could not fetch it)', '']);
  if (cli) rows.push(['`brimline logs daily --json`, cold, the built CLI', fmtMs(median(cliRuns)), `median of ${ROUNDS}`]);
  const warm = runChild('warm', big, data);
  rows.push(['load saved state (new process)', fmtMs(warm.scanMs), '']);
  rows.push(['warm re-scan, nothing changed', fmtMs(warm.warmMs!), 'goal <= 20 ms']);
  rows.push(['re-scan after 1,000 appended lines', fmtMs(warm.appendMs!), 'goal <= 30 ms']);
  rows.push([`peak RSS, cold scan + daily report, ${bigLines.toLocaleString('en-US')} lines`, `${cold.maxRssMB.toFixed(0)} MB`, '']);
  // --no-huge: skip the 2M-line tree (2.7 GB to generate), e.g. for the cold-scan figures alone.
  if (!quick && !argv.includes('--no-huge')) {
    const huge = tree(2_000_000, 800);
    const hdata = path.join(BENCH, 'data-huge');
    rmSync(hdata, { recursive: true, force: true });
    const h = runChild('cold', huge, hdata);
    rows.push([`cold scan, 2,000,000 lines (${mb(huge).toFixed(0)} MB)`, `${fmtMs(h.scanMs)} (process ${fmtMs(h.wallMs)})`, '']);
    rows.push(['peak RSS, cold scan + daily report, 2M lines', `${h.maxRssMB.toFixed(0)} MB`, 'workers chosen by the scanner']);
    // The budget is the store's: one thread shows it. Each worker thread adds its own V8 heap and
    // read buffers (about 30 MB) for the length of the cold scan, and frees them after.
    rmSync(hdata, { recursive: true, force: true });
    const h1 = runChild('cold', huge, hdata, 1);
    rows.push(['peak RSS, the same on one thread', `${h1.maxRssMB.toFixed(0)} MB`, 'goal <= 150 MB']);
    rmSync(hdata, { recursive: true, force: true });
  }
  rmSync(data, { recursive: true, force: true });
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
  process.stdout.write(`local logs benchmark (${quick ? 'quick' : 'full'}), node ${process.version}, child ${childHow}\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w[0]!)}  ${b.padEnd(w[1]!)}  ${c}\n`.trimEnd() + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-logs: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
