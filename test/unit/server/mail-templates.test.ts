import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src-shared/api/primitives.js';
import { consentText } from '../../../src-shared/api/team.js';
import { csvCell } from '../../../src-server/domain/audit.js';
import { inScope } from '../../../src-server/domain/access.js';
import type { TemplateName, TemplateVars } from '../../../src-server/domain/mail.js';
import { renderMail } from '../../../src-server/mail/templates.js';

const LINK = 'https://clientarea.example/panel/invitations/accept?token=cdi_abc';
const VARS: { [T in TemplateName]: TemplateVars[T] } = {
  invitation: { accountName: 'Bellini <Ristorante>', inviterName: 'Giulia', link: LINK, expiresAt: '2025-03-10T09:00:00.000Z', permissions: 'tickets' },
  domain_delegation: { accountName: 'Bellini', inviterName: 'Giulia', link: LINK, expiresAt: '2025-03-10T09:00:00.000Z', domain: 'bellini.example' },
  activation: { name: 'Nora', accountName: 'Bellini', inviterName: 'Giulia', link: LINK, expiresAt: '2025-03-10T09:00:00.000Z' },
  password_reset: { name: 'Nora', link: LINK, expiresAt: '2025-03-10T09:00:00.000Z' },
  email_verification: { name: 'Nora', link: LINK },
  ownership_transfer: { name: 'Marco', accountName: 'Bellini', inviterName: 'Giulia' },
  invoice: { accountName: 'Bellini', amount: '49.00 EUR', dueAt: '2025-03-10T09:00:00.000Z' },
  ticket_opened: { accountName: 'Bellini', subject: 'Site down', openedBy: 'Luigi', openedAsAuthorizedUser: true },
  service_added: { accountName: 'Bellini', serviceName: 'Web Hosting' },
  domain_added: { accountName: 'Bellini', domain: 'bellini.example', expiresAt: '2026-03-10T09:00:00.000Z' },
  access_expiring: { name: 'Nora', accountName: 'Bellini', expiresAt: '2026-03-10T09:00:00.000Z' },
  access_expiring_owner: { name: 'Giulia', accountName: 'Bellini', expiresAt: '2026-03-10T09:00:00.000Z', memberName: 'Nora', memberEmail: 'nora@example.com' },
};

describe('mail templates', () => {
  it('render every template in English, Italian, French and Polish, each in its own words', () => {
    for (const template of Object.keys(VARS) as TemplateName[]) {
      const subjects = new Set<string>();
      for (const language of LANGUAGES) {
        const mail = renderMail(template, language, VARS[template] as never);
        expect(mail.language).toBe(language);
        expect(mail.subject.length, `${template}/${language}`).toBeGreaterThan(5);
        expect(mail.html).toContain(`<html lang="${language}">`);
        if ('link' in VARS[template]) {
          expect(mail.text).toContain(LINK);
          expect(mail.html).toContain(`href="${LINK}"`);
        }
        subjects.add(mail.subject);
      }
      expect(subjects.size, template).toBe(LANGUAGES.length);
    }
  });

  it('escapes HTML, writes dates the reader’s way and falls back to English', () => {
    const en = renderMail('invitation', 'en', VARS.invitation);
    expect(en.html).toContain('Bellini &lt;Ristorante&gt;');
    expect(en.html).not.toContain('<Ristorante>');
    expect(en.text).toContain('Bellini <Ristorante>');
    expect(en.text).toContain('10 March 2025');
    expect(renderMail('invitation', 'it', VARS.invitation).text).toContain('10 marzo 2025');
    expect(renderMail('invitation', 'fr', VARS.invitation).text).toContain('10 mars 2025');
    expect(renderMail('invitation', 'pl', VARS.invitation).text).toContain('10 marca 2025');
    expect(renderMail('invitation', 'de', VARS.invitation)).toMatchObject({ language: 'en', subject: 'Giulia invited you to Bellini <Ristorante>' });
    expect(renderMail('ticket_opened', 'it', VARS.ticket_opened).text).toContain('Luigi (utente autorizzato)');
  });
});

describe('small rules', () => {
  it('CSV cells are quoted when needed and never start a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('consent texts name what is shared and with whom', () => {
    expect(consentText('customerNumber', { customerNumber: '10042', account: 'Bellini' })).toBe(
      'I confirm that customer number 10042 belongs to the person I want to give access to the account "Bellini", and that I may share this account with them.',
    );
  });

  it('a scope names what it reaches; a kind it does not name is not reached', () => {
    expect(inScope(null, 'services', { id: 'svc_1' })).toBe(true);
    expect(inScope({ services: ['svc_1'] }, 'services', { id: 'svc_1' })).toBe(true);
    expect(inScope({ services: ['svc_1'] }, 'services', { id: 'svc_2' })).toBe(false);
    expect(inScope({ services: ['svc_1'] }, 'domains', { id: 'dom_1', name: 'a.example' })).toBe(false);
    expect(inScope({ domains: ['a.example'] }, 'domains', { id: 'dom_1', name: 'a.example' })).toBe(true);
    expect(inScope({ domains: ['dom_1'] }, 'domains', { id: 'dom_1', name: 'a.example' })).toBe(true);
  });
});
