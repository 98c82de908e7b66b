/**
 * The stand-in's account routes (WHMCS mounts them under `/account`): user management for the
 * owner of the active account, contacts, and the mailed invite link under `/invite/<token>`.
 * Like WHMCS, a user who is not the owner gets the access-denied page rather than the form.
 */
import { layout } from './auth-pages.js';
import { contactsPage, inviteAcceptPage, permissionsPage, userManagementPage } from './owner-pages.js';
import { requireUser, type RouteContext, type StandInRoutes } from './routing.js';
import {
  addInvite,
  CONTACT_DETAILS,
  displayName,
  EMAIL_PREFERENCES,
  emptyDetails,
  membership,
  WHMCS_PERMISSION_KEYS,
  type EmailPreference,
  type StandInState,
  type WhmcsPermissionKey,
} from './state.js';

function chosenPermissions(form: URLSearchParams): WhmcsPermissionKey[] {
  return WHMCS_PERMISSION_KEYS.filter((key) => form.get(`perms[${key}]`) === '1');
}

/** The active account when the signed-in user owns it; otherwise answers for it and gives null. */
function ownedClient(context: RouteContext): number | null {
  const userId = requireUser(context);
  if (userId === null) return null;
  const { state, session, reply } = context;
  if (session.clientId === null) {
    void reply.redirect('index.php?rp=/user/accounts');
    return null;
  }
  if (!membership(state, userId, session.clientId)?.owner) {
    void reply
      .code(403)
      .type('text/html')
      .send(layout(state.theme, '<div class="alert alert-danger">Access Denied</div>', true, 'Access Denied'));
    return null;
  }
  return session.clientId;
}

function isInviteLive(state: StandInState, invite: { createdAt: Date; acceptedAt: Date | null }): boolean {
  return invite.acceptedAt === null && state.clock().getTime() - invite.createdAt.getTime() < state.inviteLifetimeMs;
}

