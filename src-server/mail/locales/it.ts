import type { Catalog } from '../catalog.js';

export const it: Catalog = {
  invitation: (v, date) => ({
    subject: `${v.inviterName} ti ha invitato in ${v.accountName}`,
    paragraphs: [
      `Ciao,`,
      `${v.inviterName} ti ha invitato nell'area clienti di ${v.accountName} con questi permessi: ${v.permissions}.`,
      `Accetta con il tuo accesso esistente, oppure creane uno nella stessa pagina. L'invito scade il ${date(v.expiresAt)}.`,
      `Se non te lo aspettavi, ignora questa email: non succede nulla se non accetti.`,
    ],
    action: { label: "Accetta l'invito", url: v.link },
  }),
  domain_delegation: (v, date) => ({
    subject: `${v.inviterName} ti chiede di gestire ${v.domain}`,
    paragraphs: [
      `Ciao,`,
      `${v.inviterName} di ${v.accountName} ti chiede di gestire il dominio ${v.domain}: DNS, nameserver, codice di trasferimento e rinnovi. Avrai accesso solo a questo dominio.`,
      `L'offerta scade il ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Accetta la gestione del dominio', url: v.link },
  }),
  activation: (v, date) => ({
    subject: `Attiva il tuo accesso a ${v.accountName}`,
    paragraphs: [
      `Ciao ${v.name},`,
      `${v.inviterName} ha creato per te un accesso all'area clienti di ${v.accountName}. Scegli la tua password per attivarlo.`,
      `Il link funziona una sola volta e scade il ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Attiva il mio accesso', url: v.link },
  }),
  password_reset: (v, date) => ({
    subject: 'Scegli una nuova password',
    paragraphs: [
      `Ciao ${v.name},`,
      `È stata richiesta una nuova password per il tuo accesso all'area clienti. Sceglila con il link qui sotto: funziona una sola volta e scade il ${date(v.expiresAt)}.`,
      `La password attuale resta valida finché non ne imposti una nuova.`,
    ],
    action: { label: 'Scegli una nuova password', url: v.link },
  }),
  email_verification: (v) => ({
    subject: 'Conferma il tuo indirizzo email',
    paragraphs: [`Ciao ${v.name},`, `Conferma che questo indirizzo è tuo, così gli inviti inviati qui arrivano al tuo accesso.`],
    action: { label: 'Conferma la mia email', url: v.link },
  }),
  ownership_transfer: (v) => ({
    subject: `${v.inviterName} vuole renderti titolare di ${v.accountName}`,
    paragraphs: [
      `Ciao ${v.name},`,
      `${v.inviterName} ti offre la titolarità di ${v.accountName}. Come titolare hai tutti i permessi e decidi chi altro ha accesso.`,
      `Conferma nell'area clienti o in Clientdeck; nulla cambia finché non confermi.`,
    ],
  }),
  invoice: (v, date) => ({
    subject: `Nuova fattura per ${v.accountName}`,
    paragraphs: [`Ciao,`, `Una nuova fattura di ${v.amount} per ${v.accountName} scade il ${date(v.dueAt)}.`],
  }),
  ticket_opened: (v) => ({
    subject: `Ticket aperto: ${v.subject}`,
    paragraphs: [
      `Ciao,`,
      `${v.openedBy}${v.openedAsAuthorizedUser ? ' (utente autorizzato)' : ''} ha aperto un ticket di assistenza per ${v.accountName}: "${v.subject}".`,
    ],
  }),
  service_added: (v) => ({
    subject: `Nuovo servizio per ${v.accountName}: ${v.serviceName}`,
    paragraphs: [`Ciao,`, `${v.serviceName} è stato aggiunto a ${v.accountName}.`],
  }),
  domain_added: (v, date) => ({
    subject: `Dominio registrato: ${v.domain}`,
    paragraphs: [`Ciao,`, `${v.domain} ora fa parte di ${v.accountName}. Si rinnova il ${date(v.expiresAt)}.`],
  }),
  access_expiring: (v, date) => ({
    subject: `Il tuo accesso a ${v.accountName} termina il ${date(v.expiresAt)}`,
    paragraphs: [
      `Ciao ${v.name},`,
      `Il tuo accesso all'area clienti di ${v.accountName} termina il ${date(v.expiresAt)}. Dopo non potrai più aprire l'account.`,
      `Se ti serve ancora, chiedi al titolare dell'account di prolungarlo.`,
    ],
  }),
  access_expiring_owner: (v, date) => ({
    subject: `L'accesso di ${v.memberName} a ${v.accountName} termina il ${date(v.expiresAt)}`,
    paragraphs: [
      `Ciao ${v.name},`,
      `L'accesso di ${v.memberName} (${v.memberEmail}) a ${v.accountName} termina il ${date(v.expiresAt)}, come hai stabilito.`,
      `Per mantenerlo, prolungalo nell'area clienti o in Clientdeck; altrimenti non serve fare nulla.`,
    ],
  }),
};
