/**
 * `--format <name>`: each status-bar tool's shape, once and with --watch. Every format draws from
 * the same bar model (the tray's window choice, the user's used/remaining setting).
 */
import type { StatusFrame } from '../frame';
import { barModel, type BarModel } from './bar-model';
import { i3blocks, i3blocksJson } from './i3blocks';
import { polybar } from './polybar';
import { textLine } from './text';
import { tmux } from './tmux';
import { waybar } from './waybar';
import { xbar, xbarStream } from './xbar';

export const FORMAT_NAMES = ['text', 'waybar', 'polybar', 'i3blocks', 'tmux', 'xbar'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

interface Format {
  once: (m: BarModel) => string;
  /** One update under --watch; the same as `once` unless the tool reads a stream differently. */
  update: (m: BarModel) => string;
}

const FORMATS: Record<FormatName, Format> = {
  text: { once: textLine, update: textLine },
  waybar: { once: waybar, update: waybar },
  polybar: { once: polybar, update: polybar },
  i3blocks: { once: i3blocks, update: i3blocksJson },
  tmux: { once: tmux, update: tmux },
  xbar: { once: xbar, update: xbarStream },
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function renderFormat(name: FormatName, frame: StatusFrame, watching: boolean): string {
  const f = FORMATS[name];
  return (watching ? f.update : f.once)(barModel(frame));
}
