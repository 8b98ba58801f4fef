/** Polybar's custom/script with `tail = true`: one line per update, coloured with %{F#rrggbb}…%{F-}. */
import { BAR_COLOURS, type BarModel } from './bar-model';

export function polybar(m: BarModel): string {
  // "%{" opens a polybar tag: a text that held one would be read as formatting.
  return `%{F${BAR_COLOURS[m.cls]}}${m.text.replaceAll('%{', '% {')}%{F-}\n`;
}
