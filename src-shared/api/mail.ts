/** The client area's outbox: every mail it sends is stored (docs/ARCHITECTURE.md §10: the development mail viewer). */
import { z } from 'zod';
import { MAIL_KINDS } from './contacts.js';
import { Cursor, Id, Timestamp } from './primitives.js';

/** Mail kinds a contact may choose, plus `access`: mails about a person's own access (invitations, activation...). */
export const OutboxKind = z.enum([...MAIL_KINDS, 'access']);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxMessage = z
  .object({
    id: Id,
    accountId: Id.nullable(),
    to: z.string(),
    kind: OutboxKind,
    template: z.string(),
    language: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    createdAt: Timestamp,
    /** Set once SMTP accepted it; null when only stored (no SMTP configured) or not yet sent. */
    deliveredAt: Timestamp.nullable(),
    deliveryError: z.string().nullable(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxPage = z.object({ items: z.array(OutboxMessage), nextCursor: z.string().nullable() }).meta({ id: 'OutboxPage' });
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = z
  .object({
    to: z.string().trim().toLowerCase().max(254).optional(),
    accountId: Id.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: Cursor.optional(),
  })
  .strict();
