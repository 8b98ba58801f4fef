/**
 * The property test every parser in PARSERS gets: at least 100,000 generated inputs (full profile).
 * The only outcomes allowed are a typed value or a typed error. Split over test files by group so
 * the two cores share the work.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesInput, seedBytes, valueInput } from './fuzz-inputs';
import { PARSERS, type ParserEntry, type ParserOutcome } from './parsers';
import { byProfile, recordFigure } from './report';

export const RUNS = Number(process.env.BRIMLINE_FUZZ_RUNS) || byProfile(100_000, 10_000);

/**
 * The suite is bounded by its input count, not by time: on a busy 2-core machine 100,000 cut
 * transcript files take minutes, and that is not a fault. What is a fault is one input that never
 * finishes: each parse gets this long, which no correct parse of a generated input comes near.
 */
export const HANG_MS = 30_000;

async function withinHangLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${HANG_MS / 1000} s (a hang)`)), HANG_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

export function parserSuite(group: ParserEntry['group']): void {
  describe(`${group} parsers never throw`, () => {
    for (const entry of PARSERS.filter((e) => e.group === group)) {
      it(`${entry.name}: ${RUNS} generated inputs give a typed value or a typed error`, async () => {
        const parser = await entry.open();
        const tally = new Map<string, number>();
        let tried = 0;
        let failure: string | null = null;
        let lastError: string | null = null;
        try {
          for (const seed of entry.input === 'bytes' ? seedBytes(entry.seeds as string[]) : entry.seeds) {
            const out = await parser.parse(seed);
            expect(out, `seed of ${entry.name}`).toMatchObject({ ok: true });
            expect(out.problem).toBeUndefined();
          }
          const arb = entry.input === 'bytes' ? bytesInput(entry.seeds as string[]) : valueInput(entry.seeds as never[]);
          const started = performance.now();
          try {
            await fc.assert(
              fc.asyncProperty(arb, async (input: unknown) => {
                tried++;
                let out: ParserOutcome;
                try {
                  out = await withinHangLimit(parser.parse(input), `${entry.name}, input ${tried}`);
                } catch (err) {
                  lastError = `escaped: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
                  throw err;
                }
                if (typeof out.ok !== 'boolean' || typeof out.code !== 'string') lastError = 'untyped outcome';
                else if (out.problem !== undefined) lastError = `invariant broken (${out.code}): ${out.problem}`;
                if (lastError !== null) throw new Error(lastError);
                const key = `${out.ok ? 'value' : 'error'}:${out.code}`;
                tally.set(key, (tally.get(key) ?? 0) + 1);
              }),
              { numRuns: RUNS, seed: Number(process.env.BRIMLINE_FUZZ_SEED) || undefined, endOnFailure: true },
            );
          } catch (err) {
            // The counterexample can be megabytes: keep the seed, the path and the error itself.
            const lines = err instanceof Error ? err.message.split('\n') : [String(err)];
            failure = `${lastError ?? 'failed'} ${lines.find((l) => l.includes('seed:')) ?? ''}`;
            console.log(lines.join('\n').slice(0, 20_000));
          }
          const ms = Math.round(performance.now() - started);
          const outcomes = [...tally.entries()]
            .sort((a, b) => b[1] - a[1])
            .map(([k, n]) => `${k} ${n}`)
            .join(', ');
          const rate = ms > 0 ? Math.round((tried / ms) * 1000) : tried;
          recordFigure({
            section: 'parser',
            name: entry.name,
            tried,
            bad: failure ? 1 : 0,
            detail: `${ms} ms (${rate}/s); ${failure ?? outcomes}`,
          });
        } finally {
          await parser.close();
        }
        expect(failure).toBeNull();
        expect(tried).toBeGreaterThanOrEqual(RUNS);
      });
    }
  });
}
