import { describe, expect, it } from 'vitest';
import type { AccountProducts } from '../../../src-shared/ipc/channels/products.js';
import { isEmptyChoice, NOTHING_CHOSEN, scopeOf, scopeOptions, toggleScope } from '../../../src-renderer/account-detail/scope-choice.js';

const T = '2025-01-01T00:00:00.000Z';
const products: AccountProducts = {
  services: [
    { id: 'svc_1', accountId: 'acc_1', name: 'Web Hosting', status: 'active', assignee: null, createdAt: T },
    { id: 'svc_2', accountId: 'acc_1', name: 'Old VPS', status: 'cancelled', assignee: null, createdAt: T },
  ],
  domains: [{ id: 'dom_1', accountId: 'acc_1', name: 'bellini.example', expiresAt: T, createdAt: T }],
};

describe('scope choice', () => {
  it('offers services by id and domains by name from the provider, leaving cancelled services out', () => {
    expect(scopeOptions(products, ['ignored.example'])).toEqual({
      services: [{ value: 'svc_1', label: 'Web Hosting' }],
      domains: [{ value: 'bellini.example', label: 'bellini.example' }],
    });
  });

  it('falls back to the row’s domain names when the provider’s lists cannot be had', () => {
    expect(scopeOptions(null, ['a.example'])).toEqual({ services: [], domains: [{ value: 'a.example', label: 'a.example' }] });
  });

  it('turns a choice into the API scope: nothing for the whole account, only the kinds that name something', () => {
    expect(scopeOf(null)).toBeUndefined();
    let choice = toggleScope(NOTHING_CHOSEN, 'services', 'svc_1', true);
    expect(scopeOf(choice)).toEqual({ services: ['svc_1'] });
    choice = toggleScope(choice, 'domains', 'bellini.example', true);
    choice = toggleScope(choice, 'domains', 'bellini.example', true);
    expect(scopeOf(choice)).toEqual({ services: ['svc_1'], domains: ['bellini.example'] });
    expect(isEmptyChoice(choice)).toBe(false);
    choice = toggleScope(toggleScope(choice, 'services', 'svc_1', false), 'domains', 'bellini.example', false);
    expect(isEmptyChoice(choice)).toBe(true);
    expect(isEmptyChoice(null)).toBe(false);
    expect(NOTHING_CHOSEN).toEqual({ services: [], domains: [] });
  });
});
