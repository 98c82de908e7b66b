/**
 * How many days the caller's own access to a listed account has left, for the small "expires in
 * N days" of the accounts list: whole days rounded up, so the last day still reads "1 day".
 */
const DAY = 86_400_000;

export function accessDaysLeft(accessExpiresAt: string | null | undefined, now: Date): number | null {
  if (!accessExpiresAt) return null;
  const ms = Date.parse(accessExpiresAt) - now.getTime();
  return ms > 0 ? Math.ceil(ms / DAY) : null;
}
