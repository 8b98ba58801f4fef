/**
 * The status-line source: reads what `brimline statusline` recorded from Claude Code and reports
 * it like any other source, with the time it was observed (not the time it was read) and the
 * config dir it belongs to. It makes no request: the numbers cost nothing to refresh.
 */
import type { UsageWindow } from '../../../shared/domain';
import type { PollContext, PollResult, UsageSource } from '../sources/source';
import { numbersObservedAt } from './keep-known';
import { loadObservations } from './observation-store';
import type { Observation, ObservedWindow } from './payload';
import { SPEND_LIMIT_WINDOW_ID } from '../../../shared/domain';

export interface StatuslineSourceOptions {
  /** Brimline's data dir (where `statusline/` lives). */
  dataDir: string;
  /** Only this Claude config dir's observation; default: the most recent of any. */
  configDir?: string;
  /** The instance's key when the status line runs once per folder. */
  key?: string;
  /** Called with the observation each successful poll reports, e.g. for `observationWarnings`. */
  onObservation?: (obs: Observation) => void;
}

function window(id: string, kind: UsageWindow['kind'], label: string, w: ObservedWindow): UsageWindow {
  return { id, kind, label, usedPercent: w.usedPercent, resetsAt: w.resetsAt, ...(w.observedAt ? { observedAt: w.observedAt } : {}) };
}

/**
 * Same ids, kinds and labels as the OAuth parser, so the usage store sees one window from two
 * sources. The spend limit is a window of its own: kind `other` (it has no fixed length, so no
 * pace), id `spend_limit`, with its dollars when Claude Code gives them.
 */
export function observationWindows(obs: Observation): UsageWindow[] {
  const out: UsageWindow[] = [];
  if (obs.fiveHour) out.push(window('five_hour', 'session', 'Session (5 h)', obs.fiveHour));
  if (obs.sevenDay) out.push(window('seven_day', 'weekly', 'Weekly (all models)', obs.sevenDay));
  const spend = obs.spendLimit;
  if (spend)
    out.push({
      ...window(SPEND_LIMIT_WINDOW_ID, 'other', 'Spend limit', spend),
      money: { usedUsd: spend.usedUsd, limitUsd: spend.limitUsd, period: spend.period },
    });
  return out;
}

export interface StatuslineWarning {
  code: 'claude_code_api_key_billing';
  message: string;
}

export const API_KEY_BILLING_MESSAGE =
  'Claude Code is using an API key, so this session is billed to API credits, not your plan. ' +
  'To use your plan again, unset ANTHROPIC_API_KEY in the shell that starts Claude Code (and remove it from your shell profile), ' +
  'restart Claude Code and run /login.';

/** Warnings an observation carries; pure, so the app can show each once per session id. */
export function observationWarnings(obs: Observation): StatuslineWarning[] {
  return obs.apiKeyBilling ? [{ code: 'claude_code_api_key_billing', message: API_KEY_BILLING_MESSAGE }] : [];
}

export function createStatuslineSource(opts: StatuslineSourceOptions): UsageSource {
  return {
    id: 'statusline',
    local: true,
    ...(opts.key !== undefined ? { key: opts.key } : {}),
    ...(opts.configDir !== undefined ? { folder: opts.configDir } : {}),
    async poll(ctx: PollContext): Promise<PollResult> {
      const loaded = await loadObservations(opts.dataDir, ctx.now, opts.configDir);
      const obs = opts.configDir === undefined ? loaded.observations[0] : loaded.observations.find((o) => o.configDir === opts.configDir);
      if (!obs) {
        const q = loaded.quarantined[0];
        if (q)
          return {
            ok: false,
            kind: 'bad_response',
            error: {
              code: 'bad_response',
              message: `The status-line file could not be read (${q.reason}) and was set aside as ${q.movedTo}. It is written again after Claude Code's next response.`,
              action: null,
            },
          };
        return {
          ok: false,
          kind: 'unconfigured',
          error: {
            code: 'no_credentials',
            message:
              'No data from Claude Code\u2019s status line yet. Run `brimline statusline install`, then use Claude Code: its numbers arrive after each response, with no request to Anthropic.',
            action: { kind: 'run_command', command: 'brimline statusline install' },
          },
        };
      }
      opts.onObservation?.(obs);
      return {
        ok: true,
        data: {
          windows: observationWindows(obs),
          plan: null,
          extraUsage: null,
          // When its numbers were reported: a later payload without them is not fresher data.
          observedAt: numbersObservedAt(obs) ?? obs.observedAt,
          account: { configDir: obs.configDir },
          warnings: observationWarnings(obs),
        },
      };
    },
  };
}
