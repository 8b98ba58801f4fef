/** Renders the renderer against the fake bridge with a fixed clock, for component tests. */
import { render, type RenderResult } from '@testing-library/react';
import { App } from '../../../renderer/App';
import { createFakeBridge, type FakeBridgeControl } from '../../../renderer/dev/fake-bridge';
import type { FixtureName } from '../../../renderer/dev/fixtures';
import { createBrimlineStore, type BrimlineStore } from '../../../renderer/store';
import { StoreProvider } from '../../../renderer/store-context';
import type { BrimlineBridge } from '../../../shared/ipc';
import type { Settings, SettingsSection } from '../../../shared/settings';

/** A fixed instant, so fixture times and countdowns are the same on every run. */
export const NOW = Date.parse('2026-07-14T10:00:00Z');

export interface Harness extends RenderResult {
  store: BrimlineStore;
  bridge: BrimlineBridge;
  control: FakeBridgeControl;
  clock: { now: number };
}

export interface HarnessOptions {
  view?: 'popover' | 'settings' | 'history';
  /** The settings section to open at (`#settings/<section>`). */
  section?: SettingsSection;
  language?: Settings['language'];
  theme?: Settings['theme'];
  storage?: Storage | null;
  wrapBridge?(bridge: BrimlineBridge): BrimlineBridge;
}

export async function renderApp(fixture: FixtureName, options: HarnessOptions = {}): Promise<Harness> {
  const clock = { now: NOW };
  const { bridge: fake, control } = createFakeBridge({
    fixture,
    now: () => clock.now,
    storage: options.storage ?? null,
    language: options.language ?? 'en',
    theme: options.theme,
  });
  const bridge = options.wrapBridge ? options.wrapBridge(fake) : fake;
  window.location.hash = options.view === 'settings' && options.section ? `#settings/${options.section}` : `#${options.view ?? 'popover'}`;
  const store = createBrimlineStore({ bridge, now: () => clock.now });
  store.getState().start();
  // Let getState() resolve before the first render, as the real page does after load.
  await Promise.resolve();
  await Promise.resolve();
  const result = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  return { ...result, store, bridge, control, clock };
}

/** A Storage that lives in memory, for "survives a restart" tests. */
export class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}
