import { ACCESS_REQUEST_STATUSES } from '../../../src-shared/api/access-requests.js';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../src-shared/api/activity.js';
import { MAIL_KINDS } from '../../../src-shared/api/contacts.js';
import { PERMISSION_PRESETS, ROLES } from '../../../src-shared/api/permissions.js';
import { UserStatus } from '../../../src-shared/api/users.js';
import { Capability } from '../../../src-shared/api/connectors.js';
import { Theme } from '../../../src-shared/ipc/channels/settings.js';
import { english, type Messages } from '../../../src-renderer/i18n/resources.js';

/** Keys built from the contract's enums at run time: a new enum value must come with its English text. */
function lookup(path: string): string | undefined {
  let node: Messages | string | undefined = english;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe('English has a text for every value the contract can send', () => {
  it.each([
    ['audit action', AUDIT_ACTIONS.map((a) => `audit.actions.${a.replace('.', '_')}`)],
    ['capability', Capability.options.map((c) => `connections.caps.${c.replace('.', '_')}`)],
    ['mail kind', MAIL_KINDS.flatMap((k) => [`contacts.mail.${k}`, `contacts.mailHint.${k}`])],
    ['preset', Object.keys(PERMISSION_PRESETS).map((p) => `team.presets.${p}`)],
    ['role', ROLES.flatMap((r) => [`roles.${r}`, `detail.roleText.${r}`])],
    ['user status', UserStatus.options.map((s) => `team.status.${s}`)],
    ['theme', Theme.options.map((t) => `settings.themes.${t}`)],
    ['access request status', ACCESS_REQUEST_STATUSES.map((s) => `accessRequests.status.${s}`)],
  ])('%s', (_what, keys) => {
    expect(keys.filter((k) => lookup(k) === undefined)).toEqual([]);
  });
});

describe('numbers in sentences', () => {
  it('are written the way each language writes them, and still choose the plural form', async () => {
    const { default: i18n } = await import('../../../src-renderer/i18n/i18n.js');
    // Only English is held from the start; the others are fetched as a chosen language is.
    await i18n.loadLanguages(['it', 'fr', 'pl']);
    const count = (lng: string, n: number) => i18n.getFixedT(lng)('accounts.count', { count: n });
    expect(count('en', 50_000)).toBe('50,000 accounts');
    expect(count('en', 1)).toBe('1 account');
    expect(count('it', 50_000)).toBe('50.000 account');
    expect(count('pl', 5)).toBe('5 kont');
    expect(count('pl', 3)).toBe('3 konta');
    expect(count('fr', 50_000).replace(/\s/g, ' ')).toBe('50 000 comptes');
  });
});
