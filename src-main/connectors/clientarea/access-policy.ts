import { AllowedInvitationDomains, ACCESS_POLICY_ROUTES } from '../../../src-shared/api/access-policy.js';
import { OutgoingInvitation } from '../../../src-shared/api/team.js';
import type { AccessPolicyPart } from '../connector.js';
import { seg, type ApiSession } from './api-session.js';

/** Path of a policy route with the account (and invitation) filled in. */
function pathOf(route: string, accountId: string, invitationId = ''): string {
  return route.replace('{id}', seg(accountId)).replace('{invId}', seg(invitationId));
}

/** When an invitation's access ends and the allowed invitation domains, at the Client Area Access API. */
export class ClientareaAccessPolicy implements AccessPolicyPart {
  constructor(private readonly api: ApiSession) {}

  setInvitationAccessEnd(accountId: string, invitationId: string, accessExpiresAt: string | null) {
    return this.api.write(OutgoingInvitation, 'PATCH', pathOf(ACCESS_POLICY_ROUTES.invitation, accountId, invitationId), { accessExpiresAt });
  }

  invitationDomains(accountId: string) {
    return this.api.authorized(AllowedInvitationDomains, { method: 'GET', url: pathOf(ACCESS_POLICY_ROUTES.invitationDomains, accountId) });
  }

  setInvitationDomains(accountId: string, domains: AllowedInvitationDomains) {
    return this.api.write(AllowedInvitationDomains, 'PUT', pathOf(ACCESS_POLICY_ROUTES.invitationDomains, accountId), domains);
  }
}
