/** React access to the zustand store, provided once per window so tests can supply their own. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { BrimlineActions, BrimlineState, BrimlineStore } from './store';

const StoreContext = createContext<BrimlineStore | null>(null);

export function StoreProvider({ store, children }: { store: BrimlineStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useBrimlineStore(): BrimlineStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useBrimline must be used inside <StoreProvider>');
  return store;
}

export function useBrimline<T>(selector: (state: BrimlineState & BrimlineActions) => T): T {
  return useStore(useBrimlineStore(), selector);
}
