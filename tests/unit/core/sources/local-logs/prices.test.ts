import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalLogsScanner } from '../../../../../electron/core/sources/local-logs/scanner';
import { dailyReport } from '../../../../../electron/core/sources/local-logs/reports';
import { EntryStore, FLAG_FAST, FLAG_US, type EntryInput } from '../../../../../electron/core/sources/local-logs/entry-store';
import { decodeEntriesInto, encodeEntries } from '../../../../../electron/core/sources/local-logs/entry-file';
import { LineParser } from '../../../../../electron/core/sources/local-logs/line-parser';
import { baseModelId } from '../../../../../electron/core/sources/local-logs/pricing';
import { loadUserPrices, parseUserPrices } from '../../../../../electron/core/sources/local-logs/user-prices';
import { createLocalLogsSource } from '../../../../../electron/core/sources/local-logs/local-logs-source';
import { runLogsCommand } from '../../../../../electron/core/cli/logs-command';
import type { CliIo } from '../../../../../electron/core/cli/io';
import { removeDir, tempDir } from './helpers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  speed?: string;
  inference_geo?: string;
}

let n = 0;
function line(day: string, model: string, usage: Usage, extra: Record<string, unknown> = {}): string {
  n++;
  return JSON.stringify({
    type: 'assistant',
    timestamp: `${day}T10:00:00.000Z`,
    sessionId: 'sess-1',
    requestId: `req_${n}`,
    message: { id: `msg_${n}`, model, role: 'assistant', usage },
    ...extra,
  });
}

const M = 1_000_000;
/**
 * One request a day, so that each day's total is one hand-computed cost. Rates are USD per
 * million tokens from docs/pricing.md; the arithmetic is in the comments.
 */
