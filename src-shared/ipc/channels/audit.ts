/** Owner actions: an account's audit trail of access changes (capability `audit`). */
import { z } from 'zod';
import { AuditPage } from '../../api/activity.js';
import { Cursor } from '../../api/primitives.js';
import { OnAccount } from '../request-parts.js';

export const auditChannels = {
  'audit.list': { input: z.object({ ...OnAccount, cursor: Cursor.optional() }).strict(), output: AuditPage },
} as const;
