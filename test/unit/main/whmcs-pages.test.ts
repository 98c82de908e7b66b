/** The WHMCS page reader on the stand-in's markup of both themes, and on pages it must not guess at. */
import * as cheerio from 'cheerio';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../../src-main/connectors/whmcs/client-area/browser.js';
import { unrecognisedPage } from '../../../src-main/connectors/whmcs/client-area/failures.js';
import { invitationToken } from '../../../src-main/connectors/whmcs/client-area/invitation-link.js';
import { kindOf, parseHomeCounts, parseSwitchAccount, redactedHtml, routeOf } from '../../../src-main/connectors/whmcs/client-area/pages.js';
import { homePage, switchAccountPage } from '../../whmcs-stand-in/client-area/account-pages.js';
import { challengePage, loginPage } from '../../whmcs-stand-in/client-area/auth-pages.js';
import type { StandInClient, StandInMembership, Theme } from '../../whmcs-stand-in/client-area/state.js';

function page(html: string, url = 'https://billing.example.test/index.php?rp=/user/accounts', status = 200): Page {
  return { url: new URL(url), status, html, $: cheerio.load(html) };
}

const client = (id: number, companyName: string, status: 'Active' | 'Closed' = 'Active'): StandInClient => ({
  id,
  firstName: 'Ann',
  lastName: 'Example',
  companyName,
  status,
  counts: { services: 3, domains: 2, unpaidInvoices: 1, openTickets: 4 },
});
const member = (clientId: number, owner: boolean): StandInMembership => ({ userId: 1, clientId, owner, permissions: [], lastLogin: null });

describe.each<Theme>(['twenty-one', 'six'])('WHMCS pages, %s theme', (theme) => {
  it('reads the Switch Account list: id, name without badges, owner badge, closed state', () => {
    const html = switchAccountPage(theme, 'tok', [
      { client: client(12, 'Acme Ltd'), membership: member(12, true) },
      { client: client(13, ''), membership: member(13, false) },
      { client: client(14, 'Gone Co', 'Closed'), membership: member(14, false) },
    ]);
    const switchPage = page(html);
    expect(kindOf(switchPage)).toBe('switch_account');
    expect(parseSwitchAccount(switchPage)).toEqual([
      { id: '12', name: 'Acme Ltd', owner: true, closed: false },
      { id: '13', name: 'Ann Example', owner: false, closed: false },
      { id: '14', name: 'Gone Co', owner: false, closed: true },
    ]);
  });

  it('reads the home tiles by their links', () => {
    const home = page(homePage(theme, client(12, 'Acme Ltd')), 'https://billing.example.test/clientarea.php');
    expect(kindOf(home)).toBe('signed_in');
    expect(parseHomeCounts(home)).toEqual({ services: 3, domains: 2, unpaidInvoices: 1, openTickets: 4 });
  });

  it('tells the login form, the challenge and a captcha apart by forms and inputs', () => {
    expect(kindOf(page(loginPage({ theme, token: 't', captcha: false, incorrect: false, captchaFailed: false }), 'https://b.test/index.php?rp=/login'))).toBe(
      'login',
    );
    expect(kindOf(page(challengePage({ theme, token: 't', incorrect: false }), 'https://b.test/index.php?rp=/login/challenge'))).toBe('challenge');
  });
});

describe('WHMCS page reader', () => {
  it('finds a route in every URL style WHMCS offers', () => {
    const at = new URL('https://b.test/billing/clientarea.php');
    expect(routeOf('index.php?rp=/user/accounts', at)).toBe('/user/accounts');
    expect(routeOf('/billing/index.php/user/accounts', at)).toBe('/user/accounts');
    expect(routeOf('/user/accounts', at)).toBe('/user/accounts');
  });

  it('does not take a translated or restyled page for something else, and says which page it did not recognise', () => {
    // A theme in another language with the same structure still reads the same.
    const translated = switchAccountPage('twenty-one', 'tok', [{ client: client(5, 'Société Exemple'), membership: member(5, true) }]).replace(
      'Owner',
      'Propriétaire',
    );
    expect(parseSwitchAccount(page(translated))).toEqual([{ id: '5', name: 'Société Exemple', owner: true, closed: false }]);
    expect(kindOf(page('<html><body><h1>Welcome to nginx!</h1></body></html>', 'https://b.test/'))).toBe('unknown');
    expect(parseHomeCounts(page('<html><body><a href="logout.php">x</a></body></html>'))).toBeNull();
  });

  it('logs an unrecognised page without form values, tokens or scripts', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const html = `<html><body><a href="logout.php">out</a><form action="index.php?rp=/x&token=abc123secret"><input type="hidden" name="token" value="abc123secret"><input name="email" value="me@example.test"></form><script>var session="s3cr3t"</script><a href="dl.php?hash=h4sh">f</a></body></html>`;
    const error = unrecognisedPage('b.test', 'account home', page(html), logger);
    expect(error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('account home page of b.test') });
    const logged = lines.join('\n');
    expect(logged).toContain('WHMCS page not recognised');
    for (const secret of ['abc123secret', 'me@example.test', 's3cr3t', 'h4sh']) expect(logged).not.toContain(secret);
    expect(redactedHtml(page(html))).toContain('[removed]');
  });

  it('takes the token out of an invite link in any URL style, or the token itself', () => {
    const token = 'a'.repeat(16) + '0123456789abcdef';
    expect(invitationToken(`https://b.test/index.php?rp=/invite/${token}`)).toBe(token);
    expect(invitationToken(`https://b.test/invite/${token}`)).toBe(token);
    expect(invitationToken(token)).toBe(token);
    expect(invitationToken('https://b.test/index.php?rp=/login')).toBeNull();
    expect(invitationToken('not a link')).toBeNull();
  });
});
