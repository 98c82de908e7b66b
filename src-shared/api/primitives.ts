/**
 * The small words every contract is made of, written once: the API schemas, the IPC contract,
 * the server, main and the renderer all import them from here.
 */
import { z } from 'zod';
import { humanText } from './human-text.js';
import { GRANT_ROLES } from './permission-catalog.js';

/**
 * Any id Clientdeck carries: a provider's ids (the reference server's are `acc_` + 20 hex digits,
 * 24 characters) and Clientdeck's own (connections and queued actions are UUIDs, 36 characters).
 * 64 holds every one of them; the IPC contract's rows carry the API's ids, so it is one limit.
 */
export const Id = z.string().min(1).max(64);
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** An ISO 8601 instant with its offset, as the API writes every time. */
export const Timestamp = z.iso.datetime({ offset: true });

/** A name a person types for someone or something (a user, an account, a service): human text on one line. */
export const Name = humanText({ min: 1, max: 200 });
export const Password = z.string().min(1).max(1024);
/** The secret of a mailed one-time link (invitation, activation, password reset, verification). */
export const LinkToken = z.string().min(16).max(256);
/** An opaque cursor of a paged list, as the previous page gave it. */
export const Cursor = z.string().max(200);

/** A provider's customer number: 4 to 12 digits. */
export const CUSTOMER_NUMBER_PATTERN = /^[0-9]{4,12}$/;
export const CustomerNumber = z.string().trim().regex(CUSTOMER_NUMBER_PATTERN);

/** Languages the client area writes mails in and the app is translated to ('en' when unknown). */
export const LANGUAGES = ['en', 'it', 'fr', 'pl'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly string[]).includes(value ?? '');
}

/** How an invitee answers an invitation. */
export const INVITATION_ANSWERS = ['accept', 'decline'] as const;
export const InvitationAnswer = z.enum(INVITATION_ANSWERS);
export type InvitationAnswer = z.infer<typeof InvitationAnswer>;

export { GRANT_ROLES } from './permission-catalog.js';
export const GrantRole = z.enum(GRANT_ROLES);
export type GrantRole = z.infer<typeof GrantRole>;

export const SERVICE_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export const ServiceStatus = z.enum(SERVICE_STATUSES);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** A user named in another resource (who a service is assigned to, who opened a ticket). */
export const Person = z.object({ userId: Id, name: z.string(), email: z.string() });
/** Someone shown by name and email only (who sent an invitation, who gave consent). */
export const NamedEmail = z.object({ name: z.string(), email: z.string() });

/** Path parameters of a resource named by its id. */
export const IdParams = z.object({ id: Id }).strict();

/** Query of a paged list: `limit` items after `cursor`, optionally only those changed since an instant. */
export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    cursor: Cursor.optional(),
    updatedSince: Timestamp.optional(),
  })
  .strict();
