/** Display names for sources and windows: translated for the ones Headroom knows. */
import type { UsageWindow } from '../../shared/domain';
import type { MessageKey } from '../../shared/i18n/translate';
import type { I18n } from '../i18n';

const KNOWN_SOURCES: Record<string, MessageKey> = {
  'claude-oauth': 'source.claude-oauth',
  'claude-web': 'source.claude-web',
  'admin-api': 'source.admin-api',
  'local-logs': 'source.local-logs',
  statusline: 'source.statusline',
};

export function sourceLabel(t: I18n['t'], sourceId: string): string {
  const key = KNOWN_SOURCES[sourceId];
  return key === undefined ? t('source.unknown', { id: sourceId }) : t(key);
}

function modelName(w: UsageWindow): string {
  const suffix = w.id.includes(':') ? w.id.slice(w.id.indexOf(':') + 1) : '';
  // The source's own label usually names the model ("Opus"); the id suffix is the fallback.
  const fromLabel = w.label
    .replace(/\b(weekly|week|7[- ]day|limit)\b/gi, '')
    .replace(/[()·:-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (fromLabel !== '') return fromLabel;
  return suffix.charAt(0).toUpperCase() + suffix.slice(1);
}

export function windowLabel(t: I18n['t'], w: UsageWindow): string {
  switch (w.kind) {
    case 'session':
      return t('window.session');
    case 'weekly':
      return t('window.weekly');
    case 'weekly_model':
      return t('window.weeklyModel', { model: modelName(w) });
    case 'other':
      return w.label;
  }
}
