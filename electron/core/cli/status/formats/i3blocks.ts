/**
 * i3blocks. Once (an `interval` in seconds): three lines, the full text, the short text and the
 * colour (#RRGGBB). With --watch (`interval=persist` and `format=json`): one JSON object per
 * update, {"full_text", "short_text", "color"}.
 */
import { BAR_COLOURS, type BarModel } from './bar-model';

export function i3blocks(m: BarModel): string {
  return `${m.text}\n${m.short}\n${BAR_COLOURS[m.cls]}\n`;
}

export function i3blocksJson(m: BarModel): string {
  return JSON.stringify({ full_text: m.text, short_text: m.short, color: BAR_COLOURS[m.cls] }) + '\n';
}
