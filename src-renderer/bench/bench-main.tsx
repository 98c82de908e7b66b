/**
 * The renderer's accounts list without main: the store filled with generated rows, the real
 * AccountsView mounted and typed into, timed with performance marks. Used by bench/render.bench.ts;
 * never part of the app build.
 */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ClientdeckBridge } from '../../src-shared/ipc/contract.js';
import '../i18n/i18n.js';
import { filterAccounts, NO_FILTER } from '../accounts/account-filter.js';
import { useAccounts } from '../accounts/accounts-store.js';
import { AccountsView } from '../accounts/AccountsView.js';
import { applySettings } from '../settings/appearance.js';
import '../styles/app.css';
import { generateAccounts } from './generate-accounts.js';

// Nothing may reach for a server: an inert bridge in place of the preload's.
const inert: ClientdeckBridge = {
  invoke: async () => ({ ok: false, error: { code: 'not_supported', message: 'benchmark' } }),
  on: () => () => undefined,
};
window.clientdeck = inert;
applySettings({ language: 'en', theme: 'light' });

const container = document.getElementById('root')!;
let root: Root | null = null;

/** Resolves once the DOM has been quiet for `quietMs`, with the time of the last change. */
function settled(target: Node, since: number, quietMs = 120): Promise<number> {
  return new Promise((resolve) => {
    let last = since;
    let timer = setTimeout(done, quietMs);
    const observer = new MutationObserver(() => {
      last = performance.now();
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    observer.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    function done() {
      observer.disconnect();
      resolve(last);
    }
  });
}

const nextPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

const bench = {
  fill(count: number): number {
    const rows = generateAccounts(count);
    performance.mark('index-start');
    useAccounts.getState().setRows(rows);
    performance.mark('index-end');
    return performance.measure('index', 'index-start', 'index-end').duration;
  },

  /** A re-sync that changed nothing: main sends a fresh copy of the same 50,000 rows. */
  refresh(count: number): number {
    const rows = generateAccounts(count);
    const start = performance.now();
    useAccounts.getState().setRows(rows);
    return performance.now() - start;
  },

  /** Mounts the list and returns the synchronous render+commit time and the time to the next frame. */
  async mount(): Promise<{ render: number; frame: number; rowsInDom: number }> {
    root?.unmount();
    container.replaceChildren();
    useAccounts.getState().clearFilter();
    root = createRoot(container);
    performance.mark('render-start');
    flushSync(() =>
      root!.render(
        <StrictMode>
          <main className="shell__main" style={{ height: '100vh' }}>
            <AccountsView />
          </main>
        </StrictMode>,
      ),
    );
    performance.mark('render-end');
    const render = performance.measure('first-render', 'render-start', 'render-end').duration;
    const frame = (await nextPaint()) - performance.getEntriesByName('render-start').at(-1)!.startTime;
    return { render, frame, rowsInDom: container.querySelectorAll('[role="row"]').length };
  },

  /** Types `text` one key at a time into the search field; for each key, the time until the list settled. */
  async type(text: string): Promise<number[]> {
    const input = container.querySelector<HTMLInputElement>('input[type="search"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const times: number[] = [];
    for (let i = 1; i <= text.length; i++) {
      await nextPaint();
      const start = performance.now();
      const done = settled(container, start);
      setValue.call(input, text.slice(0, i));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push((await done) - start);
    }
    return times;
  },

  /** The filter alone, without React: what a keystroke costs in script. */
  filterOnly(query: string): number {
    const { index } = useAccounts.getState();
    const start = performance.now();
    filterAccounts(index, { ...NO_FILTER, query });
    return performance.now() - start;
  },

  shownCount(): string {
    return container.querySelector('.count')?.textContent ?? '';
  },
};

declare global {
  interface Window {
    bench?: typeof bench;
  }
}
window.bench = bench;
