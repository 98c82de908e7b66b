/** Provider administration (bearer admin key): creating users, accounts and what they bought. */
import { z } from 'zod';
import { CUSTOMER_NUMBER_PATTERN, Email, Id, Language, Name, Password, ServiceStatus, Timestamp } from './primitives.js';

export const AdminCreateUser = z
  .object({
    email: Email,
    name: Name,
    password: Password,
    customerNumber: z.string().regex(CUSTOMER_NUMBER_PATTERN).optional(),
    language: Language.optional(),
  })
  .strict()
  .meta({ id: 'AdminCreateUser' });

export const AdminCreateAccount = z.object({ name: Name, ownerEmail: Email }).strict().meta({ id: 'AdminCreateAccount' });

export const AdminAccount = z.object({ id: Id, name: z.string(), ownerId: Id, createdAt: Timestamp }).meta({ id: 'AdminAccount' });

export const AdminCreateService = z.object({ name: Name, status: ServiceStatus.default('active') }).strict();
export const AdminCreateDomain = z.object({ name: z.string().trim().toLowerCase().min(3).max(253), expiresAt: Timestamp }).strict();
export const AdminCreateInvoice = z
  .object({ amountCents: z.number().int().nonnegative().max(1e12), status: z.enum(['unpaid', 'paid']).default('unpaid'), dueAt: Timestamp })
  .strict();
export const AdminCreated = z.object({ id: Id }).meta({ id: 'AdminCreated' });
