/** Where a fetched list stands; a refetch keeps showing the old rows, so only the first load shows "loading". */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

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
