/**
 * What `brimline status` prints, once or under --watch: the full summary (default), `--json`, or a
 * status-bar `--format`.
 */
import { statusJson, type StatusFrame } from './frame';
import { renderFormat, type FormatName } from './formats';
import { renderStatus } from './full-text';
import type { WatchRender } from './watch';

export type OutputMode = { kind: 'full' } | { kind: 'json' } | { kind: 'format'; name: FormatName };

export function renderOnce(mode: OutputMode, frame: StatusFrame): string {
  if (mode.kind === 'json') return JSON.stringify(statusJson(frame), null, 2) + '\n';
  if (mode.kind === 'format') return renderFormat(mode.name, frame, false);
  return renderStatus(frame.view, frame.snapshots, frame.now, frame.tr);
}

/**
 * Under --watch. JSON: one object per line, when the data changes (not when only pace or forecast
 * moved with the clock); its heartbeat is the same object again with `"heartbeat": true` (and a
 * new `generatedAt`, pace and forecast). Full text: each update is headed by a
 * `— 14:02 —` line, and a heartbeat is that line alone. Status-bar formats: a heartbeat is the
 * same update again (the bar just redraws it).
 */
export function renderUpdate(mode: OutputMode, frame: StatusFrame): WatchRender {
  if (mode.kind === 'json') {
    const { generatedAt, ...rest } = statusJson(frame);
    const line = (heartbeat: boolean): string => JSON.stringify({ generatedAt, ...(heartbeat ? { heartbeat: true } : {}), ...rest }) + '\n';
    // Pace and forecast move with the clock alone (the expected use grows every second): they are
    // fresh in every line and heartbeat, but only a change of the data itself makes a new line.
    const data = { ...rest, windows: frame.view.windows };
    return { key: JSON.stringify(data), text: line(false), heartbeat: line(true) };
  }
  if (mode.kind === 'format') {
    const text = renderFormat(mode.name, frame, true);
    return { key: text, text, heartbeat: text };
  }
  const block = renderStatus(frame.view, frame.snapshots, frame.now, frame.tr);
  const header = `— ${frame.tr.clock(frame.now, frame.now)} —\n`;
  return { key: block, text: header + block, heartbeat: header };
}
