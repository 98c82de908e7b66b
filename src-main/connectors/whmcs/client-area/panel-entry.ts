import { ClientdeckError, isClientdeckError } from '../../../errors.js';
import type { PanelEntry, SsoPart } from '../../connector.js';
import { SWITCH_ACCOUNT_ROUTE } from './pages.js';
import { route, type WhmcsSession } from './session.js';

/**
 * How long a handed-over session is taken to last: PHP's default session lifetime, which WHMCS
 * keeps (24 minutes without a request), less a margin.
 */
const SESSION_LIFETIME_MS = 20 * 60_000;

/**
 * Opening a customer's panel without SSO links (WHMCS has none for a user's own login): the
 * panel window gets a session of its own, signed in with the stored login, and its first page is
 * the Switch Account form posted with the account's id and that session's token, so the window
 * lands on the customer's home. A session apart from the connector's, so syncing (which switches
 * accounts in its own session) never moves the window to another customer.
 */
export class WhmcsPanel implements SsoPart {
  constructor(
    private readonly session: WhmcsSession,
    private readonly clock: () => Date,
  ) {}

  async createLink(accountId: string, options: { handOver?: boolean } = {}): Promise<PanelEntry> {
    const expiresAt = new Date(this.clock().getTime() + SESSION_LIFETIME_MS).toISOString();
    // The user's own browser has its own WHMCS session (or none): it gets the Switch Account page.
    if (options.handOver === false) return { url: this.session.address(route(SWITCH_ACCOUNT_ROUTE)).href, expiresAt, signedOut: true };
    let separate;
    try {
      separate = await this.session.separate();
    } catch (error) {
      if (isClientdeckError(error) && error.providerCode === 'second_factor_required') {
        throw new ClientdeckError(
          'not_supported',
          `${this.session.provider} asks for a two-factor code at every sign-in, so Clientdeck cannot sign a panel window in for you. Open the client area in your browser and sign in there.`,
        );
      }
      throw error;
    }
    return {
      url: separate.address(route(SWITCH_ACCOUNT_ROUTE)).href,
      expiresAt,
      cookies: separate.cookies,
      form: { id: accountId, token: separate.token },
    };
  }
}
