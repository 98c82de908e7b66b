/** Where "Report a problem" leads: the project's issue form, with what a maintainer asks first filled in. */
export const PROBLEM_REPORT_BASE = 'https://github.com/clientdeck/clientdeck/issues/new';

export function problemReportUrl(facts: { version: string; platform: string; logFile: string }): string {
  const url = new URL(PROBLEM_REPORT_BASE);
  url.searchParams.set('title', 'Problem: ');
  url.searchParams.set(
    'body',
    `Clientdeck ${facts.version} on ${facts.platform}\n\nWhat happened, and what you expected:\n\n` +
      `(The log is in ${facts.logFile}; attach it if you can, after a look: it holds no passwords or tokens.)`,
  );
  return url.href;
}
