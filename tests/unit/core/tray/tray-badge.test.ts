import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BADGE_COLOURS,
  BADGE_STATES,
  WINDOWS_BADGE_SIZES,
  badgeText,
  renderBadgePng,
  type BadgeState,
} from '../../../../electron/core/tray/tray-badge';
import { createImage, crc32, encodePng, type RgbaImage } from '../../../../electron/core/tray/png';
import { decodePng } from './png-decode';

const ARTIFACTS = path.resolve(__dirname, '../../../artifacts/badges');

function px(img: RgbaImage, x: number, y: number): [number, number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
}

const isInk = (p: readonly number[]): boolean => p[0] === 255 && p[1] === 255 && p[2] === 255 && p[3] === 255;

/** Ink blobs (8-connected), left to right, each with its bounding box. */
function inkComponents(img: RgbaImage): { minX: number; maxX: number; minY: number; maxY: number }[] {
  const seen = new Uint8Array(img.width * img.height);
  const out: { minX: number; maxX: number; minY: number; maxY: number }[] = [];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (seen[y * img.width + x] || !isInk(px(img, x, y))) continue;
      const box = { minX: x, maxX: x, minY: y, maxY: y };
      const stack = [[x, y] as const];
      seen[y * img.width + x] = 1;
      while (stack.length) {
        const [cx, cy] = stack.pop()!;
        box.minX = Math.min(box.minX, cx);
        box.maxX = Math.max(box.maxX, cx);
        box.minY = Math.min(box.minY, cy);
        box.maxY = Math.max(box.maxY, cy);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx + dx;
            const ny = cy + dy;
            if (nx < 0 || ny < 0 || nx >= img.width || ny >= img.height || seen[ny * img.width + nx]) continue;
            if (!isInk(px(img, nx, ny))) continue;
            seen[ny * img.width + nx] = 1;
            stack.push([nx, ny]);
          }
        }
      }
      out.push(box);
    }
  }
  return out.sort((a, b) => a.minX - b.minX);
}

describe('PNG encoder', () => {
  it('round-trips arbitrary pixels through a strict decoder', () => {
    const img = createImage(7, 5);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37 + 11) & 0xff;
    const back = decodePng(encodePng(img));
    expect(back.width).toBe(7);
    expect(back.height).toBe(5);
    expect(Array.from(back.data)).toEqual(Array.from(img.data));
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  it('writes chunks the decoder verifies; a flipped byte is caught', () => {
    const png = encodePng(createImage(2, 2));
    const broken = png.slice();
    broken[20] = broken[20]! ^ 0xff; // inside IHDR
    expect(() => decodePng(broken)).toThrow(/CRC/);
  });

  it('refuses a buffer that does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(/does not match/);
    expect(() => createImage(0, 4)).toThrow(/positive/);
  });
});

describe('tray badge', () => {
  it('shows the rounded, clamped percent or a sign', () => {
    expect(badgeText(41.6, 'ok')).toBe('42');
    expect(badgeText(137, 'critical')).toBe('100');
    expect(badgeText(-3, 'ok')).toBe('0');
    expect(badgeText(null, 'stale')).toBe('-');
    expect(badgeText(null, 'error')).toBe('!');
    expect(badgeText(Number.NaN, 'ok')).toBe('-');
  });

  const cases: [number, number][] = [
    [0, 1],
    [7, 1],
    [42, 2],
    [100, 3],
  ];

  for (const size of [...WINDOWS_BADGE_SIZES, 48]) {
    for (const [value, digits] of cases) {
      it(`draws ${value} as ${digits} separate digit(s) inside a ${size} px badge`, () => {
        const img = decodePng(renderBadgePng(value, 'ok', size));
        expect([img.width, img.height]).toEqual([size, size]);
        const comps = inkComponents(img);
        expect(comps).toHaveLength(digits);
        for (const c of comps) {
          // Tall enough to read: at least 5 px (the smallest font) and within the badge margin.
          expect(c.maxY - c.minY + 1).toBeGreaterThanOrEqual(5);
          expect(c.minX).toBeGreaterThanOrEqual(1);
          expect(c.maxX).toBeLessThanOrEqual(size - 2);
        }
        // Digits are separated by at least one pixel of background.
        for (let i = 1; i < comps.length; i++) expect(comps[i]!.minX).toBeGreaterThan(comps[i - 1]!.maxX + 1);
      });
    }
  }

  it('fills the background with the state colour and keeps the corners transparent', () => {
    for (const state of BADGE_STATES) {
      const img = decodePng(renderBadgePng(7, state, 32));
      const [r, g, b] = BADGE_COLOURS[state];
      // Column 2 on the middle row is background in every layout (digits keep a margin).
      expect(px(img, 2, 16)).toEqual([r, g, b, 255]);
      expect(px(img, 0, 0)[3]).toBeLessThan(128);
    }
  });

  it('uses a different colour for every state, each with at least 4.5:1 contrast to white', () => {
    const lum = ([r, g, b]: readonly number[]): number => {
      const lin = (c: number): number => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const colours = BADGE_STATES.map((s) => BADGE_COLOURS[s].join(','));
    expect(new Set(colours).size).toBe(BADGE_STATES.length);
    for (const s of BADGE_STATES) expect(1.05 / (lum(BADGE_COLOURS[s]) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws different numbers differently', () => {
    const a = Buffer.from(renderBadgePng(42, 'ok', 16));
    const b = Buffer.from(renderBadgePng(43, 'ok', 16));
    expect(a.equals(b)).toBe(false);
  });

  it('rejects sizes it cannot draw', () => {
    expect(() => renderBadgePng(1, 'ok', 8)).toThrow(/size/);
    expect(() => renderBadgePng(1, 'ok', 16.5)).toThrow(/size/);
  });

  it('writes the 16 and 32 px badges for 0, 7, 42 and 100 to tests/artifacts for a look', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const written: string[] = [];
    for (const size of [16, 32]) {
      for (const value of [0, 7, 42, 100]) {
        for (const state of ['ok', 'warn', 'critical'] as BadgeState[]) {
          const file = path.join(ARTIFACTS, `badge-${size}-${value}-${state}.png`);
          writeFileSync(file, renderBadgePng(value, state, size));
          written.push(file);
        }
      }
    }
    expect(written).toHaveLength(24);
  });
});
