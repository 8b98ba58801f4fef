/** One short line, like Claude Code's status line: the tray's window and its number, "5h 42%". */
import type { BarModel } from './bar-model';

export function textLine(m: BarModel): string {
  return `${m.text}\n`;
}