export function registerOwnerRoutes(routes: StandInRoutes): void {
  routes.get('/account/users', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, session } = context;
    const users = state.memberships
      .filter((m) => m.clientId === clientId)
      .flatMap((m) => {
        const user = state.users.find((u) => u.id === m.userId);
        return user ? [{ user, owner: m.owner, lastLogin: m.lastLogin }] : [];
      });
    const invites = state.invites.filter((i) => i.clientId === clientId && isInviteLive(state, i));
    return userManagementPage(state.theme, session.token, state.clock(), users, invites, state.language);
  });
  routes.post('/account/users/invite', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form, reply } = context;
    const email = (form.get('inviteemail') ?? '').trim().toLowerCase();
    const permissions = form.get('permissions') === 'choose' ? chosenPermissions(form) : [...WHMCS_PERMISSION_KEYS];
    if (/^[^@\s]+@[^@\s]+$/.test(email) && permissions.length > 0) addInvite(state, clientId, email, permissions);
    void reply.redirect('index.php?rp=/account/users');
  });
  routes.post('/account/users/invite/resend', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const invite = context.state.invites.find((i) => i.id === Number(context.form.get('inviteid')) && i.clientId === clientId);
    if (invite) {
      invite.resentCount++;
      invite.createdAt = context.state.clock();
    }
    void context.reply.redirect('index.php?rp=/account/users');
  });
  routes.post('/account/users/invite/cancel', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form } = context;
    state.invites = state.invites.filter((i) => !(i.id === Number(form.get('inviteid')) && i.clientId === clientId));
    void context.reply.redirect('index.php?rp=/account/users');
  });
  routes.post('/account/users/remove', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form } = context;
    const userId = Number(form.get('userid'));
    state.memberships = state.memberships.filter((m) => !(m.clientId === clientId && m.userId === userId && !m.owner));
    void context.reply.redirect('index.php?rp=/account/users');
  });
  routes.get(/^\/account\/users\/\d+\/permissions$/, (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, session, request, reply } = context;
    const userId = Number(/\/users\/(\d+)\//.exec(String((request.query as Record<string, string>).rp))?.[1]);
    const found = membership(state, userId, clientId);
    const user = state.users.find((u) => u.id === userId);
    if (!found || !user || found.owner) return void reply.redirect('index.php?rp=/account/users');
    return permissionsPage(state.theme, session.token, user, found.permissions);
  });
  routes.post(/^\/account\/users\/\d+\/permissions$/, (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form, request, reply } = context;
    const userId = Number(/\/users\/(\d+)\//.exec(String((request.query as Record<string, string>).rp))?.[1]);
    const found = membership(state, userId, clientId);
    if (found && !found.owner) found.permissions = chosenPermissions(form);
    void reply.redirect('index.php?rp=/account/users');
  });
  const contacts = (context: RouteContext) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, session, form } = context;
    const list = state.contacts.filter((c) => c.clientId === clientId);
    const chosen = Number(form.get('contactid'));
    return contactsPage(state.theme, session.token, list, list.find((c) => c.id === chosen) ?? list[0]);
  };
  routes.get('/account/contacts', contacts);
  routes.post('/account/contacts', contacts);
  routes.post('/account/contacts/save', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form } = context;
    const contact = state.contacts.find((c) => c.id === Number(form.get('contactid')) && c.clientId === clientId);
    if (contact) {
      // The hidden "0" comes first and a ticked box's "1" after it, so the last value wins.
      for (const kind of EMAIL_PREFERENCES) contact.preferences[kind] = form.getAll(`email_preferences[${kind}]`).at(-1) === '1';
      contact.firstName = form.get('firstname')?.trim() || contact.firstName;
      contact.lastName = form.get('lastname')?.trim() ?? contact.lastName;
      contact.email = form.get('email')?.trim().toLowerCase() || contact.email;
      for (const name of CONTACT_DETAILS) contact.details[name] = form.get(name)?.trim() ?? contact.details[name];
    }
    void context.reply.redirect('index.php?rp=/account/contacts');
  });
  routes.post('/account/contacts/new', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form } = context;
    const email = form.get('email')?.trim().toLowerCase() ?? '';
    const firstName = form.get('firstname')?.trim() ?? '';
    if (email.includes('@') && firstName) {
      const details = emptyDetails();
      for (const name of CONTACT_DETAILS) details[name] = form.get(name)?.trim() ?? '';
      const preferences = Object.fromEntries(EMAIL_PREFERENCES.map((kind) => [kind, form.getAll(`email_preferences[${kind}]`).at(-1) === '1'])) as Record<
        EmailPreference,
        boolean
      >;
      state.contacts.push({ id: state.nextId++, clientId, firstName, lastName: form.get('lastname')?.trim() ?? '', email, details, preferences });
    }
    void context.reply.redirect('index.php?rp=/account/contacts');
  });
  routes.post('/account/contacts/delete', (context) => {
    const clientId = ownedClient(context);
    if (clientId === null) return;
    const { state, form } = context;
    state.contacts = state.contacts.filter((c) => !(c.id === Number(form.get('contactid')) && c.clientId === clientId));
    void context.reply.redirect('index.php?rp=/account/contacts');
  });
  const inviteOf = (state: StandInState, rp: string) => {
    const token = /^\/invite\/([0-9a-f]+)/.exec(rp)?.[1];
    const invite = state.invites.find((i) => i.token === token);
    return invite && isInviteLive(state, invite) ? invite : null;
  };
  routes.get(/^\/invite\/[0-9a-f]+$/, ({ state, session, request }) => {
    const invite = inviteOf(state, String((request.query as Record<string, string>).rp));
    const client = state.clients.find((c) => c.id === invite?.clientId);
    return inviteAcceptPage(
      state.theme,
      session.token,
      invite && client ? { token: invite.token, clientName: displayName(client) } : null,
      session.userId !== null,
    );
  });
  routes.post(/^\/invite\/[0-9a-f]+\/validate$/, (context) => {
    const userId = requireUser(context);
    if (userId === null) return;
    const { state, request, reply } = context;
    const invite = inviteOf(state, String((request.query as Record<string, string>).rp));
    if (!invite) return inviteAcceptPage(state.theme, context.session.token, null, true);
    invite.acceptedAt = state.clock();
    if (!membership(state, userId, invite.clientId))
      state.memberships.push({ userId, clientId: invite.clientId, owner: false, permissions: invite.permissions, lastLogin: null });
    void reply.redirect('index.php?rp=/user/accounts');
  });
}
