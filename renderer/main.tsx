/** Entry point for both windows (#popover and #settings). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveBridge } from './bridge';
import { createBrimlineStore } from './store';
import { StoreProvider } from './store-context';
import './styles.css';

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (container === null) throw new Error('#root is missing from index.html');
  const bridge = await resolveBridge();
  if (bridge === null) {
    // Not translatable: without a bridge there are no settings to pick a language from.
    container.textContent = 'Brimline: the preload bridge is missing.';
    return;
  }
  const store = createBrimlineStore({ bridge, now: () => Date.now() });
  store.getState().start();
  createRoot(container).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}

void boot();