const LINES: { day: string; text: string; cost: number | null }[] = [
  // Opus 5.5 standard: 1M in $4 + 100k out $2 + 1M read $0.20 + 100k 5m-write $0.50 + 100k 1h-write $0.80.
  {
    day: '2026-10-01',
    text: line('2026-10-01', 'claude-opus-5-5', {
      input_tokens: M,
      output_tokens: 100_000,
      cache_read_input_tokens: M,
      cache_creation_input_tokens: 200_000,
      cache_creation: { ephemeral_5m_input_tokens: 100_000, ephemeral_1h_input_tokens: 100_000 },
    }),
    cost: 7.5,
  },
  // Same request in fast mode ($8/$40; cache at 0.05x, 1.25x, 2x of $8): 8 + 4 + 0.40 + 1.00 + 1.60.
  {
    day: '2026-10-02',
    text: line('2026-10-02', 'claude-opus-5-5-20260921', {
      input_tokens: M,
      output_tokens: 100_000,
      cache_read_input_tokens: M,
      cache_creation_input_tokens: 200_000,
      cache_creation: { ephemeral_5m_input_tokens: 100_000, ephemeral_1h_input_tokens: 100_000 },
      speed: 'fast',
    }),
    cost: 15,
  },
  // US-only, standard speed: 7.5 x 1.1.
  {
    day: '2026-10-03',
    text: line('2026-10-03', 'claude-opus-5-5', {
      input_tokens: M,
      output_tokens: 100_000,
      cache_read_input_tokens: M,
      cache_creation_input_tokens: 200_000,
      cache_creation: { ephemeral_5m_input_tokens: 100_000, ephemeral_1h_input_tokens: 100_000 },
      inference_geo: 'us',
    }),
    cost: 8.25,
  },
  // Fast and US-only: 15 x 1.1.
  {
    day: '2026-10-04',
    text: line('2026-10-04', 'anthropic/claude-opus-5-5', {
      input_tokens: M,
      output_tokens: 100_000,
      cache_read_input_tokens: M,
      cache_creation_input_tokens: 200_000,
      cache_creation: { ephemeral_5m_input_tokens: 100_000, ephemeral_1h_input_tokens: 100_000 },
      speed: 'fast',
      inference_geo: 'us',
    }),
    cost: 16.5,
  },
  // Fable 5.1 (read at 0.025x): 100k in $1 + 10k out $0.50 + 2M read $0.50 + 50k 1h-write $1.00.
  {
    day: '2026-10-05',
    text: line('2026-10-05', 'claude-fable-5-1-20260901', {
      input_tokens: 100_000,
      output_tokens: 10_000,
      cache_read_input_tokens: 2 * M,
      cache_creation_input_tokens: 50_000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 50_000 },
    }),
    cost: 3,
  },
  // Bedrock id of Sonnet 5.5 (read at 0.05x): 1M in $2 + 1M read $0.10.
  {
    day: '2026-10-06',
    text: line('2026-10-06', 'us.anthropic.claude-sonnet-5-5-20260921-v1:0', {
      input_tokens: M,
      output_tokens: 0,
      cache_read_input_tokens: M,
    }),
    cost: 2.1,
  },
  // Vertex id of Opus 4.6 in fast mode ($30/$150): 100k in $3 + 10k out $1.50.
  {
    day: '2026-10-07',
    text: line('2026-10-07', 'claude-opus-4-6@20260205', { input_tokens: 100_000, output_tokens: 10_000, speed: 'fast' }),
    cost: 4.5,
  },
  // Haiku 4.5 predates US-only pricing (no multiplier): 1M in $1.
  {
    day: '2026-10-08',
    text: line('2026-10-08', 'claude-haiku-4-5-20251001', { input_tokens: M, output_tokens: 0, inference_geo: 'us' }),
    cost: 1,
  },
  // Sonnet 4.5 has no fast rates: a fast line is priced at the standard $3.
  {
    day: '2026-10-09',
    text: line('2026-10-09', 'claude-sonnet-4-5', { input_tokens: M, output_tokens: 0, speed: 'fast' }),
    cost: 3,
  },
  // Unknown model: tokens counted, cost unknown (not $0 silently).
  { day: '2026-10-10', text: line('2026-10-10', 'claude-sonnet-9', { input_tokens: 5000, output_tokens: 0 }), cost: null },
  // Fast-mode lines of every other fast model: Opus 5 and 4.8 at $10/$50, Opus 4.7 at $30/$150 (1M in each).
  { day: '2026-10-11', text: line('2026-10-11', 'claude-opus-5', { input_tokens: M, output_tokens: 0, speed: 'fast' }), cost: 10 },
  { day: '2026-10-12', text: line('2026-10-12', 'claude-opus-4-8', { input_tokens: 0, output_tokens: M, speed: 'fast' }), cost: 50 },
  { day: '2026-10-13', text: line('2026-10-13', 'claude-opus-4-7', { input_tokens: M, output_tokens: 0, speed: 'fast' }), cost: 30 },
  // Sonnet 5 with 1h writes only: 1M in $2 + 1M 1h-write $4, US-only: x1.1.
  {
    day: '2026-10-14',
    text: line('2026-10-14', 'claude-sonnet-5', {
      input_tokens: M,
      output_tokens: 0,
      cache_creation_input_tokens: M,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: M },
      inference_geo: 'us',
    }),
    cost: 6.6,
  },
];

function tree(lines: string[]): { cfg: string; data: string } {
  const cfg = tempDir('cfg');
  const data = tempDir('data');
  dirs.push(cfg, data);
  mkdirSync(path.join(cfg, 'projects', 'p'), { recursive: true });
  writeFileSync(path.join(cfg, 'projects', 'p', 'sess-1.jsonl'), lines.join('\n') + '\n');
  return { cfg, data };
}

async function scanned(lines: string[]): Promise<{ scanner: LocalLogsScanner; data: string; cfg: string }> {
  const { cfg, data } = tree(lines);
  const scanner = new LocalLogsScanner({ configDirs: [cfg], dataDir: data });
  await scanner.scan();
  return { scanner, data, cfg };
}

function costsByDay(r: ReturnType<typeof dailyReport>): Map<string, number> {
  return new Map(r.daily.map((d) => [d.date, d.totalCost]));
}

