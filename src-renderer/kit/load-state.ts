import { errorSentence } from '../bridge/invoke.js';

/** Where a fetched list stands; a refetch keeps showing the old rows, so only the first load shows "loading". */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The part of a store that says how its last load went, with the sentence to show when it failed. */
export interface Loadable {
  status: LoadStatus;
  error: string | null;
}

/** A store before its first load. */
export const notLoaded: Loadable = { status: 'idle', error: null };

/**
 * Guards against out-of-order replies: when two fetches of one list overlap, only the latest
 * may write, or a slow old reply would overwrite a newer one.
 */
export function latestOnly(): () => () => boolean {
  let seq = 0;
  return () => {
    const mine = ++seq;
    return () => mine === seq;
  };
}

/** The zustand `set` and `get` of a store that has a Loadable part. */
export interface LoadTarget<S extends Loadable> {
  set(partial: Partial<S>): void;
  get(): S;
}

export interface LoadPlan<S extends Loadable, T> {
  /** Written before the fetch; left out when the rows on screen stay while they refresh. */
  begin?: NoInfer<Partial<S>>;
  fetch(): Promise<T>;
  /** What the reply writes besides the status. */
  ready(reply: T): NoInfer<Partial<S>>;
  /** False once the answer would land on the wrong list (a newer load, another account). */
  current?(): boolean;
}

/**
 * One load of a store's list. A failure keeps rows already shown (status stays "ready", the
 * sentence goes to `error` for a banner); only a list never shown turns to "error".
 */
export async function runLoad<S extends Loadable, T>({ set, get }: LoadTarget<S>, plan: LoadPlan<S, T>): Promise<void> {
  const current = plan.current ?? (() => true);
  if (plan.begin) set(plan.begin);
  try {
    const reply = await plan.fetch();
    if (current()) set({ ...plan.ready(reply), status: 'ready', error: null });
  } catch (err) {
    if (current()) set({ status: get().status === 'ready' ? 'ready' : 'error', error: errorSentence(err) } as Partial<S>);
  }
}

/**
 * What a load writes before it fetches: "loading", unless the list is already on screen. A store
 * whose banner keeps the last failure in view until the new answer asks to keep the error.
 */
export function firstLoad(status: LoadStatus, { keepError = false } = {}): Partial<Loadable> | undefined {
  if (status === 'ready') return undefined;
  return keepError ? { status: 'loading' } : { status: 'loading', error: null };
}
