import type { Catalog } from '../catalog.js';

export const en: Catalog = {
  invitation: (v, date) => ({
    subject: `${v.inviterName} invited you to ${v.accountName}`,
    paragraphs: [
      `Hello,`,
      `${v.inviterName} invited you to the client area of ${v.accountName} with these permissions: ${v.permissions}.`,
      `Accept with your existing login, or create one on the same page. The invitation expires on ${date(v.expiresAt)}.`,
      `If you did not expect this, ignore this mail: nothing happens unless you accept.`,
    ],
    action: { label: 'Accept the invitation', url: v.link },
  }),
  domain_delegation: (v, date) => ({
    subject: `${v.inviterName} wants you to manage ${v.domain}`,
    paragraphs: [
      `Hello,`,
      `${v.inviterName} of ${v.accountName} asks you to manage the domain ${v.domain}: DNS, nameservers, transfer code and renewals. You get access to this domain only.`,
      `The offer expires on ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Accept the domain management', url: v.link },
  }),
  activation: (v, date) => ({
    subject: `Activate your login for ${v.accountName}`,
    paragraphs: [
      `Hello ${v.name},`,
      `${v.inviterName} created a login for you in the client area of ${v.accountName}. Choose your password to activate it.`,
      `The link works once and expires on ${date(v.expiresAt)}.`,
    ],
    action: { label: 'Activate my login', url: v.link },
  }),
  password_reset: (v, date) => ({
    subject: 'Choose a new password',
    paragraphs: [
      `Hello ${v.name},`,
      `A new password was requested for your client area login. Choose it with the link below; it works once and expires on ${date(v.expiresAt)}.`,
      `Your current password keeps working until you set a new one.`,
    ],
    action: { label: 'Choose a new password', url: v.link },
  }),
  email_verification: (v) => ({
    subject: 'Confirm your email address',
    paragraphs: [`Hello ${v.name},`, `Confirm that this address belongs to you, so invitations sent to it reach your login.`],
    action: { label: 'Confirm my email', url: v.link },
  }),
  ownership_transfer: (v) => ({
    subject: `${v.inviterName} wants to make you the owner of ${v.accountName}`,
    paragraphs: [
      `Hello ${v.name},`,
      `${v.inviterName} offers you the ownership of ${v.accountName}. As owner you hold every permission and decide who else has access.`,
      `Confirm in the client area or in Clientdeck; nothing changes until you do.`,
    ],
  }),
  invoice: (v, date) => ({
    subject: `New invoice for ${v.accountName}`,
    paragraphs: [`Hello,`, `A new invoice of ${v.amount} for ${v.accountName} is due on ${date(v.dueAt)}.`],
  }),
  ticket_opened: (v) => ({
    subject: `Ticket opened: ${v.subject}`,
    paragraphs: [
      `Hello,`,
      `${v.openedBy}${v.openedAsAuthorizedUser ? ' (authorized user)' : ''} opened a support ticket for ${v.accountName}: "${v.subject}".`,
    ],
  }),
  service_added: (v) => ({
    subject: `New service for ${v.accountName}: ${v.serviceName}`,
    paragraphs: [`Hello,`, `${v.serviceName} was added to ${v.accountName}.`],
  }),
  domain_added: (v, date) => ({
    subject: `Domain registered: ${v.domain}`,
    paragraphs: [`Hello,`, `${v.domain} is now part of ${v.accountName}. It renews on ${date(v.expiresAt)}.`],
  }),
  access_expiring: (v, date) => ({
    subject: `Your access to ${v.accountName} ends on ${date(v.expiresAt)}`,
    paragraphs: [
      `Hello ${v.name},`,
      `Your access to the client area of ${v.accountName} ends on ${date(v.expiresAt)}. After that you can no longer open the account.`,
      `If you still need it, ask the account owner to extend it.`,
    ],
  }),
  access_expiring_owner: (v, date) => ({
    subject: `${v.memberName}'s access to ${v.accountName} ends on ${date(v.expiresAt)}`,
    paragraphs: [
      `Hello ${v.name},`,
      `The access of ${v.memberName} (${v.memberEmail}) to ${v.accountName} ends on ${date(v.expiresAt)}, as you set it.`,
      `To keep it, extend it in the client area or in Clientdeck; otherwise nothing needs doing.`,
    ],
  }),
};
