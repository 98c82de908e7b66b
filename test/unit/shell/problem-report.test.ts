/** Where "Report a problem" leads (issue 11): package.json's `bugs`, overridable, only https or mail. */
import { describe, expect, it } from 'vitest';
import { problemReportDestination, problemReportUrl } from '../../../src-main/app/problem-report.js';

const facts = { version: '1.2.3', platform: 'linux', logFile: '/home/u/.config/Clientdeck/clientdeck.log' };

describe('the problem report destination', () => {
  it('takes the override first, then bugs.url, then bugs.email, and npm’s string form', () => {
    const bugs = { url: 'https://git.example/org/clientdeck/issues', email: 'bugs@clientdeck.example' };
    expect(problemReportDestination(bugs, 'help@agency.example')).toEqual({ kind: 'mail', address: 'help@agency.example' });
    expect(problemReportDestination(bugs, undefined)).toMatchObject({ kind: 'web', url: new URL(bugs.url) });
    expect(problemReportDestination({ email: 'mailto:bugs@clientdeck.example' }, '')).toEqual({ kind: 'mail', address: 'bugs@clientdeck.example' });
    expect(problemReportDestination('https://tracker.example/new', undefined)).toMatchObject({ kind: 'web' });
  });

  it('ignores anything that is neither an https page nor a mail address, and says so with null', () => {
    for (const bad of ['file:///etc/passwd', 'http://tracker.example/', 'javascript:alert(1)', 'smb://x/y', 'not an address']) {
      expect(problemReportDestination({ url: bad }, bad), bad).toBeNull();
    }
    expect(problemReportDestination(undefined, undefined)).toBeNull();
    expect(problemReportDestination({ url: 'https://ok.example/issues' }, 'ms-msdt:/id x')).toMatchObject({ kind: 'web' });
  });

  it('prefills an issue list’s new-issue form, or a mail, with the version, platform and log file', () => {
    const web = new URL(problemReportUrl({ kind: 'web', url: new URL('https://git.example/org/clientdeck/issues/') }, facts));
    expect(`${web.origin}${web.pathname}`).toBe('https://git.example/org/clientdeck/issues/new');
    expect(web.searchParams.get('title')).toBe('Problem: Clientdeck 1.2.3');
    expect(web.searchParams.get('body')).toMatch(/^Clientdeck 1\.2\.3 on linux\n[\s\S]*\/home\/u\/\.config\/Clientdeck\/clientdeck\.log/);
    const mail = problemReportUrl({ kind: 'mail', address: 'help@agency.example' }, facts);
    expect(mail.startsWith('mailto:help@agency.example?subject=Problem%3A%20Clientdeck%201.2.3&body=')).toBe(true);
    expect(decodeURIComponent(mail.split('&body=')[1]!)).toContain(facts.logFile);
  });
});
