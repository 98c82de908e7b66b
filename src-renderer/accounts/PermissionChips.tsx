import { useTranslation } from 'react-i18next';
import { effectivePermissions, type Permission, type Role } from '../../src-shared/api/permissions.js';
import { permissionKey } from './access-summary.js';

/** What a grant lets someone do, a chip a permission, as the role makes it (an owner may do all). */
export function PermissionChips({ role, permissions }: { role: Role; permissions: readonly Permission[] }) {
  const { t } = useTranslation();
  return (
    <ul className="chips" aria-label={t('invitations.permissionsLabel')}>
      {effectivePermissions(role, permissions).map((p) => (
        <li key={p} className="chip">
          {t(permissionKey(p))}
        </li>
      ))}
    </ul>
  );
}
