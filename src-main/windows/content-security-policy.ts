/**
 * The Content-Security-Policy of the app's own page. Scripts, styles and everything else come only
 * from the app itself; no inline script, no eval, no plugins, no framing. `connectTo` lists the
 * extra endpoints the page may talk to (web mode's loopback WebSocket).
 */
export function contentSecurityPolicy(connectTo: readonly string[] = []): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...connectTo]],
    ['manifest-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
