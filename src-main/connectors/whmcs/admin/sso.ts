import type { SsoLink } from '../../../../src-shared/api/sso.js';
import type { SsoPart } from '../../connector.js';
import type { AdminApi } from './admin-api.js';
import { SsoTokenAnswer } from './answers.js';

/** WHMCS's SSO tokens are single-use and valid for at most 60 seconds (CreateSsoToken). */
const TOKEN_LIFETIME_MS = 60_000;

/** One click into a client's own client area: CreateSsoToken's prepared `redirect_url`. */
export class WhmcsAdminSso implements SsoPart {
  constructor(private readonly api: AdminApi) {}

  async createLink(accountId: string): Promise<SsoLink> {
    const issued = Date.now();
    const answer = await this.api.call('CreateSsoToken', { client_id: accountId }, SsoTokenAnswer);
    return { url: answer.redirect_url, expiresAt: new Date(issued + TOKEN_LIFETIME_MS).toISOString() };
  }
}
