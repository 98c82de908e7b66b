import type { Catalog } from '../catalog.js';

export const pl: Catalog = {
  invitation: (v, date) => ({
    subject: `${v.inviterName} zaprasza Cię do ${v.accountName}`,
    paragraphs: [
      `Dzień dobry,`,
      `${v.inviterName} zaprasza Cię do panelu klienta ${v.accountName} z tymi uprawnieniami: ${v.permissions}.`,
      `Zaakceptuj, logując się istniejącym kontem, lub załóż konto na tej samej stronie. Zaproszenie wygasa ${date(v.expiresAt)}.`,
      `Jeśli się tego nie spodziewasz, zignoruj tę wiadomość: bez akceptacji nic się nie stanie.`,
    ],
    action: { label: 'Przyjmij zaproszenie', url: v.link },
  }),
  domain_delegation: (v, date) => ({
    subject: `${v.inviterName} przekazuje Ci zarządzanie ${v.domain}`,
    paragraphs: [
      `Dzień dobry,`,
      `${v.inviterName} (${v.accountName}) prosi Cię o zarządzanie domeną ${v.domain}: DNS, serwery nazw, kod transferu i odnowienia. Otrzymasz dostęp tylko do tej domeny.`,
      `Oferta wygasa ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Przyjmij zarządzanie domeną', url: v.link },
  }),
  activation: (v, date) => ({
    subject: `Aktywuj swoje konto w ${v.accountName}`,
    paragraphs: [
      `Dzień dobry ${v.name},`,
      `${v.inviterName} utworzył(a) dla Ciebie konto w panelu klienta ${v.accountName}. Ustaw hasło, aby je aktywować.`,
      `Link działa jeden raz i wygasa ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Aktywuj konto', url: v.link },
  }),
  password_reset: (v, date) => ({
    subject: 'Ustaw nowe hasło',
    paragraphs: [
      `Dzień dobry ${v.name},`,
      `Poproszono o nowe hasło do Twojego konta w panelu klienta. Ustaw je za pomocą poniższego linku; działa jeden raz i wygasa ${date(v.expiresAt)}.`,
      `Obecne hasło działa, dopóki nie ustawisz nowego.`,
    ],
    action: { label: 'Ustaw nowe hasło', url: v.link },
  }),
  email_verification: (v) => ({
    subject: 'Potwierdź swój adres e-mail',
    paragraphs: [`Dzień dobry ${v.name},`, `Potwierdź, że ten adres należy do Ciebie, aby wysyłane na niego zaproszenia trafiały do Twojego konta.`],
    action: { label: 'Potwierdź adres', url: v.link },
  }),
  ownership_transfer: (v) => ({
    subject: `${v.inviterName} chce przekazać Ci ${v.accountName}`,
    paragraphs: [
      `Dzień dobry ${v.name},`,
      `${v.inviterName} proponuje Ci przejęcie konta ${v.accountName}. Właściciel ma wszystkie uprawnienia i decyduje, kto jeszcze ma dostęp.`,
      `Potwierdź w panelu klienta lub w Clientdeck; do tego czasu nic się nie zmienia.`,
    ],
  }),
  invoice: (v, date) => ({
    subject: `Nowa faktura dla ${v.accountName}`,
    paragraphs: [`Dzień dobry,`, `Nowa faktura na kwotę ${v.amount} dla ${v.accountName} ma termin płatności ${date(v.dueAt)}.`],
  }),
  ticket_opened: (v) => ({
    subject: `Otwarto zgłoszenie: ${v.subject}`,
    paragraphs: [
      `Dzień dobry,`,
      `${v.openedBy}${v.openedAsAuthorizedUser ? ' (użytkownik upoważniony)' : ''} otworzył(a) zgłoszenie dla ${v.accountName}: „${v.subject}”.`,
    ],
  }),
  service_added: (v) => ({
    subject: `Nowa usługa dla ${v.accountName}: ${v.serviceName}`,
    paragraphs: [`Dzień dobry,`, `Usługa ${v.serviceName} została dodana do ${v.accountName}.`],
  }),
  domain_added: (v, date) => ({
    subject: `Zarejestrowano domenę: ${v.domain}`,
    paragraphs: [`Dzień dobry,`, `Domena ${v.domain} należy teraz do ${v.accountName}. Odnowienie: ${date(v.expiresAt)}.`],
  }),
  access_expiring: (v, date) => ({
    subject: `Twój dostęp do ${v.accountName} kończy się ${date(v.expiresAt)}`,
    paragraphs: [
      `Dzień dobry ${v.name},`,
      `Twój dostęp do panelu klienta ${v.accountName} kończy się ${date(v.expiresAt)}. Potem nie otworzysz już tego konta.`,
      `Jeśli nadal go potrzebujesz, poproś właściciela konta o przedłużenie.`,
    ],
  }),
  access_expiring_owner: (v, date) => ({
    subject: `Dostęp ${v.memberName} do ${v.accountName} kończy się ${date(v.expiresAt)}`,
    paragraphs: [
      `Dzień dobry ${v.name},`,
      `Dostęp ${v.memberName} (${v.memberEmail}) do ${v.accountName} kończy się ${date(v.expiresAt)}, tak jak ustawiono.`,
      `Aby go zachować, przedłuż go w panelu klienta lub w Clientdeck; w przeciwnym razie nic nie trzeba robić.`,
    ],
  }),
};
