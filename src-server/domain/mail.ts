/**
 * The mails the client area sends, as the domain sees them: which template, for whom, with which
 * facts. Rendering them in the recipient's language and delivering them is the mail transport's
 * job (`mail/`), reached only through `MailQueue`, so the rules never depend on how mail travels.
 */
import type { Kysely } from 'kysely';
import type { OutboxKind } from '../../src-shared/api/mail.js';
import type { Database } from '../db/tables.js';

export interface MailVars {
  /** Who the mail is for, by name when known. */
  name?: string;
  accountName?: string;
  inviterName?: string;
  /** The one action of the mail (accept, activate, reset...). */
  link?: string;
  /** Dates are given as ISO strings and written out in the recipient's language. */
  expiresAt?: string;
  permissions?: string;
  domain?: string;
  amount?: string;
  dueAt?: string;
  subject?: string;
  openedBy?: string;
  openedAsAuthorizedUser?: boolean;
  serviceName?: string;
  /** The person whose access a mail to the owner is about. */
  memberName?: string;
  memberEmail?: string;
}

/** What each template needs, so a caller cannot forget the link of an invitation. */
export interface TemplateVars {
  invitation: MailVars & { accountName: string; inviterName: string; link: string; expiresAt: string; permissions: string };
  domain_delegation: MailVars & { accountName: string; inviterName: string; link: string; expiresAt: string; domain: string };
  activation: MailVars & { name: string; accountName: string; inviterName: string; link: string; expiresAt: string };
  password_reset: MailVars & { name: string; link: string; expiresAt: string };
  email_verification: MailVars & { name: string; link: string };
  ownership_transfer: MailVars & { name: string; accountName: string; inviterName: string };
  invoice: MailVars & { accountName: string; amount: string; dueAt: string };
  ticket_opened: MailVars & { accountName: string; subject: string; openedBy: string; openedAsAuthorizedUser: boolean };
  service_added: MailVars & { accountName: string; serviceName: string };
  domain_added: MailVars & { accountName: string; domain: string; expiresAt: string };
  /** To the person whose access ends within three days (§5 expiring access). */
  access_expiring: MailVars & { name: string; accountName: string; expiresAt: string };
  /** To the owner, about the same grant. */
  access_expiring_owner: MailVars & { name: string; accountName: string; expiresAt: string; memberName: string; memberEmail: string };
}
export type TemplateName = keyof TemplateVars;

export interface Mail<T extends TemplateName = TemplateName> {
  to: string;
  kind: OutboxKind;
  template: T;
  /** The recipient's language; anything unknown falls back to English. */
  language: string;
  vars: TemplateVars[T];
  accountId?: string | null | undefined;
}

/** Where a change leaves its mails: written with `db` (the change's transaction), delivered later. */
export interface MailQueue {
  /** Stores one mail; returns its id. */
  enqueue<T extends TemplateName>(db: Kysely<Database>, now: Date, mail: Mail<T>): Promise<string>;
}
