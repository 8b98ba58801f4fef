/**
 * What the tray shows, computed from the merged usage view and settings without Electron: which window's
 * number, its colour, the tooltip lines and the context menu as plain data. The adapter only
 * turns this into a Tray, a nativeImage and a Menu.
 */
import { orgCreditsText } from '../../../shared/org-credits';
import {
  effectiveUsedPercent,
  isPastReset,
  msUntilReset,
  remainingPercent,
  severity,
  windowKey,
  type Account,
  type MergedWindow,
  type SourceSnapshot,
  type UsageView,
} from '../../../shared/domain';
import { presentAccounts } from '../../../shared/accounts';
import type { Translator } from '../../../shared/i18n/translator';
import type { WindowOutlookView } from '../../../shared/ipc';
import { accountLabel, sourceLabel, windowLabel } from '../../../shared/labels';
import type { Settings } from '../../../shared/settings';
import { tildifyHome } from '../usage/claude-folders';
import type { BadgeState } from './tray-badge';
import type { UpdateAction, UpdateMenuEntry } from '../platform/update-policy';

export interface TrayContext {
  view: UsageView;
  /** Each source's own state, for the stale and error lines. */
  snapshots: readonly SourceSnapshot[];
  settings: Settings;
  now: number;
  tr: Translator;
  launchAtLogin: boolean;
  refreshAllowedAt: string | null;
  /**
   * Menu labels without countdowns (the tooltip keeps them), so the menu only changes with the
   * data. For Linux: a replaced menu closes while open on GNOME, and the tray is redrawn every tick.
   */
  stableMenuLabels?: boolean;
  /** The updater's menu entries (electron/core/platform/update-policy.ts); none in a dev run or the CLI. */
  updates?: readonly UpdateMenuEntry[];
  /** Pace and forecast by window key (AppState.outlook). */
  outlook?: Readonly<Record<string, WindowOutlookView>>;
}

export interface SelectedWindow {
  window: MergedWindow;
  /** The percent the tray shows (used or remaining, per settings), rounded; null ("–") once its reset time has passed. */
  shown: number | null;
}

export type MenuItemId =
  | 'open'
  | 'refresh'
  | 'settings'
  | 'settings-accounts'
  | 'usage-page'
  | 'launch-at-login'
  | 'check-updates'
  | 'install-update'
  | 'download-update'
  | 'quit';

const UPDATE_ITEM: Record<UpdateAction, MenuItemId> = { check: 'check-updates', install: 'install-update', download: 'download-update' };

/**
 * An entry with an action is a clickable item; the others ("Checking…", "Up to date") are status
 * lines. With stable labels (Linux, where replacing the menu closes it) the download line leaves
 * out its percent, which would change the menu at every progress event.
 */
export function updateMenu(entries: readonly UpdateMenuEntry[], tr: Translator, stable = false): MenuEntry[] {
  return entries.map((e): MenuEntry => {
    const label = stable && e.key === 'update.downloading' ? tr.t('update.downloadingNoPercent', e.params) : tr.t(e.key, e.params);
    return e.action ? { type: 'item', id: UPDATE_ITEM[e.action], label, enabled: e.enabled } : { type: 'label', label };
  });
}

export type MenuEntry =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'item'; id: MenuItemId; label: string; enabled: boolean }
  | { type: 'checkbox'; id: MenuItemId; label: string; checked: boolean };

export interface TrayModel {
  /** macOS menu-bar text, e.g. "42%"; "–" without data. */
  title: string;
  badge: { value: number | null; state: BadgeState };
  tooltip: string;
  menu: MenuEntry[];
  selected: SelectedWindow | null;
}

const AUTO_KINDS = new Set(['session', 'weekly']);

/**
 * The window closest to its limit among the candidates. Ties go to the earlier one (session before
 * weekly, the user's first account first, as the merged view orders them). A window past its reset
 * is unknown, not empty: a window whose use is known wins over it.
 */
function closest(windows: readonly MergedWindow[], now: number): MergedWindow | null {
  let best: { window: MergedWindow; used: number } | null = null;
  for (const w of windows) {
    const used = effectiveUsedPercent(w, now) ?? Number.NEGATIVE_INFINITY;
    if (!best || used > best.used) best = { window: w, used };
  }
  return best?.window ?? null;
}

/**
 * The chosen account's windows (or every account's, for "the account closest to a limit"); among
 * them the pinned window when it exists, else the session or weekly window closest to its limit.
 */
