/**
 * A 106-bit identity for dedup keys, computed straight from the bytes so that no string is built
 * per line. It is two 53-bit halves from four independently seeded 32-bit lanes (murmur3-style
 * mixing, two sets of constants). The store indexes on `hi` and checks `lo`, so two different keys
 * are merged only if all 106 bits agree: for a million requests the chance is about 1e-20.
 */

export interface KeyHash {
  hi: number;
  lo: number;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hashes the concatenation of up to two byte ranges with a ':' between them
 * (`message.id` + ':' + `requestId`), or one range alone when `bStart < 0`. One loop with the lane
 * state in locals (registers): module-level state cost a memory round trip per byte. The values
 * must never change, since saved entry files hold them.
 */
export function hashKey(out: KeyHash, buf: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number, domain: number): void {
  let h1 = 0x9747b28c ^ domain;
  let h2 = 0x2f2b3a1d ^ domain;
  let h3 = 0x6a09e667 ^ domain;
  let h4 = 0xbb67ae85 ^ domain;
  const aLen = aEnd - aStart;
  const len = bStart >= 0 ? aLen + 1 + bEnd - bStart : aLen;
  const bBase = bStart - aLen - 1;
  for (let i = 0; i < len; i++) {
    const c = i < aLen ? buf[aStart + i]! : i === aLen ? 0x3a : buf[bBase + i]!;
    let k1 = Math.imul(c + 0x51ed27, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, 0x1b873593);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 = Math.imul(h2 ^ c, 0x01000193);
    h2 ^= h2 >>> 15;
    let k3 = Math.imul(c + 0x3c6ef3, 0x85ebca77);
    k3 = (k3 << 13) | (k3 >>> 19);
    h3 ^= Math.imul(k3, 0xc2b2ae3d);
    h3 = (h3 << 17) | (h3 >>> 15);
    h3 = (Math.imul(h3, 9) + 0x27d4eb2f) | 0;
    h4 = Math.imul(h4 + c, 0x165667b1);
    h4 = (h4 << 11) | (h4 >>> 21);
  }
  const f1 = fmix(h1 ^ len);
  const f2 = fmix(h2 ^ Math.imul(len, 0x9e3779b1));
  const f3 = fmix(h3 ^ (len << 8));
  const f4 = fmix(h4 ^ Math.imul(len, 0x85ebca6b));
  // 32 + 21 bits per half: both stay exact integers in a double.
  out.hi = f1 * 2097152 + (f2 >>> 11);
  out.lo = f3 * 2097152 + (f4 >>> 11);
}
