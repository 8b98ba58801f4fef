/**
 * The status-line source: reads what `brimline statusline` recorded from Claude Code and reports
 * it like any other source, with the time it was observed (not the time it was read) and the
 * config dir it belongs to. It makes no request: the numbers cost nothing to refresh.
 */
import type { UsageWindow } from '../../../shared/domain';
import type { PollContext, PollResult, UsageSource } from '../sources/source';
import { loadObservations } from './observation-store';
import type { Observation } from './payload';

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

/** Same ids, kinds and labels as the OAuth parser, so the usage store sees one window from two sources. */
export function observationWindows(obs: Observation): UsageWindow[] {
  const out: UsageWindow[] = [];
  if (obs.fiveHour)
    out.push({
      id: 'five_hour',
      kind: 'session',
      label: 'Session (5 h)',
      usedPercent: obs.fiveHour.usedPercent,
      resetsAt: obs.fiveHour.resetsAt,
    });
  if (obs.sevenDay)
    out.push({
      id: 'seven_day',
      kind: 'weekly',
      label: 'Weekly (all models)',
      usedPercent: obs.sevenDay.usedPercent,
      resetsAt: obs.sevenDay.resetsAt,
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
          observedAt: obs.observedAt,
          account: { configDir: obs.configDir },
          warnings: observationWarnings(obs),
        },
      };
    },
  };
}
