/**
 * Owns the forecast alert state file (`FILES.forecastAlerts`), as AlertStore owns the threshold
 * one: `process` evaluates, persists atomically, then returns the events, serialised so
 * overlapping updates cannot race, and a file it cannot read is set aside with a message.
 */
import * as path from 'node:path';
import { writeJsonAtomic } from '../platform/fs/atomic';
import { JsonFileStore } from '../platform/fs/json-file-store';
import { renameLegacyForecastFields } from '../migration/shapes';
import {
  EMPTY_FORECAST_ALERT_STATE,
  evaluateForecastAlerts,
  forecastAlertStateSchema,
  type ForecastAlertEvent,
  type ForecastAlertInput,
  type ForecastAlertOptions,
  type ForecastAlertState,
} from './forecast-alerts';
import type { Logger } from '../platform/log';
import { FILES } from '../platform/paths';

export class ForecastAlertStore {
  private state: ForecastAlertState = structuredClone(EMPTY_FORECAST_ALERT_STATE);
  private chain: Promise<unknown> = Promise.resolve();
  private readonly store: JsonFileStore<ForecastAlertState>;

  constructor(
    dir: string,
    private readonly logger?: Logger,
  ) {
    this.store = new JsonFileStore<ForecastAlertState>({
      file: path.join(dir, FILES.forecastAlerts),
      parse: (raw) => {
        const res = forecastAlertStateSchema.safeParse(renameLegacyForecastFields(raw));
        return res.success ? { ok: true, value: res.data } : { ok: false, error: res.error.issues[0]?.message ?? 'invalid' };
      },
      describeProblem: (reason, movedTo) =>
        `The forecast alert state could not be read (${reason}); it was moved to ${movedTo}. A forecast alert of the current window may repeat once.`,
      logger,
    });
  }

  get file(): string {
    return this.store.file;
  }

  get loadProblem(): string | null {
    return this.store.loadProblem;
  }

  current(): ForecastAlertState {
    return this.state;
  }

  async load(): Promise<ForecastAlertState> {
    this.state = (await this.store.load()) ?? this.state;
    return this.state;
  }

  /** Persists the new state before returning the events, so a crash after a notification cannot repeat it. */
  process(inputs: readonly ForecastAlertInput[], opts: ForecastAlertOptions): Promise<ForecastAlertEvent[]> {
    const run = async (): Promise<ForecastAlertEvent[]> => {
      const { state, events } = evaluateForecastAlerts(this.state, inputs, opts);
      const changed = JSON.stringify(state) !== JSON.stringify(this.state);
      this.state = state;
      if (changed) {
        try {
          await writeJsonAtomic(this.store.file, state);
        } catch (err) {
          this.logger?.warn(`Forecast alert state not saved: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return events;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
