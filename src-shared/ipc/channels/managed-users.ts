/** Owner actions: users the owner creates directly, and their activation mails (capability `managed_users`). */
import { z } from 'zod';
import { Id } from '../../api/primitives.js';
import { AccountUser, CreateManagedUsers } from '../../api/team.js';
import { OnAccount } from '../request-parts.js';

export const managedUsersChannels = {
  'managedUsers.create': { input: z.object({ ...OnAccount, request: CreateManagedUsers }).strict(), output: z.array(AccountUser) },
  'managedUsers.sendActivation': {
    input: z.object({ ...OnAccount, userId: Id }).strict(),
    output: z.object({ sentAt: z.string() }),
  },
} as const;
