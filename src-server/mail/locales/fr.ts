import type { Catalog } from '../catalog.js';

export const fr: Catalog = {
  invitation: (v, date) => ({
    subject: `${v.inviterName} vous invite dans ${v.accountName}`,
    paragraphs: [
      `Bonjour,`,
      `${v.inviterName} vous invite dans l'espace client de ${v.accountName} avec ces autorisations : ${v.permissions}.`,
      `Acceptez avec votre identifiant existant, ou créez-en un sur la même page. L'invitation expire le ${date(v.expiresAt)}.`,
      `Si vous ne l'attendiez pas, ignorez ce message : rien ne se passe sans votre accord.`,
    ],
    action: { label: "Accepter l'invitation", url: v.link },
  }),
  domain_delegation: (v, date) => ({
    subject: `${v.inviterName} vous confie la gestion de ${v.domain}`,
    paragraphs: [
      `Bonjour,`,
      `${v.inviterName} (${v.accountName}) vous demande de gérer le domaine ${v.domain} : DNS, serveurs de noms, code de transfert et renouvellements. Vous n'aurez accès qu'à ce domaine.`,
      `L'offre expire le ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Accepter la gestion du domaine', url: v.link },
  }),
  activation: (v, date) => ({
    subject: `Activez votre identifiant pour ${v.accountName}`,
    paragraphs: [
      `Bonjour ${v.name},`,
      `${v.inviterName} vous a créé un identifiant dans l'espace client de ${v.accountName}. Choisissez votre mot de passe pour l'activer.`,
      `Le lien ne fonctionne qu'une fois et expire le ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Activer mon identifiant', url: v.link },
  }),
  password_reset: (v, date) => ({
    subject: 'Choisissez un nouveau mot de passe',
    paragraphs: [
      `Bonjour ${v.name},`,
      `Un nouveau mot de passe a été demandé pour votre identifiant. Choisissez-le avec le lien ci-dessous ; il ne fonctionne qu'une fois et expire le ${date(v.expiresAt)}.`,
      `Votre mot de passe actuel reste valable tant que vous n'en avez pas choisi un nouveau.`,
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: v.link },
  }),
  email_verification: (v) => ({
    subject: 'Confirmez votre adresse e-mail',
    paragraphs: [`Bonjour ${v.name},`, `Confirmez que cette adresse vous appartient, pour que les invitations envoyées ici arrivent à votre identifiant.`],
    action: { label: 'Confirmer mon adresse', url: v.link },
  }),
  ownership_transfer: (v) => ({
    subject: `${v.inviterName} souhaite vous confier ${v.accountName}`,
    paragraphs: [
      `Bonjour ${v.name},`,
      `${v.inviterName} vous propose de devenir titulaire de ${v.accountName}. Le titulaire détient toutes les autorisations et décide qui d'autre y a accès.`,
      `Confirmez dans l'espace client ou dans Clientdeck ; rien ne change avant votre confirmation.`,
    ],
  }),
  invoice: (v, date) => ({
    subject: `Nouvelle facture pour ${v.accountName}`,
    paragraphs: [`Bonjour,`, `Une nouvelle facture de ${v.amount} pour ${v.accountName} est à régler le ${date(v.dueAt)}.`],
  }),
  ticket_opened: (v) => ({
    subject: `Ticket ouvert : ${v.subject}`,
    paragraphs: [
      `Bonjour,`,
      `${v.openedBy}${v.openedAsAuthorizedUser ? ' (utilisateur autorisé)' : ''} a ouvert un ticket d'assistance pour ${v.accountName} : « ${v.subject} ».`,
    ],
  }),
  service_added: (v) => ({
    subject: `Nouveau service pour ${v.accountName} : ${v.serviceName}`,
    paragraphs: [`Bonjour,`, `${v.serviceName} a été ajouté à ${v.accountName}.`],
  }),
  domain_added: (v, date) => ({
    subject: `Domaine enregistré : ${v.domain}`,
    paragraphs: [`Bonjour,`, `${v.domain} fait désormais partie de ${v.accountName}. Il sera renouvelé le ${date(v.expiresAt)}.`],
  }),
  access_expiring: (v, date) => ({
    subject: `Votre accès à ${v.accountName} prend fin le ${date(v.expiresAt)}`,
    paragraphs: [
      `Bonjour ${v.name},`,
      `Votre accès à l'espace client de ${v.accountName} prend fin le ${date(v.expiresAt)}. Ensuite, vous ne pourrez plus ouvrir le compte.`,
      `Si vous en avez encore besoin, demandez au titulaire du compte de le prolonger.`,
    ],
  }),
  access_expiring_owner: (v, date) => ({
    subject: `L'accès de ${v.memberName} à ${v.accountName} prend fin le ${date(v.expiresAt)}`,
    paragraphs: [
      `Bonjour ${v.name},`,
      `L'accès de ${v.memberName} (${v.memberEmail}) à ${v.accountName} prend fin le ${date(v.expiresAt)}, comme vous l'avez choisi.`,
      `Pour le garder, prolongez-le dans l'espace client ou dans Clientdeck ; sinon, rien à faire.`,
    ],
  }),
};
