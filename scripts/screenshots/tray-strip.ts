/**
 * The tray picture for the docs: a page that shows what the tray really draws for a fixture state.
 * The badge is the PNG `renderBadgePng` makes for Windows and Linux, the macOS title is the tray
 * model's text beside the real template icon, and the open menu lists the tray model's entries.
 * Only the panel around them (its colour, the clock) is drawn here, standing in for the desktop.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTranslator } from '../../shared/i18n/translator';
import type { AppState } from '../../shared/ipc';
import { renderBadgePng } from '../../electron/core/tray/tray-badge';
import { buildTrayModel, type MenuEntry, type TrayModel } from '../../electron/core/tray/tray-model';

/** Linux draws the badge at 48 px on a 2× screen (electron/adapters/tray.ts, badgeSize). */
const BADGE_PX_2X = 48;

export function trayModelFor(state: AppState, now: number, timeZone: string): TrayModel {
  return buildTrayModel({
    view: state.view,
    snapshots: state.snapshots,
    settings: state.settings,
    now,
    tr: makeTranslator('en', ['en-GB'], timeZone),
    launchAtLogin: state.launchAtLogin,
    refreshAllowedAt: state.refreshAllowedAt,
    // As on Linux, where the open menu is the one drawn below the badge.
    stableMenuLabels: true,
    outlook: state.outlook,
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function menuHtml(entries: readonly MenuEntry[]): string {
  return entries
    .map((e) => {
      switch (e.type) {
        case 'separator':
          return '<li class="sep" role="separator"></li>';
        case 'label':
          return `<li class="label">${escapeHtml(e.label)}</li>`;
        case 'checkbox':
          return `<li class="item"><span class="check">${e.checked ? '✓' : ''}</span>${escapeHtml(e.label)}</li>`;
        case 'item':
          return `<li class="item${e.enabled ? '' : ' off'}"><span class="check"></span>${escapeHtml(e.label)}</li>`;
      }
    })
    .join('');
}

function dataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}

/** The whole page: a macOS menu bar, a Linux panel with the badge, and the badge's open menu. */
export function trayStripHtml(model: TrayModel, clock: string, root: string): string {
  const badge = dataUrl(renderBadgePng(model.badge.value, model.badge.state, BADGE_PX_2X));
  const template = dataUrl(readFileSync(path.join(root, 'assets', 'trayTemplate@2x.png')));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
  body { margin: 0; font: 13px/1.3 "DejaVu Sans", "Noto Sans", sans-serif; background: #f4f4f5; min-width: 460px; width: max-content; }
  .caption { font-size: 11px; color: #52525b; margin: 10px 12px 4px; }
  .bar { display: flex; justify-content: flex-end; align-items: center; gap: 14px; height: 26px; padding: 0 12px; }
  .mac { background: rgba(236, 236, 240, 0.96); color: #111; border-bottom: 1px solid #d4d4d8; }
  .mac img { width: 16px; height: 16px; }
  .mac .title { font-variant-numeric: tabular-nums; margin-left: -10px; }
  .linux { background: #1f1f23; color: #f4f4f5; }
  .linux img { width: 24px; height: 24px; image-rendering: pixelated; }
  .linux .tray { display: flex; align-items: center; gap: 8px; padding: 0 6px; height: 100%; background: #3f3f46; }
  /* The menu hangs from the badge at the right; a long label widens the picture, as it widens a real menu. */
  .drop { display: flex; justify-content: flex-end; padding: 0 12px 12px 48px; }
  .menu { list-style: none; margin: 0; padding: 4px 0; width: max-content; background: #2b2b30; color: #f4f4f5;
    border: 1px solid #45454c; border-radius: 0 0 6px 6px; box-shadow: 0 6px 16px rgba(0, 0, 0, 0.25); }
  .menu li { padding: 3px 16px 3px 8px; white-space: nowrap; }
  .menu .label { color: #b4b4bb; padding-left: 28px; }
  .menu .item.off { color: #8a8a92; }
  .menu .check { display: inline-block; width: 20px; }
  .menu .sep { height: 1px; padding: 0; margin: 4px 0; background: #45454c; }
</style></head><body>
  <p class="caption">macOS: the number as menu-bar text beside the icon</p>
  <div class="bar mac"><img alt="" src="${template}"><span class="title">${escapeHtml(model.title)}</span><span>${escapeHtml(clock)}</span></div>
  <p class="caption">Windows and Linux: the number drawn into the icon, and the tray menu</p>
  <div class="bar linux"><span class="tray"><img alt="${escapeHtml(model.title)}" src="${badge}"></span><span>${escapeHtml(clock)}</span></div>
  <div class="drop"><ul class="menu">${menuHtml(model.menu)}</ul></div>
</body></html>`;
}
