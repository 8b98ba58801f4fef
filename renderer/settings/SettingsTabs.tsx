/**
 * The settings window's section list, as the WAI-ARIA tabs pattern has it: one tab stop (roving
 * tabindex), arrow keys move and select (selection follows focus: a section is cheap to show),
 * Home and End jump to the ends. Both arrow axes work, since the list is a column on a wide window
 * and a row when zoomed or narrow.
 */
import { useRef, type KeyboardEvent } from 'react';
import { SETTINGS_SECTIONS, type SettingsSection } from '../../shared/settings';
import { useI18n } from '../i18n';

export const tabId = (s: SettingsSection): string => `settings-tab-${s}`;
export const panelId = (s: SettingsSection): string => `settings-panel-${s}`;

const STEP: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

export function SettingsTabs({ active, onSelect }: { active: SettingsSection; onSelect: (s: SettingsSection) => void }) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = SETTINGS_SECTIONS.indexOf(active);
    const n = SETTINGS_SECTIONS.length;
    let next: number;
    if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (STEP[e.key] !== undefined) next = (i + STEP[e.key]! + n) % n;
    else return;
    e.preventDefault();
    const section = SETTINGS_SECTIONS[next]!;
    onSelect(section);
    list.current?.querySelector<HTMLElement>(`#${tabId(section)}`)?.focus();
  };
  return (
    <div
      ref={list}
      className="settings-tabs"
      role="tablist"
      aria-label={t('settings.sections')}
      aria-orientation="vertical"
      onKeyDown={onKeyDown}
    >
      {SETTINGS_SECTIONS.map((s) => (
        <button
          key={s}
          id={tabId(s)}
          type="button"
          role="tab"
          className="settings-tab"
          aria-selected={s === active}
          aria-controls={panelId(s)}
          tabIndex={s === active ? 0 : -1}
          onClick={() => onSelect(s)}
        >
          {t(`settings.section.${s}`)}
        </button>
      ))}
    </div>
  );
}
