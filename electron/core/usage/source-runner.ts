/**
 * The running source instances and their scheduler. The scheduler is replaced whenever what should
 * run changes (a source switched, a folder or a key added); the gates and last attempts of every
 * source seen are remembered across replacements and saved, so switching a source off and on again
 * is never a way around the one-minute floor or a 429 gate.
 */
import { isSourceId, snapshotKey, type SourceSnapshot } from '../../../shared/domain';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/log';
import { SOURCES } from '../sources/registry';
import { sourceKey, type UsageSource } from '../sources/source';
import type { AccountDirectory } from './account-directory';
import { MINUTE, Scheduler, type PersistedSourceState } from './scheduler';
import { SavedStateWatch } from './saved-watch';
import type { SnapshotStore } from './snapshot-store';
import type { UsageStore } from './usage-store';

export interface SourceRunnerOptions {
  clock: Clock;
  random?: () => number;
  logger: Logger;
  store: SnapshotStore;
  accounts: AccountDirectory;
  usage: UsageStore;
  /** The user's poll interval, read at each poll. */
  userIntervalMs: () => number;
}

export class SourceRunner {
  private scheduler: Scheduler;
  private readonly remembered = new Map<string, PersistedSourceState>();
  private sources: UsageSource[] = [];
  private readonly saved: SavedStateWatch;
  /** The keys of the running instances, joined: what `rebuild` last started. */
  keys = '';

  constructor(private readonly opts: SourceRunnerOptions) {
    this.scheduler = new Scheduler([], { clock: opts.clock, intervalMs: () => MINUTE });
    opts.accounts.onLink(() => this.scheduler.reresolveAccounts());
    this.saved = new SavedStateWatch(opts.store, (states) => this.scheduler.takeSaved(states), opts.logger);
  }

  /** Watches the saved state in `dir`: what another process saved (the app, `brimline status`) is shown at once. */
  followSaved(dir: string): void {
    this.saved.start(dir, this.opts.clock);
  }

  /** Resolves once no read of what another process saved is under way. */
  savedRead(): Promise<void> {
    return this.saved.idle();
  }

  get current(): Scheduler {
    return this.scheduler;
  }

  /** Pushes every instance's snapshot to the usage store. */
  emit(): void {
    this.opts.usage.update(this.scheduler.snapshots());
  }

  /**
   * Stops the scheduler and makes a new one over `make()`'s sources, starting from what is
   * remembered (at start, `initial` from disk). The old one stops before the new sources are made.
   */
  rebuild(make: () => UsageSource[], initial?: PersistedSourceState[]): UsageSource[] {
    const { clock, random, logger, accounts, store } = this.opts;
    // Polls in flight go on under the new scheduler: their answer is not lost, and no source is asked twice.
    const inFlight = this.scheduler.handOver();
    this.remember(initial ?? this.scheduler.persistedState());
    this.scheduler.stop();
    const sources = make();
    this.sources = sources;
    this.keys = sources.map(sourceKey).join(',');
    this.scheduler = new Scheduler(sources, {
      clock,
      intervalMs: (id) => this.intervalFor(id),
      random,
      logger,
      initial: [...this.remembered.values()],
      onChange: () => this.emit(),
      resolveAccount: (hint) => accounts.resolve(hint),
      lookupAccount: (hint) => accounts.lookup(hint),
      shared: store,
      onPollComplete: (state) => {
        this.remember(state);
        void store.save([...this.remembered.values()]);
      },
    });
    this.scheduler.adopt(inFlight);
    return sources;
  }

  /** Stops polling and saves what every source instance last did. */
  async stop(): Promise<void> {
    this.saved.stop();
    this.remember(this.scheduler.persistedState());
    this.scheduler.stop();
    await this.opts.store.save([...this.remembered.values()]);
  }

  private remember(states: readonly PersistedSourceState[]): void {
    for (const st of states) this.remembered.set(snapshotKey(st.snapshot), st);
  }

  private intervalFor(key: string): number {
    const source = this.sources.find((x) => sourceKey(x) === key);
    return relaxedInterval(this.opts.userIntervalMs(), source, this.opts.usage.snapshots(), this.opts.clock.now());
  }
}

/** The user's interval, or a source's relaxed one while the source that relaxes it is live for the same folder. */
export function relaxedInterval(user: number, source: UsageSource | undefined, snapshots: readonly SourceSnapshot[], now: number): number {
  const relaxed = source && isSourceId(source.id) ? SOURCES[source.id].relaxedBy : undefined;
  if (!source || !relaxed) return user;
  const feed = snapshots.find((s) => s.sourceId === relaxed.source && (s.folder ?? null) === (source.folder ?? null));
  // Only numbers make a feed live: a payload without them (a session's start) brings nothing the poll would.
  const live = feed?.state === 'ok' && feed.fetchedAt !== null && feed.windows.length > 0;
  const seen = live ? Date.parse(feed.fetchedAt!) : Number.NaN;
  return now - seen < user ? Math.max(user, relaxed.intervalMs) : user;
}
