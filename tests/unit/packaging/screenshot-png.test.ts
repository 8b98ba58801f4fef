/**
 * The PNG step of `npm run screenshots` (scripts/screenshots/png-palette.ts): Chromium's PNG is
 * read back exactly, and the indexed copy committed to docs/images shows the same picture.
 *
 * tests/fixtures/screenshots/chromium-blocks.png is a 48×24 screenshot Chromium took of eight 12 px
 * blocks of known colours (its rows use the Up and Paeth filters).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImage, encodePng } from '../../../electron/core/tray/png';
import { choosePalette, decodePng, encodeIndexedPng, type RgbImage } from '../../../scripts/screenshots/png-palette';

const fixture = readFileSync(path.resolve(__dirname, '../../fixtures/screenshots/chromium-blocks.png'));
const BLOCKS = [
  [0xff0000, 0x00ff00, 0x0000ff, 0xffffff],
  [0x123456, 0xfedcba, 0x000000, 0x808080],
];

function pixel(img: RgbImage, x: number, y: number): number {
  const i = (y * img.width + x) * 3;
  return (img.rgb[i]! << 16) | (img.rgb[i + 1]! << 8) | img.rgb[i + 2]!;
}

function colours(img: RgbImage): Set<number> {
  const out = new Set<number>();
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out.add(pixel(img, x, y));
  return out;
}

describe('screenshot PNGs', () => {
  it("reads Chromium's screenshot pixel for pixel", () => {
    const img = decodePng(fixture);
    expect([img.width, img.height]).toEqual([48, 24]);
    for (let y = 0; y < 24; y++) {
      for (let x = 0; x < 48; x++) expect(pixel(img, x, y), `pixel ${x},${y}`).toBe(BLOCKS[Math.floor(y / 12)]![Math.floor(x / 12)]);
    }
  });

  it('keeps a picture of at most 256 colours exact, in fewer bytes', () => {
    const img = decodePng(fixture);
    const indexed = encodeIndexedPng(img);
    expect(decodePng(indexed)).toEqual(img);
    expect(indexed.length).toBeLessThan(fixture.length);
  });

  it('maps a picture of more colours to 256 of them, keeping a small distinct colour', () => {
    // 300 greys filling the picture, and one red pixel: the red must not become a grey.
    const rgba = createImage(300, 4);
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 300; x++) {
        const v = Math.round((x * 255) / 299);
        rgba.data.set([v, v, Math.min(255, v + (x % 2)), 255], (y * 300 + x) * 4);
      }
    }
    rgba.data.set([0xd0, 0x20, 0x20, 255], (2 * 300 + 7) * 4);
    const source = decodePng(encodePng(rgba));
    expect(colours(source).size).toBeGreaterThan(256);

    const out = decodePng(encodeIndexedPng(source));
    expect(colours(out).size).toBeLessThanOrEqual(256);
    expect(pixel(out, 7, 2)).toBe(0xd02020);
    for (let x = 0; x < 300; x++) {
      const before = pixel(source, x, 0);
      const after = pixel(out, x, 0);
      for (const shift of [16, 8, 0])
        expect(Math.abs(((before >> shift) & 0xff) - ((after >> shift) & 0xff)), `grey ${x}`).toBeLessThanOrEqual(2);
    }
  });

  it('takes every colour as it is when there are 256 or fewer', () => {
    const counts = new Map([
      [0x111111, 5],
      [0x222222, 9],
    ]);
    expect(choosePalette(counts)).toEqual([0x222222, 0x111111]);
  });

  it('refuses a PNG it cannot read, saying which kinds it reads', () => {
    const png = Uint8Array.from(fixture);
    png[8 + 8 + 8] = 16; // IHDR bit depth
    expect(() => decodePng(png)).toThrow('Only 8-bit RGB, RGBA or indexed PNGs without interlacing are read');
    expect(() => decodePng(Uint8Array.from([1, 2, 3]))).toThrow('Not a PNG');
  });
});
