/**
 * Where a window may go. `allow` loads in place, `external` hands the address to the system
 * browser, `deny` drops it. Anything not explicitly meant is denied.
 */
export type NavigationDecision = 'allow' | 'external' | 'deny';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isWebUrl(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** Same file path as the app's own entry page (only the fragment may differ: the renderer routes with it). */
function isAppEntry(url: URL, appEntryUrl: string): boolean {
  const entry = parse(appEntryUrl);
  return entry !== null && url.protocol === entry.protocol && url.host === entry.host && url.pathname === entry.pathname;
}

/** The app window never navigates away from its own page; web links open in the browser. */
export function decideAppNavigation(target: string, appEntryUrl: string): NavigationDecision {
  const url = parse(target);
  if (!url) return 'deny';
  if (isAppEntry(url, appEntryUrl)) return 'allow';
  return isWebUrl(url) ? 'external' : 'deny';
}

/** The app window opens no windows of its own; web links go to the system browser. */
export function decideAppNewWindow(target: string): NavigationDecision {
  const url = parse(target);
  return url && isWebUrl(url) ? 'external' : 'deny';
}

/**
 * A panel stays on its provider: same-origin navigation is allowed, any other web link opens in
 * the system browser, and other schemes (file:, javascript:, custom protocols) are denied.
 */
export function decidePanelNavigation(target: string, providerOrigins: readonly string[]): NavigationDecision {
  const url = parse(target);
  if (!url || !isWebUrl(url)) return 'deny';
  return providerOrigins.includes(url.origin) ? 'allow' : 'external';
}

/** Pop-ups from a panel never become app windows: provider links open in the browser too. */
export function decidePanelNewWindow(target: string): NavigationDecision {
  const url = parse(target);
  return url && isWebUrl(url) ? 'external' : 'deny';
}

/** Panel and app windows ask for no device or notification access; only clipboard writes are harmless. */
export function decidePermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}
