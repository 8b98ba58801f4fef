/** A tmux status-right segment (`#(brimline status --format tmux)`): `#[fg=#RRGGBB]5h 42%#[default]`. */
import { BAR_COLOURS, type BarModel } from './bar-model';

export function tmux(m: BarModel): string {
  // "#" starts a tmux format sequence; "##" is a literal one.
  return `#[fg=${BAR_COLOURS[m.cls]}]${m.text.replaceAll('#', '##')}#[default]\n`;
}
