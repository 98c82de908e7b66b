/** A login at the client area, as it sees itself (`GET /me`) and changes itself (`PATCH /me`). */
import { z } from 'zod';
import { Email, Id, Language, Name } from './primitives.js';

export const UserStatus = z.enum(['pending_activation', 'active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    customerNumber: z.string(),
    status: UserStatus,
    /** Language of the mails this user gets. */
    language: Language.optional(),
    /** Where mails go when it is not the login email. */
    notificationEmail: z.string().nullable().optional(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

/** `PATCH /me`: the caller's own name, mail language and notification email (null: use the login email). */
export const UpdateMe = z
  .object({
    name: Name.optional(),
    language: Language.optional(),
    notificationEmail: Email.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Give at least one of name, language or notificationEmail.' })
  .meta({ id: 'UpdateMe' });
