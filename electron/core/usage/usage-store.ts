/**
 * The usage store: the one owner of "where the user's limits stand now". Every source's snapshot
 * comes in; the merged view (shared/merge.ts) goes out to the subscribers: tray, alerts, history
 * and the renderer.
 */
import type { SourceSnapshot, UsageView } from '../../../shared/domain';
import { mergeSnapshots } from '../../../shared/merge';

export type UsageListener = (view: UsageView, snapshots: readonly SourceSnapshot[]) => void;

/**
 * Holds the latest snapshot of every source and the merged view derived from them, and tells its
 * subscribers (tray, alerts, history, renderer) about every change. A failing subscriber is
 * reported and never stops the others.
 */
export class UsageStore {
  private snaps: SourceSnapshot[] = [];
  private merged: UsageView = mergeSnapshots([]);
  private readonly listeners = new Set<UsageListener>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  /** Replaces every snapshot (in registry order) and notifies. */
  update(snapshots: readonly SourceSnapshot[]): void {
    this.snaps = [...snapshots];
    this.merged = mergeSnapshots(this.snaps);
    for (const l of this.listeners) {
      try {
        l(this.merged, this.snaps);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  snapshots(): SourceSnapshot[] {
    return this.snaps;
  }

  view(): UsageView {
    return this.merged;
  }

  subscribe(listener: UsageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
