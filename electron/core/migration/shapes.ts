/**
 * Saved files keep working across the rename: the few keys and markers that spelled the former
 * name are read under their new names, before validation, so nothing outside this folder knows them.
 * The files are rewritten in the new shape the next time their owner saves them.
 */
import { LEGACY } from './legacy-names';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `from` renamed to `to` in `obj` (a value already under `to` wins), keeping the key order. */
function renamed(obj: Json, from: string, to: string): Json {
  if (!(from in obj)) return obj;
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === from) {
      if (!(to in obj)) out[to] = v;
    } else out[k] = v;
  }
  return out;
}

/** settings.json: the "unused at reset" alert switch, saved as `notifications.<former key>`. */
export function renameLegacySettingsKeys(raw: unknown): unknown {
  if (!isObject(raw) || !isObject(raw.notifications)) return raw;
  return { ...raw, notifications: renamed(raw.notifications, LEGACY.notificationKey, 'unusedAtReset') };
}

/** forecast-alert-state.json: whether the "unused at reset" alert fired in each window's cycle. */
export function renameLegacyForecastFields(raw: unknown): unknown {
  if (!isObject(raw) || !isObject(raw.windows)) return raw;
  const windows: Json = {};
  for (const [key, rec] of Object.entries(raw.windows))
    windows[key] = isObject(rec) ? renamed(rec, LEGACY.forecastFiredKey, 'unusedAtResetFired') : rec;
  return { ...raw, windows };
}

/** A history segment written before the rename: same layout, former format name in its header. */
export function isLegacySegmentFormat(format: unknown): boolean {
  return format === LEGACY.segmentFormat;
}
