/** Contacts: people on an account without a login, and which mails they get (docs/ARCHITECTURE.md §9). */
import { z } from 'zod';
import { humanText } from './human-text.js';
import { Email, Id, Name, Timestamp } from './primitives.js';
/** A line of a postal address or a company name: human text, may be empty. */
const Line = (max: number) => humanText({ max });

export const MAIL_KINDS = ['general', 'services', 'domains', 'billing', 'support'] as const;
export const MailKind = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof MailKind>;

export const MailPreferences = z
  .object({ general: z.boolean(), services: z.boolean(), domains: z.boolean(), billing: z.boolean(), support: z.boolean() })
  .strict()
  .meta({ id: 'MailPreferences' });
export type MailPreferences = z.infer<typeof MailPreferences>;

const ContactFields = {
  name: Name,
  company: Line(200).default(''),
  address1: Line(200).default(''),
  address2: Line(200).default(''),
  city: Line(100).default(''),
  region: Line(100).default(''),
  postcode: Line(20).default(''),
  /** ISO 3166-1 alpha-2, or empty. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/)
    .default(''),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()./-]{0,32}$/)
    .default(''),
  email: Email,
  preferences: MailPreferences.default({ general: true, services: false, domains: false, billing: false, support: false }),
};

export const ContactInput = z.object(ContactFields).strict().meta({ id: 'ContactInput' });
export type ContactInput = z.input<typeof ContactInput>;

export const ContactPatch = z
  .object({
    name: ContactFields.name.optional(),
    company: Line(200).optional(),
    address1: Line(200).optional(),
    address2: Line(200).optional(),
    city: Line(100).optional(),
    region: Line(100).optional(),
    postcode: Line(20).optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/)
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()./-]{0,32}$/)
      .optional(),
    email: ContactFields.email.optional(),
    preferences: MailPreferences.partial().strict().optional(),
  })
  .strict()
  .meta({ id: 'ContactPatch' });
export type ContactPatch = z.infer<typeof ContactPatch>;

export const Contact = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    company: z.string(),
    address1: z.string(),
    address2: z.string(),
    city: z.string(),
    region: z.string(),
    postcode: z.string(),
    country: z.string(),
    phone: z.string(),
    email: z.string(),
    preferences: MailPreferences,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

export const ContactList = z.object({ items: z.array(Contact), nextCursor: z.string().nullable().optional() }).meta({ id: 'ContactList' });
