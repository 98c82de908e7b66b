import type { TemplateName, TemplateVars } from '../domain/mail.js';

/** What a template says: a subject, paragraphs and at most one action link. */
export interface MailContent {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

/** A language's templates; `date` writes an ISO timestamp the way its readers expect. */
export type Catalog = { [T in TemplateName]: (v: TemplateVars[T], date: (iso: string) => string) => MailContent };
