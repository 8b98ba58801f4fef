/**
 * Waybar's custom module with `"return-type": "json"`: one object per line,
 * {"text", "tooltip", "class", "percentage", "alt"}. `class` (and `alt`, for `format-icons`) is
 * one of ok, warn, high, critical, stale, error; `percentage` is an integer.
 */
import type { BarModel } from './bar-model';

export function waybar(m: BarModel): string {
  return JSON.stringify({ text: m.text, tooltip: m.tooltip.join('\n'), class: m.cls, percentage: m.percentage, alt: m.cls }) + '\n';
}
