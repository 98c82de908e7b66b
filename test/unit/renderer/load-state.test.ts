import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { IpcCallError } from '../../../src-renderer/bridge/invoke.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../../../src-renderer/kit/load-state.js';

interface ListState extends Loadable {
  rows: string[];
  account: string | null;
}

const listStore = () => createStore<ListState>()(() => ({ ...notLoaded, rows: [], account: null }));

/** A fetch the test answers by hand, to order overlapping replies. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('runLoad', () => {
  it('shows loading on the first load, then the rows as ready', async () => {
    const store = listStore();
    const reply = pending<string[]>();
    const load = runLoad(
      { set: store.setState, get: store.getState },
      {
        begin: firstLoad(store.getState().status),
        fetch: () => reply.promise,
        ready: (rows) => ({ rows }),
      },
    );
    expect(store.getState()).toMatchObject({ status: 'loading', error: null, rows: [] });
    reply.resolve(['a', 'b']);
    await load;
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, rows: ['a', 'b'] });
  });

  it('turns a list never shown to error, with the sentence of the refusal', async () => {
    const store = listStore();
    await runLoad(
      { set: store.setState, get: store.getState },
      {
        begin: firstLoad(store.getState().status),
        fetch: () => Promise.reject(new IpcCallError('provider_unreachable', 'The provider cannot be reached.')),
        ready: (rows: string[]) => ({ rows }),
      },
    );
    expect(store.getState()).toMatchObject({ status: 'error', error: 'The provider cannot be reached.', rows: [] });
  });

  it('keeps rows already shown ready when a refresh fails, and says why', async () => {
    const store = listStore();
    store.setState({ status: 'ready', rows: ['kept'] });
    expect(firstLoad(store.getState().status)).toBeUndefined();
    await runLoad(
      { set: store.setState, get: store.getState },
      { fetch: () => Promise.reject(new Error('Sync failed.')), ready: (rows: string[]) => ({ rows }) },
    );
    expect(store.getState()).toMatchObject({ status: 'ready', error: 'Sync failed.', rows: ['kept'] });
  });

  it('clears the last error once a load answers', async () => {
    const store = listStore();
    store.setState({ status: 'error', error: 'Sync failed.' });
    await runLoad({ set: store.setState, get: store.getState }, { fetch: async () => ['back'], ready: (rows) => ({ rows }) });
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, rows: ['back'] });
  });

  it('keeps the error in view while loading when the store asks to', () => {
    expect(firstLoad('error', { keepError: true })).toEqual({ status: 'loading' });
    expect(firstLoad('error')).toEqual({ status: 'loading', error: null });
    expect(firstLoad('idle')).toEqual({ status: 'loading', error: null });
  });

  it('ignores the answer of a load overtaken by a newer one (latest reply wins)', async () => {
    const store = listStore();
    const nextLoad = latestOnly();
    const slow = pending<string[]>();
    const fast = pending<string[]>();
    const target = { set: store.setState, get: store.getState };
    const first = runLoad(target, { current: nextLoad(), fetch: () => slow.promise, ready: (rows) => ({ rows }) });
    const second = runLoad(target, { current: nextLoad(), fetch: () => fast.promise, ready: (rows) => ({ rows }) });
    fast.resolve(['new']);
    await second;
    slow.resolve(['old']);
    await first;
    expect(store.getState().rows).toEqual(['new']);
  });

  it('ignores a stale failure too, so it cannot put an error over a newer answer', async () => {
    const store = listStore();
    const nextLoad = latestOnly();
    const slow = pending<string[]>();
    const target = { set: store.setState, get: store.getState };
    const first = runLoad(target, { current: nextLoad(), fetch: () => slow.promise, ready: (rows) => ({ rows }) });
    await runLoad(target, { current: nextLoad(), fetch: async () => ['new'], ready: (rows) => ({ rows }) });
    slow.reject(new Error('Too late.'));
    await first;
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, rows: ['new'] });
  });

  it('ignores the answer for an account no longer open', async () => {
    const store = listStore();
    const target = { set: store.setState, get: store.getState };
    const forA = pending<string[]>();
    const loadA = runLoad(target, {
      begin: { account: 'a', status: 'loading', rows: [], error: null },
      fetch: () => forA.promise,
      ready: (rows) => ({ rows }),
      current: () => store.getState().account === 'a',
    });
    await runLoad(target, {
      begin: { account: 'b', status: 'loading', rows: [], error: null },
      fetch: async () => ['b1'],
      ready: (rows) => ({ rows }),
      current: () => store.getState().account === 'b',
    });
    forA.resolve(['a1']);
    await loadA;
    expect(store.getState()).toMatchObject({ account: 'b', status: 'ready', rows: ['b1'] });
  });
});
