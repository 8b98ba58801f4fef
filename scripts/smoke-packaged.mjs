#!/usr/bin/env node
/**
 * `node scripts/smoke-packaged.mjs <executable> [--idle-seconds 60] [--json out.json]`: launches a
 * packaged build (fuses flipped, app.asar, as users get it) against a loopback fake of the usage
 * API, waits until it has polled and saved a snapshot, lets it sit idle, then records how many
 * processes it runs and their memory (resident set, summed over the process tree), and quits it.
 * Playwright cannot drive a packaged build (its inspector fuse is off), so this watches from outside.
 * Exits 1 when the app does not poll, does not save, or dies. The GitHub workflow runs it after
 * `npm run dist`; the figures go to the job summary.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

/** Every process below `root` (included), from `ps` rows of pid, ppid and rss in KiB. */
export function processTree(rows, root) {
  const children = new Map();
  for (const r of rows) {
    if (!children.has(r.ppid)) children.set(r.ppid, []);
    children.get(r.ppid).push(r);
  }
  const out = [];
  const queue = rows.filter((r) => r.pid === root);
  while (queue.length > 0) {
    const p = queue.shift();
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

export function parsePs(text) {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((f) => f.length === 3 && f.every(Number.isFinite))
    .map(([pid, ppid, rss]) => ({ pid, ppid, rss }));
}

function footprint(pid) {
  const rows = parsePs(execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' }));
  const tree = processTree(rows, pid);
  return { processes: tree.length, rssMiB: Math.round(tree.reduce((s, p) => s + p.rss, 0) / 1024) };
}

function fakeUsageApi(seen) {
  return createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    const at = (h) => new Date(Date.now() + h * 3_600_000).toISOString();
    if (req.url?.startsWith('/api/oauth/usage')) {
      res.end(JSON.stringify({ five_hour: { utilization: 50, resets_at: at(2) }, seven_day: { utilization: 12, resets_at: at(80) } }));
    } else if (req.url?.startsWith('/api/oauth/profile')) {
      res.end(JSON.stringify({ account: { email: 'smoke@example.com' }, organization: { organization_type: 'claude_max' } }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
}

async function waitFor(check, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function smoke(exe, { idleSeconds = 60, extraArgs = [] } = {}) {
  const seen = [];
  const server = fakeUsageApi(seen);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'brimline-smoke-'));
  const claude = path.join(tmp, 'claude');
  mkdirSync(claude);
  writeFileSync(
    path.join(claude, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: 'smoke-test-token', expiresAt: Date.now() + 86_400_000, subscriptionType: 'max' } }),
  );
  const data = path.join(tmp, 'data');
  const env = {
    ...process.env,
    BRIMLINE_ANTHROPIC_API_URL: `http://127.0.0.1:${server.address().port}`,
    BRIMLINE_DATA_DIR: data,
    CLAUDE_CONFIG_DIR: claude,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
  };
  const args = [...extraArgs, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const child = spawn(exe, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  try {
    await waitFor(() => exited !== null || seen.some((u) => u.startsWith('/api/oauth/usage')), 60_000, 'the first usage poll');
    if (exited) throw new Error(`the app exited (${JSON.stringify(exited)}) before polling:\n${output.slice(-3000)}`);
    await waitFor(() => existsSync(path.join(data, 'snapshots.json')), 30_000, 'snapshots.json');
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    if (exited) throw new Error(`the app exited while idle (${JSON.stringify(exited)}):\n${output.slice(-3000)}`);
    const idle = footprint(child.pid);
    const snapshot = JSON.parse(readFileSync(path.join(data, 'snapshots.json'), 'utf8'));
    return { ...idle, idleSeconds, requests: seen.length, snapshotSaved: snapshot !== null };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (exited ? r() : child.once('exit', r)));
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [exe, ...rest] = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : fallback;
  };
  if (!exe || !existsSync(exe)) {
    console.error('usage: node scripts/smoke-packaged.mjs <packaged executable> [--idle-seconds 60] [--json out.json]');
    process.exit(2);
  }
  try {
    const figures = await smoke(exe, { idleSeconds: Number(opt('--idle-seconds', '60')) });
    const line = `Packaged smoke test: polled and saved; after ${figures.idleSeconds} s idle: ${figures.processes} processes, ${figures.rssMiB} MiB resident`;
    console.log(line);
    const json = opt('--json', null);
    if (json) writeFileSync(json, JSON.stringify(figures, null, 2));
    if (process.env.GITHUB_STEP_SUMMARY) writeFileSync(process.env.GITHUB_STEP_SUMMARY, `${line}\n`, { flag: 'a' });
  } catch (err) {
    console.error(`Packaged smoke test failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
