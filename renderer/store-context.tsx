/** React access to the zustand store, provided once per window so tests can supply their own. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HeadroomActions, HeadroomState, HeadroomStore } from './store';

const StoreContext = createContext<HeadroomStore | null>(null);

export function StoreProvider({ store, children }: { store: HeadroomStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useHeadroomStore(): HeadroomStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useHeadroom must be used inside <StoreProvider>');
  return store;
}

export function useHeadroom<T>(selector: (state: HeadroomState & HeadroomActions) => T): T {
  return useStore(useHeadroomStore(), selector);
}
