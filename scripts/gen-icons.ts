/**
 * Draws Brimline's icons with the project's own PNG encoder, so no image tool is needed:
 * `npx tsx scripts/gen-icons.ts`. Writes the app icon (PNG set, 1024 px master, .ico) and the
 * macOS tray template images into assets/. The PNGs are committed; run this after changing the art.
 *
 * The art is a gauge: an open ring with a needle, i.e. "how much room is left".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createImage, encodePng, type RgbaImage } from '../electron/core/tray/png';

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets');

type Rgba = readonly [number, number, number, number];
/** Coverage of a shape at a point in unit coordinates (0..1 on both axes). */
type Shape = (x: number, y: number) => boolean;

const GAUGE_START = (215 * Math.PI) / 180; // lower left, measured counter-clockwise from +x
const GAUGE_SWEEP = (250 * Math.PI) / 180;
const NEEDLE_AT = 0.62;

function angleOf(x: number, y: number): number {
  // y grows downwards in images; flip it so angles read like on paper.
  const a = Math.atan2(-(y - 0.5), x - 0.5);
  return a < 0 ? a + 2 * Math.PI : a;
}

function onArc(x: number, y: number, inner: number, outer: number): boolean {
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r < inner || r > outer) return false;
  // Travel clockwise from the start angle.
  let d = GAUGE_START - angleOf(x, y);
  if (d < 0) d += 2 * Math.PI;
  return d <= GAUGE_SWEEP;
}

function onNeedle(x: number, y: number, length: number, width: number): boolean {
  const a = GAUGE_START - NEEDLE_AT * GAUGE_SWEEP;
  const dx = Math.cos(a);
  const dy = -Math.sin(a);
  const px = x - 0.5;
  const py = y - 0.5;
  const t = px * dx + py * dy;
  if (t < 0 || t > length) return false;
  return Math.abs(px * dy - py * dx) <= width / 2;
}

function roundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Paints layers in order with 4×4 supersampling per pixel. */
function paint(size: number, layers: { shape: Shape; colour: Rgba }[]): RgbaImage {
  const img = createImage(size, size);
  const N = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = (px + (sx + 0.5) / N) / size;
          const y = (py + (sy + 0.5) / N) / size;
          let c: Rgba = [0, 0, 0, 0];
          for (const l of layers) if (l.shape(x, y)) c = l.colour;
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        img.data[i] = Math.round(r / a);
        img.data[i + 1] = Math.round(g / a);
        img.data[i + 2] = Math.round(b / a);
      }
      img.data[i + 3] = Math.round(a / (N * N));
    }
  }
  return img;
}

function appIcon(size: number): RgbaImage {
  const bg: Rgba = [0x26, 0x23, 0x1f, 255];
  const track: Rgba = [0x4a, 0x44, 0x3d, 255];
  const accent: Rgba = [0xd9, 0x77, 0x57, 255];
  const white: Rgba = [0xf5, 0xf0, 0xe8, 255];
  // macOS icons keep a margin around the rounded square; the others fill more of the canvas.
  const m = 0.08;
  const inset =
    (s: Shape): Shape =>
    (x, y) =>
      s((x - m) / (1 - 2 * m), (y - m) / (1 - 2 * m));
  return paint(size, [
    { shape: inset((x, y) => x >= 0 && x <= 1 && y >= 0 && y <= 1 && roundedSquare(x, y, 0.22)), colour: bg },
    { shape: inset((x, y) => onArc(x, y, 0.28, 0.38)), colour: track },
    {
      shape: inset((x, y) => {
        if (!onArc(x, y, 0.28, 0.38)) return false;
        let d = GAUGE_START - angleOf(x, y);
        if (d < 0) d += 2 * Math.PI;
        return d <= NEEDLE_AT * GAUGE_SWEEP;
      }),
      colour: accent,
    },
    { shape: inset((x, y) => onNeedle(x, y, 0.3, 0.055)), colour: white },
    { shape: inset((x, y) => Math.hypot(x - 0.5, y - 0.5) <= 0.06), colour: white },
  ]);
}

/** Black and transparent only: macOS tints template images for light and dark menu bars. */
function trayTemplate(size: number): RgbaImage {
  const ink: Rgba = [0, 0, 0, 255];
  const stroke = size <= 16 ? 0.13 : 0.11;
  return paint(size, [
    { shape: (x, y) => onArc(x, y, 0.46 - stroke, 0.46), colour: ink },
    { shape: (x, y) => onNeedle(x, y, 0.36, stroke), colour: ink },
    { shape: (x, y) => Math.hypot(x - 0.5, y - 0.5) <= stroke * 0.9, colour: ink },
  ]);
}

/** An .ico holding PNG images (supported since Windows Vista). */
function ico(images: { size: number; png: Uint8Array }[]): Uint8Array {
  const header = 6 + 16 * images.length;
  const total = header + images.reduce((n, i) => n + i.png.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint16(2, 1, true);
  v.setUint16(4, images.length, true);
  let offset = header;
  images.forEach((img, k) => {
    const e = 6 + 16 * k;
    out[e] = img.size >= 256 ? 0 : img.size;
    out[e + 1] = img.size >= 256 ? 0 : img.size;
    v.setUint16(e + 4, 1, true); // colour planes
    v.setUint16(e + 6, 32, true); // bits per pixel
    v.setUint32(e + 8, img.png.length, true);
    v.setUint32(e + 12, offset, true);
    out.set(img.png, offset);
    offset += img.png.length;
  });
  return out;
}

function main(): void {
  mkdirSync(path.join(ASSETS, 'icons'), { recursive: true });
  writeFileSync(path.join(ASSETS, 'icon.png'), encodePng(appIcon(1024)));
  const icoImages: { size: number; png: Uint8Array }[] = [];
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
    const png = encodePng(appIcon(size));
    writeFileSync(path.join(ASSETS, 'icons', `${size}x${size}.png`), png);
    if (size <= 256) icoImages.push({ size, png });
  }
  writeFileSync(path.join(ASSETS, 'icon.ico'), ico(icoImages));
  writeFileSync(path.join(ASSETS, 'trayTemplate.png'), encodePng(trayTemplate(16)));
  writeFileSync(path.join(ASSETS, 'trayTemplate@2x.png'), encodePng(trayTemplate(32)));
  process.stdout.write(`Icons written to ${ASSETS}\n`);
}

main();
