/**
 * Mail templates in the four languages of the product (docs/ARCHITECTURE.md §4), chosen by the recipient's
 * language. A template gives a subject, paragraphs and at most one action link; `renderMail`
 * turns that into the plain-text and HTML bodies stored in the outbox.
 */
import { type Language, isLanguage } from '../../src-shared/api/primitives.js';
import type { TemplateName, TemplateVars } from '../domain/mail.js';
import type { Catalog, MailContent } from './catalog.js';
import { en } from './locales/en.js';
import { fr } from './locales/fr.js';
import { it } from './locales/it.js';
import { pl } from './locales/pl.js';

const CATALOGS: Record<Language, Catalog> = { en, it, fr, pl };
const LOCALES: Record<Language, string> = { en: 'en-GB', it: 'it-IT', fr: 'fr-FR', pl: 'pl-PL' };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  language: Language;
}

export function renderMail<T extends TemplateName>(template: T, language: string, vars: TemplateVars[T]): RenderedMail {
  const lang: Language = isLanguage(language) ? language : 'en';
  const date = (iso: string) =>
    new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
  const content = (CATALOGS[lang][template] as (v: TemplateVars[T], d: typeof date) => MailContent)(vars, date);
  const text = [...content.paragraphs, ...(content.action ? [`${content.action.label}: ${content.action.url}`] : [])].join('\n\n') + '\n';
  const html = [
    '<!doctype html><html lang="' + lang + '"><head><meta charset="utf-8"><title>' + escapeHtml(content.subject) + '</title></head>',
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d2330">',
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    content.action
      ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:.6em 1.2em;background:#2456c7;color:#fff;border-radius:.3em;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
        `<p style="font-size:.85em;color:#555">${escapeHtml(content.action.url)}</p>`
      : '',
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html, language: lang };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
