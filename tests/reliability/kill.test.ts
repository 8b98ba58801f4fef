/**
 * Crash safety: writer processes that save every persisted file in a loop are killed with SIGKILL
 * at random moments, at least 200 times. After each kill every file must load through its real
 * loader as a valid file holding the last version the writer reported saved, or the one it was
 * writing: nothing torn, nothing quarantined, nothing lost.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSISTED_FILES, type LoadOutcome } from './persisted-files';
import { recordFigure } from './report';

const KILLS = Number(process.env.BRIMLINE_KILLS) || 200;
const LANES = 4;
const SEED = Number(process.env.BRIMLINE_KILL_SEED) || Date.now() % 2 ** 31;

/** A small seeded generator, so a failing run can be replayed with BRIMLINE_KILL_SEED. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let work: string;
let bundle: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'brimline-kill-'));
  bundle = path.join(work, 'writer-child.mjs');
  // One bundle, so each of the hundreds of child processes starts in tens of milliseconds.
  await build({
    entryPoints: [path.join(__dirname, 'writer-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Round {
  committed: Map<string, number>;
  killedAfterMs: number;
  stderr: string;
}

/** Starts a writer, lets it run `delayMs` after it is ready, kills it with SIGKILL. */
function killRound(dir: string, start: number, delayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed = new Map<string, number>();
    let buf = '';
    let stderr = '';
    let readyAt = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready') {
          readyAt = performance.now();
          setTimeout(() => child.kill('SIGKILL'), delayMs);
          continue;
        }
        const [name, n] = line.split('\t');
        if (name && n) committed.set(name, Number(n));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else resolve({ committed, killedAfterMs: performance.now() - readyAt, stderr });
    });
  });
}

function describeOutcome(o: LoadOutcome): string {
  return o.kind === 'loaded' ? `version ${o.version}` : o.kind;
}

describe('files survive SIGKILL at random points', () => {
  it(`${KILLS} kills across ${LANES} writers: every file loads as the old or the new version`, async () => {
    const random = mulberry32(SEED);
    const problems: string[] = [];
    let kills = 0;
    let midWrite = 0;
    const started = performance.now();

    const lane = async (laneNo: number, rounds: number): Promise<string[]> => {
      const dir = path.join(work, `lane-${laneNo}`);
      const prev = new Map<string, LoadOutcome>(PERSISTED_FILES.map((e) => [e.name, { kind: 'missing' } as LoadOutcome]));
      for (let r = 0; r < rounds; r++) {
        const start = (r + 1) * 100_000;
        const round = await killRound(dir, start, 5 + random() * 45);
        kills++;
        for (const entry of PERSISTED_FILES) {
          const got = await entry.load(dir);
          const c = round.committed.get(entry.name);
          const before = prev.get(entry.name)!;
          const allowed: LoadOutcome[] =
            c === undefined
              ? [before, { kind: 'loaded', version: entry.encode(start) }]
              : [
                  { kind: 'loaded', version: entry.encode(c) },
                  { kind: 'loaded', version: entry.encode(c + 1) },
                ];
          const ok = got.kind !== 'quarantined' && allowed.some((a) => describeOutcome(a) === describeOutcome(got));
          if (!ok) {
            problems.push(
              `lane ${laneNo} round ${r} ${entry.name}: found ${got.kind === 'quarantined' ? `quarantined (${got.problem})` : describeOutcome(got)}, expected ${allowed.map(describeOutcome).join(' or ')}`,
            );
          }
          if (c !== undefined && got.kind === 'loaded' && got.version === entry.encode(c + 1)) midWrite++;
          prev.set(entry.name, got);
        }
      }
      // Recursive: some stores keep their files in a folder of the data dir (history/).
      return readdir(dir, { recursive: true });
    };

    const perLane = Math.ceil(KILLS / LANES);
    const leftovers = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, perLane)));
    const ms = Math.round(performance.now() - started);
    const names = leftovers.flat();
    const corrupt = names.filter((n) => n.includes('.corrupt-'));
    const temps = names.filter((n) => n.endsWith('.tmp'));
    recordFigure({
      section: 'kills',
      name: `SIGKILL during writes (${PERSISTED_FILES.map((e) => e.name).join(', ')})`,
      tried: kills,
      bad: problems.length + corrupt.length,
      detail: `${ms} ms, seed ${SEED}; ${kills * PERSISTED_FILES.length} file loads valid; ${midWrite} found the write in progress complete; ${temps.length} orphaned temp files left`,
    });
    expect(problems).toEqual([]);
    expect(corrupt).toEqual([]);
    expect(kills).toBeGreaterThanOrEqual(200);
  });
});
