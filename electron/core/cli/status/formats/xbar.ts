/**
 * xbar and SwiftBar (macOS menu bar plugins): the title line, `---`, the tray's lines (one per
 * window with its reset, grouped by account when there are several; then stale or failing
 * sources), `---`, and "Open Brimline", which runs `open -a Brimline` (the running app shows its
 * popover). Parameters follow xbar's `text | key=value key=value` syntax. With --watch (SwiftBar's
 * streamable plugins) each record starts with a `~~~` line.
 */
import { BAR_COLOURS, type BarModel } from './bar-model';

/** A "|" would start the parameters, and a line break a new item. */
const clean = (s: string): string => s.replaceAll('|', '/').replaceAll('\n', ' ');

export const OPEN_LINE = 'Open Brimline | bash=/usr/bin/open param1=-a param2=Brimline terminal=false';

export function xbar(m: BarModel): string {
  const lines = [`${clean(m.text)} | color=${BAR_COLOURS[m.cls]}`, '---', ...m.tooltip.map(clean), '---', OPEN_LINE];
  return lines.join('\n') + '\n';
}

export function xbarStream(m: BarModel): string {
  return `~~~\n${xbar(m)}`;
}
