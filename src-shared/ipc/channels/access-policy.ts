/**
 * Owner actions that bound access (capability `access_policy`): when a pending invitation's access
 * ends, and which email domains invitations to the account may go to. A member's own end moves
 * through `team.updateUser` (`changes.expiresAt`).
 */
import { z } from 'zod';
import { AllowedInvitationDomains } from '../../api/access-policy.js';
import { Id, Timestamp } from '../../api/primitives.js';
import { OutgoingInvitation } from '../../api/team.js';
import { OnAccount } from '../request-parts.js';

export const accessPolicyChannels = {
  'accessPolicy.setInvitationAccessEnd': {
    input: z.object({ ...OnAccount, invitationId: Id, accessExpiresAt: Timestamp.nullable() }).strict(),
    output: OutgoingInvitation,
  },
  'accessPolicy.invitationDomains': { input: z.object(OnAccount).strict(), output: AllowedInvitationDomains },
  'accessPolicy.setInvitationDomains': { input: z.object({ ...OnAccount, domains: AllowedInvitationDomains }).strict(), output: AllowedInvitationDomains },
} as const;
