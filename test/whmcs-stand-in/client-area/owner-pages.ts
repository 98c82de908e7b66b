/**
 * The owner's pages of the stand-in, after account-user-management.tpl,
 * account-user-permissions.tpl, account-contacts-manage.tpl and user-invite-accept.tpl: the same
 * form actions, input names (`inviteemail`, `permissions`, `perms[<key>]`, `userid`, `inviteid`,
 * `contactid`, `email_preferences[<kind>]`) and data attributes, our own markup.
 */
import { escapeHtml, layout, tokenInput } from './auth-pages.js';
import { LABELS, sinceText, type StandInLanguage } from './since-text.js';
import {
  CONTACT_DETAILS,
  EMAIL_PREFERENCES,
  WHMCS_PERMISSION_KEYS,
  type StandInContact,
  type StandInInvite,
  type StandInUser,
  type Theme,
  type WhmcsPermissionKey,
} from './state.js';

export interface UserRow {
  user: StandInUser;
  owner: boolean;
  lastLogin: Date | null;
}

function permissionBoxes(checked: readonly WhmcsPermissionKey[]): string {
  return WHMCS_PERMISSION_KEYS.map(
    (key) =>
      `<label class="form-check form-check-inline"><input type="checkbox" class="form-check-input" name="perms[${key}]" value="1"${checked.includes(key) ? ' checked="checked"' : ''}> ${key}</label><br>`,
  ).join('');
}

export function userManagementPage(
  theme: Theme,
  token: string,
  now: Date,
  users: UserRow[],
  invites: StandInInvite[],
  language: StandInLanguage = 'english',
): string {
  const userRows = users
    .map(({ user, owner, lastLogin }) => {
      const shield = user.totpSecret ? 'fas fa-shield text-success' : 'fas fa-shield text-grey';
      return `<tr><td>${escapeHtml(user.email)}${owner ? ' <span class="label label-info">Owner</span>' : ''} <i class="${shield}" data-toggle="tooltip"></i><br><small>${LABELS[language].lastLogin}: ${sinceText(lastLogin, now, language)}</small></td>
<td><a href="index.php?rp=/account/users/${user.id}/permissions" class="btn btn-default btn-sm btn-manage-permissions${owner ? ' disabled' : ''}">Manage Permissions</a>
<a href="#" class="btn btn-danger btn-sm btn-remove-user${owner ? ' disabled' : ''}" data-id="${user.id}">Remove Access</a></td></tr>`;
    })
    .join('\n');
  const inviteRows = invites
    .map(
      (invite) => `<tr><td>${escapeHtml(invite.email)}<br><small>${LABELS[language].inviteSent}: ${sinceText(invite.createdAt, now, language)}</small></td><td>
<form method="post" action="index.php?rp=/account/users/invite/resend">${tokenInput(token)}<input type="hidden" name="inviteid" value="${invite.id}"><button type="submit" class="btn btn-default btn-sm">Resend Invite</button>
<button type="button" class="btn btn-default btn-sm btn-cancel-invite" data-id="${invite.id}">Cancel Invite</button></form></td></tr>`,
    )
    .join('\n');
  const pending = invites.length > 0 ? `<tr><td colspan="3"><strong>Pending Invites</strong></td></tr>${inviteRows}` : '';
  const body = `<div class="card"><div class="card-body"><h3 class="card-title">User Management</h3><table class="table table-striped"><tr><th>Email Address / Last Login</th><th>Actions</th></tr>${userRows}${pending}</table></div></div>
<div class="card"><div class="card-body"><h3 class="card-title">Invite New User</h3>
<form method="post" action="index.php?rp=/account/users/invite">${tokenInput(token)}<input type="email" name="inviteemail" class="form-control">
<label><input type="radio" name="permissions" value="all" checked="checked"> All Permissions</label><label><input type="radio" name="permissions" value="choose"> Choose Permissions</label>
<div class="well w-hidden" id="invitePermissions">${permissionBoxes([])}</div><button type="submit" class="btn btn-primary">Send Invite</button></form></div></div>
<form method="post" action="index.php?rp=/account/users/remove">${tokenInput(token)}<input type="hidden" name="userid" id="inputRemoveUserId"></form>
<form method="post" action="index.php?rp=/account/users/invite/cancel">${tokenInput(token)}<input type="hidden" name="inviteid" id="inputCancelInviteId"></form>`;
  return layout(theme, body, true, 'User Management');
}

