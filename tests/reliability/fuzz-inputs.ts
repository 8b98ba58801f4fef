/**
 * Generated inputs for the parser property tests: random JSON, real fixtures mutated (wrong types,
 * huge numbers, nulls, deleted keys), deep nesting, truncation and invalid UTF-8. Bytes inputs are
 * what a file or a response body can hold; value inputs are what structured clone (IPC) delivers.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const enc = new TextEncoder();

/** Numbers that break naive code: huge, tiny, negative zero, beyond safe integers. */
const nastyNumber = fc.constantFrom(
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  5e-324,
  -0,
  0,
  -1,
  100.0000001,
  1e21,
  2 ** 53,
  8.64e15 + 1,
);

/** What replaces a node of a real fixture. */
const replacement: fc.Arbitrary<Json | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) }, // deletes the key
  {
    weight: 1,
    arbitrary: fc.constantFrom<Json>('', 'NaN', '1e999', '-1', '２０', '2026-13-45T99:99:99Z', '0x10', '\u0000', 'x'.repeat(5000)),
  },
  { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [null], { utilization: 99 }, true, false) },
);

function nodes(v: Json, out: (string | number)[][], at: (string | number)[] = []): void {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => nodes(x, out, [...at, i]));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) nodes(x, out, [...at, k]);
}

function replaceAt(root: Json, at: (string | number)[], value: Json | undefined): Json {
  if (at.length === 0) return value === undefined ? null : value;
  const [head, ...rest] = at;
  if (Array.isArray(root)) {
    const copy = [...root];
    const i = head as number;
    if (rest.length === 0 && value === undefined) copy.splice(i, 1);
    else copy[i] = replaceAt(copy[i] ?? null, rest, value);
    return copy;
  }
  if (root !== null && typeof root === 'object') {
    const copy: { [k: string]: Json } = { ...root };
    const k = head as string;
    if (rest.length === 0 && value === undefined) delete copy[k];
    else copy[k] = replaceAt(copy[k] ?? null, rest, value);
    return copy;
  }
  return root;
}

/** A real value with one to four nodes replaced (a path picked by index, so every node is reachable). */
export function mutatedValue(seeds: readonly Json[]): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), replacement), { minLength: 1, maxLength: 4 }))
    .map(([seed, edits]) => {
      let v: Json = structuredClone(seed);
      for (const [pick, value] of edits) {
        const all: (string | number)[][] = [];
        nodes(v, all);
        v = replaceAt(v, all[pick % all.length]!, value);
      }
      return v;
    });
}

/** `[[[[...]]]]` or `{"a":{"a":...}}` nested up to 20,000 levels, with a valid seed at the bottom sometimes. */
const deepText = fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean(), fc.boolean()).map(([n, obj, closed]) => {
  const open = obj ? '{"five_hour":'.repeat(n) : '['.repeat(n);
  const close = closed ? (obj ? '}' : ']').repeat(n) : '';
  return open + '1' + close;
});

/** Replaces one number literal of the text with one JSON allows but no double can hold, or worse. */
function hugeNumberText(text: string, pick: number, literal: string): string {
  const matches = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
  if (matches.length === 0) return text;
  const m = matches[pick % matches.length]!;
  return text.slice(0, m.index) + literal + text.slice(m.index + m[0].length);
}
const hugeLiteral = fc.constantFrom(
  '1e999',
  '-1e999',
  '1' + '0'.repeat(400),
  '123456789012345678901234567890',
  '0.' + '0'.repeat(400) + '1',
  '1e-999',
  '-0',
);

function insertInvalidUtf8(bytes: Uint8Array, cuts: readonly [number, Uint8Array][]): Uint8Array {
  let out = bytes;
  for (const [at, junk] of cuts) {
    const i = bytes.length === 0 ? 0 : at % (out.length + 1);
    const next = new Uint8Array(out.length + junk.length);
    next.set(out.subarray(0, i), 0);
    next.set(junk, i);
    next.set(out.subarray(i), i + junk.length);
    out = next;
  }
  return out;
}
/** Lone continuation bytes, overlong encodings, surrogates encoded in UTF-8, truncated sequences. */
const badUtf8 = fc.oneof(
  fc.constantFrom(
    Uint8Array.of(0x80),
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
    Uint8Array.of(0xe2, 0x82),
    Uint8Array.of(0xff, 0xfe),
    Uint8Array.of(0xef, 0xbb, 0xbf),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((a) => a.map((b) => b | 0x80)),
);

/**
 * Bytes for a parser whose input is a file or a body. `seedTexts` are real captured texts; the mix
 * leans on them, since inputs close to valid reach deeper than random noise.
 */
export function bytesInput(seedTexts: readonly string[]): fc.Arbitrary<Uint8Array> {
  const seedValues = seedTexts.flatMap((t) => {
    try {
      return [JSON.parse(t) as Json];
    } catch {
      return [];
    }
  });
  const jsonText: fc.Arbitrary<string> = fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 4,
      arbitrary: seedValues.length > 0 ? mutatedValue(seedValues).map((v) => JSON.stringify(v)) : fc.constantFrom(...seedTexts),
    },
    { weight: 1, arbitrary: fc.constantFrom(...seedTexts) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...seedTexts), fc.nat(), hugeLiteral).map(([t, p, l]) => hugeNumberText(t, p, l)) },
  );
  // Deep nesting is rare on purpose: one such input costs as much as a hundred ordinary ones.
  return fc.oneof(
    { weight: 60, arbitrary: jsonText.map((t) => enc.encode(t)) },
    // Truncated anywhere, as a half-written file or a cut connection leaves it.
    { weight: 30, arbitrary: fc.tuple(jsonText, fc.nat()).map(([t, cut]) => enc.encode(t).subarray(0, cut % (enc.encode(t).length + 1))) },
    {
      weight: 20,
      arbitrary: fc
        .tuple(jsonText, fc.array(fc.tuple(fc.nat(), badUtf8), { minLength: 1, maxLength: 3 }))
        .map(([t, cuts]) => insertInvalidUtf8(enc.encode(t), cuts)),
    },
    { weight: 1, arbitrary: deepText.map((t) => enc.encode(t)) },
    { weight: 10, arbitrary: fc.uint8Array({ maxLength: 512 }) },
    {
      weight: 5,
      arbitrary: fc
        .constantFrom('', ' ', '\n', 'null', '[]', '{}', '"', '<!DOCTYPE html><html><body>Just a moment...</body></html>', '\ufeff{}')
        .map((t) => enc.encode(t)),
    },
  );
}

/** Values as the renderer could send them over IPC (after structured clone), near-valid ones included. */
export function valueInput(seeds: readonly Json[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 4, arbitrary: seeds.length > 0 ? mutatedValue(seeds) : fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        undefined,
        null,
        NaN,
        Infinity,
        -0,
        '',
        [],
        {},
        new Date(0),
        new Map(),
        new Uint8Array(4),
        Object.create(null) as unknown,
      ),
    },
  );
}

/** The seeds themselves, exactly, so every run also proves the real data still parses. */
export function seedBytes(seedTexts: readonly string[]): Uint8Array[] {
  return seedTexts.map((t) => enc.encode(t));
}
