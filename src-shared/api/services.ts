/** What an account bought, as its users see it: services (with an assignee) and domains (docs/ARCHITECTURE.md §9). */
import { z } from 'zod';
import { CustomerNumber, Id, Person, ServiceStatus, Timestamp } from './primitives.js';

export const Service = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    status: ServiceStatus,
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
    customerNumber: CustomerNumber,
    consent: z.literal(true),
  })
  .strict()
  .meta({ id: 'DelegateDomain' });
