/**
 * Shrinks Chromium's screenshots for the repository: a UI picture has a few hundred colours plus
 * the anti-aliased edges of text, so an indexed PNG of at most 256 colours is about half the size
 * and looks the same. Chromium writes 8-bit RGB or RGBA, non-interlaced; those and the indexed
 * PNGs written here are all that is read.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32 } from '../../electron/core/tray/png';

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes per pixel, row by row; transparency is dropped (screenshots are opaque). */
  rgb: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit RGB, RGBA or indexed PNG without interlacing. */
export function decodePng(png: Uint8Array): RgbImage {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('Not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let channels = 0;
  let palette: Uint8Array | null = null;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 3 && colour !== 6) || interlace !== 0) {
        throw new Error('Only 8-bit RGB, RGBA or indexed PNGs without interlacing are read');
      }
      channels = colour === 6 ? 4 : colour === 3 ? 1 : 3;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  if (channels === 1 && palette === null) throw new Error('An indexed PNG without a palette');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rgb = new Uint8Array(width * height * 3);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.slice(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const from =
        palette && channels === 1 ? palette.subarray(line[x]! * 3, line[x]! * 3 + 3) : line.subarray(x * channels, x * channels + 3);
      rgb.set(from, (y * width + x) * 3);
    }
    prev = line;
  }
  return { width, height, rgb };
}

function distance(a: number, b: number): number {
  const dr = (a >> 16) - (b >> 16);
  const dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
  const db = (a & 0xff) - (b & 0xff);
  return dr * dr + dg * dg + db * db;
}

/**
 * Up to 256 colours: every colour when there are that few; otherwise the most frequent ones, each
 * at least `spread` away from those already taken (so a small red dot keeps its own entry instead
 * of losing to a hundred greys), the spread shrinking until the palette is full.
 */
export function choosePalette(counts: ReadonlyMap<number, number>): number[] {
  const byUse = [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([c]) => c);
  if (byUse.length <= 256) return byUse;
  const palette: number[] = [];
  const taken = new Set<number>();
  for (let spread = 48 * 48; palette.length < 256; spread = Math.floor(spread / 2)) {
    for (const c of byUse) {
      if (palette.length === 256) break;
      if (taken.has(c) || palette.some((p) => distance(p, c) < spread)) continue;
      palette.push(c);
      taken.add(c);
    }
  }
  return palette;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out, 4, 8 + body.length));
  return out;
}

/** An indexed PNG of the image: exact when it has at most 256 colours, else each pixel's nearest. */
export function encodeIndexedPng(img: RgbImage): Uint8Array {
  const { width, height, rgb } = img;
  const counts = new Map<number, number>();
  for (let i = 0; i < rgb.length; i += 3) {
    const c = (rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const palette = choosePalette(counts);
  const index = new Map<number, number>();
  for (const c of counts.keys()) {
    let best = 0;
    for (let i = 1; i < palette.length; i++) if (distance(palette[i]!, c) < distance(palette[best]!, c)) best = i;
    index.set(c, best);
  }
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[y * (width + 1) + 1 + x] = index.get((rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!)!;
    }
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = 3; // indexed colour
  const plte = new Uint8Array(palette.length * 3);
  palette.forEach((c, i) => plte.set([c >> 16, (c >> 8) & 0xff, c & 0xff], i * 3));
  const parts = [
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  return Buffer.concat(parts);
}