describe('prices of current models, from the transcript through the daily report', () => {
  it('prices each line at its model, speed and geography as published (hand-computed totals)', async () => {
    const { scanner } = await scanned(LINES.map((l) => l.text));
    const r = dailyReport(scanner.store, { timeZone: 'UTC', mode: 'calculate' });
    const byDay = costsByDay(r);
    for (const l of LINES) {
      if (l.cost === null) expect(byDay.get(l.day)).toBe(0);
      else expect(byDay.get(l.day), l.day).toBeCloseTo(l.cost, 9);
    }
    expect(r.unpricedModels).toEqual(['claude-sonnet-9']);
    expect(r.daily.find((d) => d.date === '2026-10-10')!.inputTokens).toBe(5000);
    const priced = LINES.reduce((s, l) => s + (l.cost ?? 0), 0);
    expect(r.totals.totalCost).toBeCloseTo(priced, 9);
  });

  it('cache writes whose 5m/1h split is missing or short ({0, 0} from a gateway) are priced as 5-minute writes, never at $0', async () => {
    // Opus 4.7 ($5 in; 5m writes 1.25x = $6.25, 1h writes 2x = $10 per million).
    const zeroSplit = line('2026-11-01', 'claude-opus-4-7', {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 8000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    });
    // 1,000 of 3,000 written for an hour, the rest unaccounted for: 2,000 at the 5-minute rate.
    const shortSplit = line('2026-11-02', 'claude-opus-4-7', {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 3000,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 },
    });
    const { scanner } = await scanned([zeroSplit, shortSplit]);
    const byDay = costsByDay(dailyReport(scanner.store, { timeZone: 'UTC', mode: 'calculate' }));
    expect(byDay.get('2026-11-01')).toBeCloseTo((8000 * 6.25) / M, 12);
    expect(byDay.get('2026-11-02')).toBeCloseTo((2000 * 6.25 + 1000 * 10) / M, 12);
  });

  it('keeps a costUSD the line carried in auto mode, and prices it at the fast rate in calculate mode', async () => {
    const text = line('2026-10-20', 'claude-opus-5', { input_tokens: M, output_tokens: 0, speed: 'fast' }, { costUSD: 0.123 });
    const { scanner } = await scanned([text]);
    expect(dailyReport(scanner.store, { timeZone: 'UTC', mode: 'auto' }).totals.totalCost).toBeCloseTo(0.123, 12);
    expect(dailyReport(scanner.store, { timeZone: 'UTC', mode: 'calculate' }).totals.totalCost).toBeCloseTo(10, 9);
  });

  it('resolves dated and provider-prefixed ids to their family, and nothing else', () => {
    expect(baseModelId('claude-opus-5-5-20260921')).toBe('claude-opus-5-5');
    expect(baseModelId('anthropic/claude-opus-5-5')).toBe('claude-opus-5-5');
    expect(baseModelId('anthropic.claude-opus-5-5-20260921-v1:0')).toBe('claude-opus-5-5');
    expect(baseModelId('global.anthropic.claude-fable-5-1-20260901-v1:0')).toBe('claude-fable-5-1');
    expect(baseModelId('claude-sonnet-5-5@20260921')).toBe('claude-sonnet-5-5');
    expect(baseModelId('claude-opus-5-5[1m]')).toBe('claude-opus-5-5');
    // Opus 5 is not Opus 5.5, whatever the suffix.
    expect(loadUserPrices(tempDir('none')).table.row('claude-opus-5-20260724')!.family).toBe('Opus 5');
  });
});

describe('usage.speed and usage.inference_geo', () => {
  const parse = (text: string): LineParser => {
    const p = new LineParser();
    const buf = Buffer.from(text);
    expect(p.parse(buf, 0, buf.length)).toBe(true);
    return p;
  };

  it('are read from the message usage only, not from tool input or results', () => {
    const own = parse(line('2026-10-01', 'claude-opus-5-5', { input_tokens: 1, output_tokens: 1, speed: 'fast', inference_geo: 'us' }));
    expect([own.fast, own.geoUs]).toEqual([true, true]);
    const other = parse(
      line(
        '2026-10-01',
        'claude-opus-5-5',
        { input_tokens: 1, output_tokens: 1, speed: 'standard', inference_geo: 'global' },
        {
          toolUseResult: { usage: { speed: 'fast', inference_geo: 'us' } },
        },
      ),
    );
    expect([other.fast, other.geoUs]).toEqual([false, false]);
    // The parser is reused line after line: a later line without the fields is not fast.
    const p = new LineParser();
    const a = Buffer.from(line('2026-10-01', 'm', { input_tokens: 1, output_tokens: 1, speed: 'fast' }));
    const b = Buffer.from(line('2026-10-01', 'm', { input_tokens: 1, output_tokens: 1 }));
    p.parse(a, 0, a.length);
    p.parse(b, 0, b.length);
    expect(p.fast).toBe(false);
  });

  it('survive the saved entries file, and a re-read line adds them to a row stored without them', () => {
    const e = (flags: number): EntryInput => ({
      hi: 1,
      lo: 2,
      ts: 0,
      model: 'claude-opus-5-5',
      sessionId: 's',
      project: 'p',
      inputTokens: 10,
      outputTokens: 1,
      cacheCreationTokens: 0,
      cacheReadTokens: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      costUSD: NaN,
      flags,
    });
    const s = new EntryStore();
    s.add(e(0));
    expect(s.add(e(FLAG_FAST))).toBe('replaced');
    expect(s.add(e(FLAG_FAST))).toBe('kept');
    s.add(e(FLAG_US));
    expect(s.flags[0]).toBe(FLAG_FAST | FLAG_US);
    const back = new EntryStore();
    decodeEntriesInto(back, encodeEntries(s));
    expect(back.flags[0]).toBe(FLAG_FAST | FLAG_US);
  });
});

