import { describe, expect, it } from 'vitest';
import { PERMISSION_PRESETS, PERMISSIONS } from '../../../src-shared/api/permissions.js';
import { grantOf } from '../../../src-server/domain/memberships.js';

const stored = (permissions: readonly string[], scope: unknown = null) => ({
  permissions: JSON.stringify(permissions),
  scope: scope === null ? null : JSON.stringify(scope),
});

describe('effective permissions of a membership', () => {
  it('an owner holds every permission and the whole account, whatever is stored', () => {
    expect(grantOf({ role: 'owner', ...stored([], { services: ['svc_1'] }) })).toEqual({ role: 'owner', permissions: [...PERMISSIONS], scope: null });
  });

  it('a member never manages users, and keeps the catalog order', () => {
    const g = grantOf({ role: 'member', ...stored(['tickets', 'users.manage', 'services.view']) });
    expect(g.permissions).toEqual(['services.view', 'tickets']);
  });

  it('an admin keeps users.manage when granted', () => {
    expect(grantOf({ role: 'admin', ...stored(['users.manage', 'tickets']) }).permissions).toEqual(['tickets', 'users.manage']);
  });

  it('a member grant may be scoped; an admin grant never is', () => {
    const scope = { services: ['svc_1'], domains: ['example.com'] };
    expect(grantOf({ role: 'member', ...stored(PERMISSION_PRESETS.webDeveloper, scope) }).scope).toEqual(scope);
    expect(grantOf({ role: 'admin', ...stored(PERMISSION_PRESETS.all, scope) }).scope).toBeNull();
  });

  it('unknown permission names or broken JSON grant nothing rather than everything', () => {
    expect(grantOf({ role: 'member', permissions: '["tickets","root"]', scope: null }).permissions).toEqual([]);
    expect(grantOf({ role: 'member', permissions: '{oops', scope: '{oops' })).toEqual({ role: 'member', permissions: [], scope: null });
  });
});
