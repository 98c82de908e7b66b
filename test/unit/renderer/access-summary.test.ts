import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { permissionKey, summarizeAccess } from '../../../src-renderer/accounts/access-summary.js';
import { english } from '../../../src-renderer/i18n/resources.js';

describe('summarizeAccess', () => {
  it('an owner has all permissions whatever is stored', () => {
    expect(summarizeAccess('owner', [], null)).toEqual({ kind: 'all', scoped: false });
  });

  it('names a preset when the set is exactly one', () => {
    expect(summarizeAccess('member', ['billing.invoices', 'billing.quotes', 'emails.history'], null)).toEqual({
      kind: 'preset',
      preset: 'accountant',
      scoped: false,
    });
    expect(summarizeAccess('member', ['tickets'], null)).toMatchObject({ kind: 'preset', preset: 'supportOnly' });
  });

  it('lists up to three areas and counts the rest', () => {
    expect(summarizeAccess('member', ['services.view', 'domains.view', 'tickets', 'affiliates', 'contacts.manage'], null)).toEqual({
      kind: 'areas',
      areas: ['contacts', 'services', 'domains'],
      more: 2,
      scoped: false,
    });
  });

  it('a plain member never shows users.manage, and nothing left means no permissions', () => {
    expect(summarizeAccess('member', ['users.manage'], null)).toEqual({ kind: 'none', scoped: false });
    expect(summarizeAccess('admin', ['users.manage'], null)).toMatchObject({ kind: 'areas', areas: ['users'] });
  });

  it('says when the grant is limited to chosen services or domains', () => {
    expect(summarizeAccess('member', ['services.view'], { services: ['s1'] })).toMatchObject({ scoped: true });
    expect(summarizeAccess('member', ['services.view'], {})).toMatchObject({ scoped: false });
  });
});

describe('permissionKey', () => {
  it('has an English label for every permission of the catalog', () => {
    const labels = english.permissions as Record<string, string>;
    for (const p of PERMISSIONS) expect(labels[permissionKey(p).replace('permissions.', '')]).toBeTruthy();
  });
});