export function selectWindow(windows: readonly MergedWindow[], settings: Settings, now: number): SelectedWindow | null {
  const pick = (window: MergedWindow): SelectedWindow => {
    const pct = settings.tray.display === 'remaining' ? remainingPercent(window, now) : effectiveUsedPercent(window, now);
    return { window, shown: pct === null ? null : Math.round(pct) };
  };
  const account = settings.tray.account;
  // An account chosen but gone quiet (removed, not polled yet) falls back to all of them rather than "–".
  const mine =
    account !== 'auto' && windows.some((w) => w.accountId === account) ? windows.filter((w) => w.accountId === account) : windows;
  if (settings.tray.window !== 'auto') {
    const pinned = closest(
      mine.filter((w) => w.id === settings.tray.window),
      now,
    );
    if (pinned) return pick(pinned);
  }
  const plan = mine.filter((w) => AUTO_KINDS.has(w.kind));
  // A spend-billed organisation has no session or weekly window: its credits are the limit to show.
  const best = closest(plan.length > 0 ? plan : mine.filter((w) => w.scope === 'organisation'), now);
  return best ? pick(best) : null;
}

/** The accounts that have windows, in the user's order and with the user's names. */
export function accountsWithWindows(view: UsageView, settings: Settings): Account[] {
  return presentAccounts(view.accounts, settings.accounts).filter((a) => view.windows.some((w) => w.accountId === a.id));
}

/** "42%", or "–" for a window past its reset until new data arrives. */
function percentText(w: MergedWindow, { now, tr }: Pick<TrayContext, 'now' | 'tr'>): string {
  const used = effectiveUsedPercent(w, now);
  return used === null ? tr.t('window.unknown') : tr.percent(Math.round(used));
}

/** "Session (5 h) 42% · resets in 2 hr 13 min"; an organisation's credits say whose money they count. */
export function windowLine(w: MergedWindow, ctx: Pick<TrayContext, 'now' | 'tr'>): string {
  const { tr } = ctx;
  if (w.scope === 'organisation' && w.money) return orgCreditsText(tr, w.money);
  const label = windowLabel(tr.t, w);
  const percent = percentText(w, ctx);
  if (isPastReset(w, ctx.now)) return tr.t('tray.line.reset', { label, percent });
  const ms = msUntilReset(w, ctx.now);
  if (ms === null) return tr.t('tray.line.notStarted', { label, percent });
  return tr.t('tray.line.resetsIn', { label, percent, duration: tr.duration(ms) });
}

/** "Session (5 h) 42%": the same until the data changes or the window resets. */
export function stableWindowLine(w: MergedWindow, ctx: Pick<TrayContext, 'now' | 'tr'>): string {
  const { tr } = ctx;
  if (w.scope === 'organisation' && w.money) return orgCreditsText(tr, w.money);
  const label = windowLabel(tr.t, w);
  const percent = percentText(w, ctx);
  return isPastReset(w, ctx.now) ? tr.t('tray.line.reset', { label, percent }) : `${label} ${percent}`;
}

/**
 * One line per merged window, plus a line for each source that failed or is stale. With several
 * accounts, each account's lines follow its name; `first` puts one account's block at the top (the
 * tray's account, so a tooltip cut short still shows it).
 */
export function statusLines(ctx: TrayContext, line: typeof windowLine = windowLine, first: string | null = null): string[] {
  const accounts = accountsWithWindows(ctx.view, ctx.settings);
  const lines: string[] = [];
  if (accounts.length > 1) {
    const ordered = first === null ? accounts : [...accounts.filter((a) => a.id === first), ...accounts.filter((a) => a.id !== first)];
    for (const a of ordered) {
      lines.push(accountLabel(ctx.tr.t, a));
      for (const w of ctx.view.windows) if (w.accountId === a.id) lines.push(line(w, ctx));
    }
  } else {
    lines.push(...ctx.view.windows.map((w) => line(w, ctx)));
  }
  const severalFolders = new Set(ctx.snapshots.map((s) => s.folder).filter((f) => f)).size > 1;
  for (const s of ctx.snapshots) {
    const name = sourceLabel(ctx.tr.t, s.sourceId);
    const source = severalFolders && s.folder ? ctx.tr.t('tray.sourceIn', { source: name, folder: tildifyHome(s.folder) }) : name;
    if (s.state === 'stale') lines.push(ctx.tr.t('tray.stale', { source }));
    if (s.state === 'error' && s.error) lines.push(ctx.tr.t('tray.error', { source, message: s.error.message }));
  }
  return lines.length > 0 ? lines : [ctx.tr.t('tray.noData')];
}

/**
 * "At this pace: 100% at 15:40, 35 min before reset (from the last hour)" / "On pace to finish at
 * 70% (from the window average)", for the
 * selected window; null until the forecast has enough data, or once the limit is reached.
 */