export function permissionsPage(theme: Theme, token: string, user: StandInUser, permissions: readonly WhmcsPermissionKey[]): string {
  const body = `<div class="card"><div class="card-body"><h3 class="card-title">Manage Permissions: ${escapeHtml(user.email)}</h3>
<form method="post" action="index.php?rp=/account/users/${user.id}/permissions">${tokenInput(token)}${permissionBoxes(permissions)}<button type="submit" class="btn btn-primary">Save</button></form></div></div>`;
  return layout(theme, body, true, 'Manage Permissions');
}

export function contactsPage(theme: Theme, token: string, contacts: StandInContact[], selected: StandInContact | undefined): string {
  const options = contacts
    .map(
      (c) =>
        `<option value="${c.id}"${c.id === selected?.id ? ' selected="selected"' : ''}>${escapeHtml(`${c.firstName} ${c.lastName}`)} - ${escapeHtml(c.email)}</option>`,
    )
    .join('');
  const chooser = `<div class="alert alert-block alert-info"><form role="form" method="post" action="index.php?rp=/account/contacts">${tokenInput(token)}<select name="contactid" id="inputContactId">${options}<option value="new">Add New Contact...</option></select><button type="submit" class="btn btn-default">Go</button></form></div>`;
  if (!selected) return layout(theme, chooser, true, 'Contacts');
  const prefs = EMAIL_PREFERENCES.map(
    (kind) =>
      `<label><input type="hidden" name="email_preferences[${kind}]" value="0"><input type="checkbox" class="form-check-input" name="email_preferences[${kind}]" id="${kind}emails" value="1"${selected.preferences[kind] ? ' checked="checked"' : ''} /> ${kind}</label><br />`,
  ).join('');
  const form = `<div class="card"><div class="card-body"><form role="form" method="post" action="index.php?rp=/account/contacts/save">${tokenInput(token)}<input type="hidden" name="contactid" value="${selected.id}" />
<input type="text" name="firstname" value="${escapeHtml(selected.firstName)}" class="form-control" /><input type="text" name="lastname" value="${escapeHtml(selected.lastName)}" class="form-control" />
<input type="email" name="email" value="${escapeHtml(selected.email)}" class="form-control" />
${CONTACT_DETAILS.map((name) => `<input type="text" name="${name}" value="${escapeHtml(selected.details[name])}" class="form-control" />`).join('')}
<div class="controls form-check">${prefs}</div><input class="btn btn-primary" type="submit" name="save" value="Save Changes" /></form></div></div>
<form method="post" action="index.php?rp=/account/contacts/delete">${tokenInput(token)}<input type="hidden" name="contactid" value="${selected.id}"></form>`;
  return layout(theme, chooser + form, true, 'Contacts');
}

/** WHMCS shows one "not found" page for an unknown, expired or used link: no accept form. */
export function inviteAcceptPage(theme: Theme, token: string, invite: { token: string; clientName: string } | null, signedIn: boolean): string {
  const body = invite
    ? `<div class="card"><div class="card-body text-center"><h2>You have been invited to ${escapeHtml(invite.clientName)}</h2>${
        signedIn
          ? `<form method="post" action="index.php?rp=/invite/${escapeHtml(invite.token)}/validate">${tokenInput(token)}<p><button type="submit" class="btn btn-default">Accept Invite</button></p></form>`
          : `<form method="post" action="index.php?rp=/login" class="text-left">${tokenInput(token)}<input type="email" name="username"><input type="password" name="password"><button type="submit">Login</button></form>`
      }</div></div>`
    : `<div class="card"><div class="card-body text-center"><h2><i class="fas fa-times fa-2x text-danger pb-4"></i><br>Invite Not Found</h2><p class="pt-4">Please contact the account administrator.</p></div></div>`;
  return layout(theme, body, signedIn, 'Account Invite');
}
