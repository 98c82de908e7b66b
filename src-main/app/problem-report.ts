/**
 * Where "Report a problem" leads: a prefilled issue form or mail, with what a maintainer asks
 * first. The destination comes from package.json's `bugs` (`url` or `email`, npm's own field, so
 * a fork or a white-label build changes one place), and `CLIENTDECK_PROBLEM_REPORT` (an https
 * address or a mail address) overrides it for an agency that collects reports itself.
 */
export interface ProblemFacts {
  version: string;
  platform: string;
  logFile: string;
}

/** npm's `bugs` field: a URL string, or `{ url?, email? }`. */
export type BugsField = string | { url?: string; email?: string } | undefined;

type Destination = { kind: 'web'; url: URL } | { kind: 'mail'; address: string };

const MAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

function destination(candidate: string | undefined): Destination | null {
  const text = candidate?.trim();
  if (!text) return null;
  const address = text.replace(/^mailto:/i, '');
  if (MAIL.test(address)) return { kind: 'mail', address };
  try {
    const url = new URL(text);
    // Only a web page: the address is handed to the system, which would run any other scheme's handler.
    return url.protocol === 'https:' ? { kind: 'web', url } : null;
  } catch {
    return null;
  }
}

/** The configured destination, or null when neither the override nor package.json names a usable one. */
export function problemReportDestination(bugs: BugsField, override: string | undefined): Destination | null {
  const fromBugs = typeof bugs === 'string' ? [bugs] : [bugs?.url, bugs?.email];
  for (const candidate of [override, ...fromBugs]) {
    const found = destination(candidate);
    if (found) return found;
  }
  return null;
}

function body(facts: ProblemFacts): string {
  return (
    `Clientdeck ${facts.version} on ${facts.platform}\n\nWhat happened, and what you expected:\n\n` +
    `(The log is in ${facts.logFile}; attach it if you can, after a look: it holds no passwords or tokens.)`
  );
}

/** The address to open: a GitHub-style issue list gets its new-issue form, prefilled; a mail address a prefilled mail. */
export function problemReportUrl(target: Destination, facts: ProblemFacts): string {
  const subject = `Problem: Clientdeck ${facts.version}`;
  if (target.kind === 'mail') {
    return `mailto:${target.address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body(facts))}`;
  }
  const url = new URL(target.url);
  if (/\/issues\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/new`;
  url.searchParams.set('title', subject);
  url.searchParams.set('body', body(facts));
  return url.href;
}