describe("the user's prices.json", () => {
  function io(env: Record<string, string>): CliIo & { out: string; err: string } {
    const r = {
      out: '',
      err: '',
      env,
      now: () => Date.parse('2026-10-30T10:00:00Z'),
      isTTY: false,
      stdout: (s: string) => void (r.out += s),
      stderr: (s: string) => void (r.err += s),
    };
    return r;
  }

  it('changes a price and adds a model without an update', async () => {
    const { cfg, data } = tree([LINES[0]!.text, LINES[9]!.text]);
    writeFileSync(
      path.join(data, 'prices.json'),
      JSON.stringify(
        {
          models: [
            { id: 'claude-opus-5-5', input: 3, output: 15 },
            { id: 'claude-sonnet-9', input: 1, output: 2 },
          ],
        },
        null,
        2,
      ),
    );
    const t = io({ CLAUDE_CONFIG_DIR: cfg, BRIMLINE_DATA_DIR: data });
    expect(await runLogsCommand(['daily', '--json', '--timezone', 'UTC', '--mode', 'calculate'], t)).toBe(0);
    const j = JSON.parse(t.out) as { daily: { date: string; totalCost: number }[]; unpricedModels: string[] };
    // $3 in, $15 out; cache kept at Opus 5.5's multipliers of the new input (1.25x, 2x, 0.05x):
    // 1M x 3 + 100k x 15 + 1M x 0.15 + 100k x 3.75 + 100k x 6 = 3 + 1.5 + 0.15 + 0.375 + 0.6.
    expect(j.daily.find((d) => d.date === '2026-10-01')!.totalCost).toBeCloseTo(5.625, 9);
    expect(j.daily.find((d) => d.date === '2026-10-10')!.totalCost).toBeCloseTo(0.005, 12);
    expect(j.unpricedModels).toEqual([]);
    expect(t.err).toBe('');
  });

  it('keeps what an entry leaves out from the bundled row of that model, and null removes a fast rate', () => {
    const [kept, removed, fresh] = parseUserPrices(
      JSON.stringify({
        models: [
          { id: 'claude-opus-5-5', input: 3, output: 15 },
          { id: 'claude-opus-4-8', input: 5, output: 25, fast: null },
          { id: 'claude-new-1', input: 2, output: 9 },
        ],
      }),
      'f',
    );
    expect(kept!.fast).toEqual({ input: 8, output: 40, origin: expect.objectContaining({ kind: 'built-in' }) });
    expect(kept!.cacheRead).toBeCloseTo(0.15, 12);
    expect([kept!.usOnlyMultiplier, kept!.origin]).toEqual([1.1, { kind: 'user', file: 'f' }]);
    expect(removed!.fast).toBeNull();
    expect([fresh!.cacheWrite5m, fresh!.cacheWrite1h, fresh!.cacheRead, fresh!.fast, fresh!.usOnlyMultiplier]).toEqual([
      2.5,
      4,
      0.2,
      null,
      1,
    ]);
  });

  it('is refused with the line and entry at fault, and the bundled prices keep working', async () => {
    const { cfg, data } = tree([LINES[0]!.text]);
    const text =
      '{\n  "models": [\n    { "id": "claude-opus-5-5", "input": 3, "output": 15 },\n    { "id": "claude-x", "input": 1, "output": "two" }\n  ]\n}\n';
    writeFileSync(path.join(data, 'prices.json'), text);
    const t = io({ CLAUDE_CONFIG_DIR: cfg, BRIMLINE_DATA_DIR: data });
    expect(await runLogsCommand(['daily', '--json', '--timezone', 'UTC', '--mode', 'calculate'], t)).toBe(0);
    expect(t.err).toContain('line 4, entry 2 (claude-x): "output"');
    expect(t.err).toContain('bundled prices are in use');
    const j = JSON.parse(t.out) as { totals: { totalCost: number } };
    expect(j.totals.totalCost).toBeCloseTo(7.5, 9); // the bundled Opus 5.5 price, not the file's $3

    // Not JSON at all: the line and column of the syntax error.
    expect(() => parseUserPrices('{\n  "models": [\n    { "id": "a", "input": 1, "output": 2, }\n  ]\n}', 'f')).toThrow(
      /^line 3, column \d+: not valid JSON/,
    );
    expect(() => parseUserPrices('{"models": [{"input": 1, "output": 2}]}', 'f')).toThrow(/entry 1: needs "id"/);
    expect(() => parseUserPrices('{"models": [{"id": "a", "input": -1, "output": 2}]}', 'f')).toThrow(/entry 1 \(a\): "input"/);
    expect(() => parseUserPrices('{"models": [{"id": "a", "input": 1, "output": 2, "inptu": 3}]}', 'f')).toThrow(/inptu/);
    // A rate so large its derived cache rates overflow (found by the fuzzer): refused, never an Infinity price.
    expect(() => parseUserPrices('{"models": [{"id": "claude-fable-5-2", "input": 1e308, "output": 2}]}', 'f')).toThrow(
      /entry 1 \(claude-fable-5-2\): "input"/,
    );
    const [derived] = parseUserPrices('{"models": [{"id": "claude-fable-5-2", "input": 1000000, "output": 2}]}', 'f');
    expect([derived!.cacheWrite1h, derived!.cacheWrite5m, derived!.cacheRead].every(Number.isFinite)).toBe(true);
  });

  it('shows its problem in the local-logs source state, with the bundled prices still applied', async () => {
    const { cfg, data } = tree([LINES[0]!.text]);
    writeFileSync(path.join(data, 'prices.json'), '{ "models": [ ');
    const source = createLocalLogsSource({
      configDirs: [cfg],
      dataDir: data,
      timeZone: 'UTC',
      now: () => Date.parse('2026-10-01T12:00:00Z'),
    });
    const r = await source.poll({ signal: new AbortController().signal, now: () => Date.parse('2026-10-01T12:00:00Z') } as never);
    if (!r.ok) throw new Error('poll failed');
    expect(r.data.local!.pricesProblem).toMatch(/prices\.json was not used: line 1, column \d+: not valid JSON/);
    expect(r.data.local!.today.totalCost).toBeCloseTo(7.5, 9);
  });

  it('brimline logs --prices prints the table in use and where each row came from', async () => {
    const data = tempDir('data');
    dirs.push(data);
    writeFileSync(
      path.join(data, 'prices.json'),
      JSON.stringify({ models: [{ id: 'claude-sonnet-9', family: 'Sonnet 9', input: 1, output: 2 }] }),
    );
    const t = io({ BRIMLINE_DATA_DIR: data });
    expect(await runLogsCommand(['--prices'], t)).toBe(0);
    const row = (family: string): string => t.out.split('\n').find((l) => l.startsWith(family + ' '))!;
    expect(row('Opus 5.5')).toMatch(/claude-opus-5-5\s+\$4\s+\$20\s+\$5\s+\$8\s+\$0\.2\s+\$8\/\$40\s+x1\.1\s+built-in/);
    expect(row('Fable 5.1')).toMatch(/\$0\.25\s+-\s+x1\.1\s+built-in/);
    expect(row('Sonnet 9')).toMatch(/\$1\s+\$2\s+\$1\.25\s+\$2\s+\$0\.1\s+-\s+-\s+your prices\.json/);
    expect(t.out).toContain('https://platform.claude.com/docs/en/about-claude/pricing');
    const j = io({ BRIMLINE_DATA_DIR: data });
    expect(await runLogsCommand(['--prices', '--json'], j)).toBe(0);
    const parsed = JSON.parse(j.out) as { models: { family: string; origin: { kind: string } }[] };
    expect(parsed.models.find((m) => m.family === 'Sonnet 9')!.origin.kind).toBe('user');
    expect(parsed.models.find((m) => m.family === 'Haiku 3.5')!.origin.kind).toBe('built-in');
  });
});
