/**
 * Reads the owner's User Management and Manage Permissions pages (account-user-management.tpl,
 * account-user-permissions.tpl) by their forms, buttons' `data-id` and input names.
 */
import type { Page } from './browser.js';
import { lastLoginFrom } from './last-login.js';
import { formFor } from './pages.js';

export const USERS_ROUTE = '/account/users';
export const INVITE_ROUTE = '/account/users/invite';
export const RESEND_ROUTE = '/account/users/invite/resend';
export const CANCEL_ROUTE = '/account/users/invite/cancel';
export const REMOVE_ROUTE = '/account/users/remove';
export const permissionsRoute = (userId: string) => `/account/users/${userId}/permissions`;

export interface UserRow {
  id: string;
  email: string;
  owner: boolean;
  twoFactorEnabled: boolean;
  /** Read by `last-login.ts` (machine date, written date or Carbon's "3 hours ago"); null for never or unread. */
  lastLoginAt: string | null;
}

export interface InviteRow {
  id: string;
  email: string;
}

/** The owner's page is the one with the invite form; anyone else gets access denied or the home page. */
export function isUserManagement(page: Page): boolean {
  return page.status === 200 && formFor(page, INVITE_ROUTE) !== null;
}

export function parseUsers(page: Page, now: Date): UserRow[] {
  const { $ } = page;
  const rows: UserRow[] = [];
  $('.btn-remove-user[data-id], [data-id].btn-remove-user').each((_, button) => {
    const id = $(button).attr('data-id') ?? '';
    const row = $(button).closest('tr');
    const cell = row.find('td').first().clone();
    const owner = cell.find('.label-info, .badge-info').length > 0;
    const twoFactorEnabled = cell.find('i[class*="shield"].text-success').length > 0;
    const small = cell.find('small');
    const machineValues = [
      small,
      ...small
        .find('time, [data-date], [data-last-login], [title]')
        .toArray()
        .map((e) => $(e)),
    ].flatMap((e) => ['datetime', 'data-date', 'data-last-login', 'title'].map((name) => e.attr(name)).filter((v): v is string => v !== undefined));
    const lastLoginAt = lastLoginFrom({ text: small.text(), machineValues }, now);
    cell.find('small, .label, .badge, i').remove();
    const email = cell.text().replace(/\s+/g, ' ').trim();
    if (/^[0-9]+$/.test(id) && email.includes('@')) rows.push({ id, email, owner, twoFactorEnabled, lastLoginAt });
  });
  return rows;
}

export function parseInvites(page: Page): InviteRow[] {
  const { $ } = page;
  const rows: InviteRow[] = [];
  page.$('form').each((_, form) => {
    const action = $(form).attr('action') ?? '';
    if (!action.includes(RESEND_ROUTE)) return;
    const id = $(form).find('input[name="inviteid"]').attr('value') ?? '';
    const cell = $(form).closest('tr').find('td').first().clone();
    cell.find('small').remove();
    const email = cell.text().replace(/\s+/g, ' ').trim();
    if (/^[0-9]+$/.test(id) && email.includes('@')) rows.push({ id, email });
  });
  return rows;
}

/** The WHMCS keys ticked on the Manage Permissions form. */
export function parseCheckedPermissions(page: Page): string[] {
  const { $ } = page;
  return $('input[type="checkbox"][name^="perms["]')
    .filter((_, input) => $(input).attr('checked') !== undefined)
    .map((_, input) => /^perms\[([a-z]+)\]$/.exec($(input).attr('name') ?? '')?.[1] ?? '')
    .get()
    .filter((key) => key.length > 0);
}