export function forecastLine(selected: SelectedWindow | null, ctx: Pick<TrayContext, 'now' | 'tr' | 'outlook'>): string | null {
  if (!selected || selected.window.stale) return null;
  const w = selected.window;
  const f = ctx.outlook?.[windowKey(w.accountId, w.id)]?.forecast;
  if (!f || f.method === 'exhausted') return null;
  const { tr } = ctx;
  let text: string;
  if (f.runsOutAt !== null && f.marginMs !== null) {
    text = tr.t('tray.forecast.runsOut', { clock: tr.clock(Date.parse(f.runsOutAt), ctx.now), duration: tr.duration(f.marginMs) });
  } else if (f.projectedPercentAtReset === null) return null;
  else text = tr.t('tray.forecast.lasts', { percent: tr.percent(Math.round(Math.min(100, f.projectedPercentAtReset))) });
  return tr.t('forecast.withBasis', { forecast: text, basis: tr.t(`forecast.basis.${f.basis}`) });
}

/** "↑" ahead of pace, "↓" behind, "" on track or without pace. */
export function paceMarker(selected: SelectedWindow | null, outlook: TrayContext['outlook']): string {
  if (!selected) return '';
  const stage = outlook?.[windowKey(selected.window.accountId, selected.window.id)]?.stage;
  return stage === 'ahead' ? '↑' : stage === 'behind' ? '↓' : '';
}

/** The forecast line goes right after the selected window's line, so a short tooltip keeps both. */
function withForecast(lines: readonly string[], ctx: TrayContext, selected: SelectedWindow | null, line: typeof windowLine): string[] {
  const text = forecastLine(selected, ctx);
  if (text === null || !selected) return [...lines];
  const at = lines.indexOf(line(selected.window, ctx));
  const out = [...lines];
  out.splice(at < 0 ? 0 : at + 1, 0, text);
  return out;
}

function badgeState(ctx: TrayContext, selected: SelectedWindow | null): BadgeState {
  if (!selected) return ctx.snapshots.some((s) => s.state === 'error') ? 'error' : 'stale';
  const used = effectiveUsedPercent(selected.window, ctx.now);
  // Unknown (past its reset) is shown grey, like old data.
  if (selected.window.stale || used === null) return 'stale';
  // Colour follows how much is used, whichever number is shown.
  return severity(used, ctx.settings.thresholds);
}

/** Windows truncates tray tooltips at 127 characters; cut whole lines rather than mid-word. */
export function fitTooltip(lines: readonly string[], max: number): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > max) return out || line.slice(0, Math.max(0, max - 1)) + '…';
    out = next;
  }
  return out;
}

export function buildTrayModel(ctx: TrayContext, tooltipMax = Number.POSITIVE_INFINITY): TrayModel {
  const selected = selectWindow(ctx.view.windows, ctx.settings, ctx.now);
  const { t } = ctx.tr;
  const lines = withForecast(statusLines(ctx, windowLine, selected?.window.accountId ?? null), ctx, selected, windowLine);
  const refreshAt = ctx.refreshAllowedAt ? Date.parse(ctx.refreshAllowedAt) : NaN;
  const refreshBlocked = Number.isFinite(refreshAt) && refreshAt > ctx.now;
  const menuLines = ctx.stableMenuLabels ? withForecast(statusLines(ctx, stableWindowLine), ctx, selected, stableWindowLine) : lines;
  const updates = updateMenu(ctx.updates ?? [], ctx.tr, ctx.stableMenuLabels);
  const menu: MenuEntry[] = [
    ...menuLines.map((label): MenuEntry => ({ type: 'label', label })),
    { type: 'separator' },
    { type: 'item', id: 'open', label: t('tray.open'), enabled: true },
    {
      type: 'item',
      id: 'refresh',
      label: refreshBlocked ? t('tray.refreshAt', { clock: ctx.tr.clock(refreshAt, ctx.now) }) : t('tray.refresh'),
      enabled: !refreshBlocked,
    },
    { type: 'item', id: 'settings', label: t('tray.settings'), enabled: true },
    { type: 'item', id: 'settings-accounts', label: t('tray.accounts'), enabled: true },
    { type: 'item', id: 'usage-page', label: t('tray.usagePage'), enabled: true },
    { type: 'separator' },
    { type: 'checkbox', id: 'launch-at-login', label: t('settings.launchAtLogin'), checked: ctx.launchAtLogin },
    { type: 'separator' },
    ...(updates.length > 0 ? [...updates, { type: 'separator' } as const] : []),
    { type: 'item', id: 'quit', label: t('tray.quit'), enabled: true },
  ];
  return {
    title:
      selected && selected.shown !== null
        ? `${selected.shown}%${ctx.settings.tray.paceMarker ? paceMarker(selected, ctx.outlook) : ''}`
        : '–',
    badge: { value: selected ? selected.shown : null, state: badgeState(ctx, selected) },
    tooltip: fitTooltip(lines, tooltipMax),
    menu,
    selected,
  };
}
