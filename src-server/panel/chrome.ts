import type { Account } from '../../src-shared/api/accounts.js';
import { csrfField, sessionCsrfToken } from './csrf.js';
import { type Html, html, type PageChrome } from './html.js';
import type { PanelSession } from './session.js';

/** "Signed in as <name> (<email>) — <role>": every page says who is looking and as what. */
export function signedInAs(session: PanelSession, role?: string): Html {
  const { viewer } = session;
  const verb = session.impersonator ? 'Viewing as' : 'Signed in as';
  return html`${verb} ${viewer.name} (${viewer.email})${role ? ` — ${role}` : ''}`;
}

/** The notice on every page of a view-as session: whose panel it is, and that nothing can be changed. */
export function viewAsBanner(session: PanelSession): Html | undefined {
  if (!session.impersonator) return undefined;
  return html`Viewing as ${session.viewer.name} — read-only. Opened by ${session.impersonator.name} (${session.impersonator.email}); this view is audited and every change is refused.`;
}

export interface ChromeOptions {
  /** The account the page is about. */
  account?: Pick<Account, 'id' | 'name' | 'role'> | undefined;
  /** Accounts the switcher offers (all the viewer can reach). */
  accounts?: readonly Pick<Account, 'id' | 'name' | 'role'>[] | undefined;
}

/** Header of a signed-in page: whose account and as what, the account switcher, and sign-out. */
export function chromeFor(session: PanelSession, options: ChromeOptions = {}): PageChrome {
  const { account, accounts = [] } = options;
  const who = account
    ? html`<span>Account: <strong>${account.name}</strong></span> · <span>${signedInAs(session, account.role)}</span>`
    : html`<span>${signedInAs(session)}</span> · <span>no account chosen</span>`;
  const token = sessionCsrfToken(session.token);
  const switcher =
    accounts.length > 1
      ? html`<form method="get" action="/panel/switch" aria-label="Switch account">
<label for="switch-account" class="muted">Account</label>
<select id="switch-account" name="account">${accounts.map(
          (a) => html`<option value="${a.id}"${account?.id === a.id ? html` selected` : ''}>${a.name} (${a.role})</option>`,
        )}</select>
<button type="submit">Switch</button>
</form>`
      : '';
  const signOut = html`<form method="post" action="/panel/sign-out">${csrfField(token)}<button type="submit">${session.impersonator ? 'End view' : 'Sign out'}</button></form>`;
  return { who, banner: viewAsBanner(session), controls: html`<nav aria-label="Account switcher and sign-out">${switcher}${signOut}</nav>` };
}
