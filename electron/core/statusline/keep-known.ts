/**
 * The status line keeps what it knows. Claude Code pipes a payload with no `rate_limits` at every
 * session start (before the first response), and a payload may report only some windows; neither
 * means the numbers went away. So a window is replaced only by a payload that reports it, and a
 * window kept from an earlier payload carries the time it was reported (`observedAt`), so it is
 * never shown fresher than it is. The session id, version and billing flag always follow the
 * newest payload.
 *
 * Hot path: no imports beyond the observation file's own reader.
 */
import { promises as fsp } from 'node:fs';
import { observationFile, parseObservation } from './observation-store';
import type { Observation, ObservedWindow } from './payload';

const WINDOWS = ['fiveHour', 'sevenDay', 'spendLimit'] as const;

function carried<W extends ObservedWindow>(w: W, prev: Observation): W {
  return { ...w, observedAt: w.observedAt ?? prev.observedAt };
}

/** `next` with the windows it does not report taken from `prev` (same config folder only). */
export function keepKnown(prev: Observation | null, next: Observation): Observation {
  if (prev === null || prev.configDir !== next.configDir) return next;
  const out: Observation = { ...next };
  if (!out.fiveHour && prev.fiveHour) out.fiveHour = carried(prev.fiveHour, prev);
  if (!out.sevenDay && prev.sevenDay) out.sevenDay = carried(prev.sevenDay, prev);
  if (!out.spendLimit && prev.spendLimit) out.spendLimit = carried(prev.spendLimit, prev);
  return out;
}

/** When the newest of its numbers was reported, or null when it has none. */
export function numbersObservedAt(obs: Observation): string | null {
  let best: string | null = null;
  for (const k of WINDOWS) {
    const w = obs[k];
    if (!w) continue;
    const at = w.observedAt ?? obs.observedAt;
    if (best === null || Date.parse(at) > Date.parse(best)) best = at;
  }
  return best;
}

/** The observation recorded last for this folder, or null (missing or unreadable: the reader sets a bad file aside). */
export async function lastObservation(dataDir: string, configDir: string): Promise<Observation | null> {
  try {
    const parsed = parseObservation(JSON.parse(await fsp.readFile(observationFile(dataDir, configDir), 'utf8')));
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}
