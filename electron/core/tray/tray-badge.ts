/**
 * The Windows/Linux tray badge: those trays cannot show text beside the icon, so the number is
 * drawn into it. Pure: number + state → RGBA pixels → PNG bytes. Digits come from two hand-drawn
 * bitmap fonts, scaled by whole pixels (never smoothed) so they stay sharp at 16 px.
 */
import { createImage, encodePng, type RgbaImage } from './png';

export type BadgeState = 'ok' | 'warn' | 'critical' | 'stale' | 'error';
export const BADGE_STATES: readonly BadgeState[] = ['ok', 'warn', 'critical', 'stale', 'error'];

/** Sizes Windows asks for at 100/125/150/200 % scaling. */
export const WINDOWS_BADGE_SIZES = [16, 20, 24, 32] as const;

export type Rgb = readonly [number, number, number];

/** Backgrounds chosen so white digits keep at least 4.5:1 contrast. */
export const BADGE_COLOURS: Record<BadgeState, Rgb> = {
  ok: [0x1b, 0x6e, 0x30],
  warn: [0xa8, 0x4a, 0x06],
  critical: [0xc0, 0x1c, 0x1c],
  stale: [0x5f, 0x66, 0x70],
  error: [0x37, 0x3f, 0x4b],
};

const INK: Rgb = [0xff, 0xff, 0xff];

interface Font {
  height: number;
  glyphs: Record<string, readonly string[]>;
}

const SMALL: Font = {
  height: 5,
  glyphs: {
    '0': ['###', '#.#', '#.#', '#.#', '###'],
    '1': ['.#', '##', '.#', '.#', '.#'],
    '2': ['###', '..#', '###', '#..', '###'],
    '3': ['###', '..#', '.##', '..#', '###'],
    '4': ['#.#', '#.#', '###', '..#', '..#'],
    '5': ['###', '#..', '###', '..#', '###'],
    '6': ['###', '#..', '###', '#.#', '###'],
    '7': ['###', '..#', '..#', '..#', '..#'],
    '8': ['###', '#.#', '###', '#.#', '###'],
    '9': ['###', '#.#', '###', '..#', '###'],
    '-': ['...', '...', '###', '...', '...'],
    '!': ['#', '#', '#', '.', '#'],
  },
};

const LARGE: Font = {
  height: 7,
  glyphs: {
    '0': ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
    '1': ['.#.', '##.', '.#.', '.#.', '.#.', '.#.', '###'],
    '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
    '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
    '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
    '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
    '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
    '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
    '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
    '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
    '-': ['.....', '.....', '.....', '#####', '.....', '.....', '.....'],
    '!': ['##', '##', '##', '##', '##', '..', '##'],
  },
};

/** The text a badge shows: the rounded percent clamped to 0–100, or a sign when there is no number. */
export function badgeText(value: number | null, state: BadgeState): string {
  if (value === null || !Number.isFinite(value)) return state === 'error' ? '!' : '-';
  return String(Math.min(100, Math.max(0, Math.round(value))));
}

interface Layout {
  font: Font;
  sx: number;
  sy: number;
  width: number;
  height: number;
}

function textWidth(font: Font, text: string, sx: number): number {
  let w = 0;
  for (const ch of text) w += (font.glyphs[ch]?.[0]?.length ?? 0) * sx;
  return w + Math.max(0, text.length - 1) * sx;
}

/**
 * Picks the font and whole-pixel scale that fill the badge best. At one-pixel strokes digits may be
 * stretched to twice their height (tall narrow digits read better at 16 px than tiny square ones);
 * thicker strokes stretch at most 1.5× so large badges do not look spindly.
 */
/** Taller digits first, then the more detailed font, then strokes closest to the fonts' own proportions. */
function score(l: Layout): number {
  return l.height * 1000 + (l.font === LARGE ? 100 : 0) - Math.abs(l.sy / l.sx - 1.3) * 10;
}

function layout(text: string, size: number): Layout {
  const margin = 1;
  const maxW = size - 2 * margin;
  const maxH = size - 2 * margin;
  let best: Layout | null = null;
  for (const font of [SMALL, LARGE]) {
    for (let sx = 1; sx <= 8; sx++) {
      for (let sy = sx; sy <= (sx === 1 ? 2 : Math.ceil(1.5 * sx)); sy++) {
        const width = textWidth(font, text, sx);
        const height = font.height * sy;
        if (width > maxW || height > maxH) continue;
        const candidate = { font, sx, sy, width, height };
        if (!best || score(candidate) > score(best)) best = candidate;
      }
    }
  }
  if (!best) throw new Error(`Badge text "${text}" does not fit in ${size} px`);
  return best;
}

function setPixel(img: RgbaImage, x: number, y: number, [r, g, b]: Rgb, a: number): void {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const i = (y * img.width + x) * 4;
  img.data[i] = r;
  img.data[i + 1] = g;
  img.data[i + 2] = b;
  img.data[i + 3] = a;
}

/** Fills a rounded square with anti-aliased corners (4×4 supersampling of the corner arcs). */
export function fillRoundedSquare(img: RgbaImage, colour: Rgb, radius: number): void {
  const { width: w, height: h } = img;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4;
          const py = y + (sy + 0.5) / 4;
          const cx = Math.min(Math.max(px, radius), w - radius);
          const cy = Math.min(Math.max(py, radius), h - radius);
          if ((px - cx) ** 2 + (py - cy) ** 2 <= radius * radius) inside++;
        }
      }
      if (inside > 0) setPixel(img, x, y, colour, Math.round((inside / 16) * 255));
    }
  }
}

export function renderBadge(value: number | null, state: BadgeState, size: number): RgbaImage {
  if (!Number.isInteger(size) || size < 12 || size > 256) throw new Error(`Badge size must be an integer from 12 to 256, got ${size}`);
  const img = createImage(size, size);
  fillRoundedSquare(img, BADGE_COLOURS[state], Math.max(2, size / 6));
  const text = badgeText(value, state);
  const l = layout(text, size);
  let x = Math.floor((size - l.width) / 2);
  const y0 = Math.floor((size - l.height) / 2);
  for (const ch of text) {
    const rows = l.font.glyphs[ch]!;
    const gw = rows[0]!.length;
    rows.forEach((row, gy) => {
      for (let gx = 0; gx < gw; gx++) {
        if (row[gx] !== '#') continue;
        for (let dy = 0; dy < l.sy; dy++)
          for (let dx = 0; dx < l.sx; dx++) setPixel(img, x + gx * l.sx + dx, y0 + gy * l.sy + dy, INK, 255);
      }
    });
    x += (gw + 1) * l.sx;
  }
  return img;
}

export function renderBadgePng(value: number | null, state: BadgeState, size: number): Uint8Array {
  return encodePng(renderBadge(value, state, size));
}
