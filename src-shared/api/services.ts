/** What an account bought, as its users see it: services (with an assignee) and domains (DESIGN §2). */
import { z } from 'zod';

const Id = z.string().min(1).max(64);
const Timestamp = z.iso.datetime({ offset: true });
const Person = z.object({ userId: Id, name: z.string(), email: z.string() });

export const Service = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    status: z.enum(['active', 'suspended', 'cancelled']),
    /** The user this service (a licence, a mailbox...) is assigned to, if any. */
    assignee: Person.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof Service>;

export const ServiceList = z.object({ items: z.array(Service), nextCursor: z.string().nullable() }).meta({ id: 'ServiceList' });

export const Domain = z.object({ id: Id, accountId: Id, name: z.string(), expiresAt: Timestamp, createdAt: Timestamp }).meta({ id: 'Domain' });
export type Domain = z.infer<typeof Domain>;

export const DomainList = z.object({ items: z.array(Domain), nextCursor: z.string().nullable() }).meta({ id: 'DomainList' });

/** `POST .../services/{serviceId}/assignee`: a user with access to the account, or null to unassign. */
export const AssignService = z.object({ userId: Id.nullable() }).strict().meta({ id: 'AssignService' });

/** `POST .../domains/{domainId}/delegations`: hand one domain's management to another customer. */
export const DelegateDomain = z
  .object({
    customerNumber: z
      .string()
      .trim()
      .regex(/^[0-9]{4,12}$/),
    consent: z.literal(true),
  })
  .strict()
  .meta({ id: 'DelegateDomain' });
